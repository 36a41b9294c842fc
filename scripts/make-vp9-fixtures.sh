#!/bin/sh
# Remakes the VP9 files the file-source tests play in process: test/fixtures/media/vp9-opus.webm (VP9
# video and Opus audio) and test/fixtures/media/vp9.ivf (VP9 alone). Run once at development time (needs
# ffmpeg with libvpx-vp9 and libopus); the tests read the committed files and never run ffmpeg for them.
#
# 2 s of testsrc2 at 160x120, 30 fps, a key frame every 15 frames, no alt-ref or lagged frames (one shown
# frame per block, no superframes), and a 440 Hz tone in 20 ms Opus frames.
set -eu
cd "$(dirname "$0")/.."
OUT=test/fixtures/media
mkdir -p "$OUT"
VP9="-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 60k -g 15 -keyint_min 15 -lag-in-frames 0 -auto-alt-ref 0 -error-resilient 1 -pix_fmt yuv420p"
ffmpeg -hide_banner -loglevel warning -y \
  -f lavfi -i "testsrc2=size=160x120:rate=30:duration=2" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=2" \
  $VP9 -c:a libopus -b:a 24k -frame_duration 20 -ar 48000 -ac 2 \
  -f webm "$OUT/vp9-opus.webm"
ffmpeg -hide_banner -loglevel warning -y \
  -f lavfi -i "testsrc2=size=160x120:rate=30:duration=2" \
  $VP9 -f ivf "$OUT/vp9.ivf"
ls -l "$OUT/vp9-opus.webm" "$OUT/vp9.ivf"
