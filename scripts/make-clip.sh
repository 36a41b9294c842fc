#!/bin/sh
# Remakes the pre-encoded clip behind MediaSource.generated(): assets/clip.ivf (VP8) and
# assets/clip.opus (Ogg/Opus). Run once at development time (needs ffmpeg with libvpx, libopus and
# drawtext); the package ships the two files and never runs ffmpeg for them.
#
# Both last exactly CLIP_S seconds so that the in-process player loops them seamlessly:
# - video: testsrc2 320x240 at 30 fps with a frame counter, VP8, a keyframe every 15 frames (0.5 s),
#   no alt-ref or lagged frames (every frame is shown at once), error resilient;
# - audio: a 440 Hz tone with a short 880 Hz beep each second, Opus 48 kHz stereo in 20 ms frames.
#   A whole number of cycles of both tones fits in CLIP_S, so the loop point is inaudible.
set -eu
cd "$(dirname "$0")/.."
CLIP_S=4
FPS=30
FONT=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf}
mkdir -p assets
ffmpeg -hide_banner -loglevel warning -y \
  -f lavfi -i "testsrc2=size=320x240:rate=${FPS}:duration=${CLIP_S}" \
  -vf "drawtext=fontfile=${FONT}:text='frame %{frame_num}':x=8:y=8:fontsize=20:fontcolor=white:box=1:boxcolor=black@0.6" \
  -frames:v $((CLIP_S * FPS)) \
  -c:v libvpx -deadline good -cpu-used 4 -b:v 300k -maxrate 400k -bufsize 200k \
  -g 15 -keyint_min 15 -lag-in-frames 0 -auto-alt-ref 0 -error-resilient 1 -pix_fmt yuv420p \
  -f ivf assets/clip.ivf
ffmpeg -hide_banner -loglevel warning -y \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=${CLIP_S}" \
  -f lavfi -i "sine=frequency=880:sample_rate=48000:duration=${CLIP_S}" \
  -filter_complex "[1:a]volume='if(lt(mod(t,1),0.1),1,0)':eval=frame[beep];[0:a]volume=0.5[tone];[tone][beep]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo" \
  -c:a libopus -b:a 32k -frame_duration 20 -application audio -ar 48000 \
  -f ogg assets/clip.opus
ls -l assets/clip.ivf assets/clip.opus
