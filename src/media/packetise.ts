/**
 * Turning demuxed files into {@link PacketisedTrack}s: IVF (VP8, VP9) and Ogg/Opus.
 * @module
 */
import { JanusError } from '../errors.js';
import type { IvfFile } from './ivf.js';
import { type OggOpusFile, opusPacketSamples } from './ogg-opus.js';
import type { PacketisedFrame, PacketisedTrack } from './packet-source.js';
import { DEFAULT_MAX_PAYLOAD, isVp8Keyframe, packetizeVp8, vp8FrameSize } from './vp8-rtp.js';
import { isVp9Keyframe, packetizeVp9, vp9FrameSize } from './vp9-rtp.js';

/** How the frames of each video codec are cut into payloads, and key frames and sizes told. */
const VIDEO_CODECS = {
  VP8: { packetize: packetizeVp8, isKeyframe: isVp8Keyframe, frameSize: vp8FrameSize },
  VP9: { packetize: packetizeVp9, isKeyframe: isVp9Keyframe, frameSize: vp9FrameSize },
} as const;

/**
 * Cuts video frames into RTP payloads, each frame with its duration on the 90 kHz clock; the picture
 * size is the first key frame's, else `fallbackSize`.
 *
 * @param codec - `VP8` or `VP9`
 * @param frames - the frames in order, each with its duration
 * @param fallbackSize - the size a container states, used when the first frame does not say
 * @param maxPayload - bytes per RTP payload. Default 1100
 */
export function packetiseVideo(
  codec: 'VP8' | 'VP9',
  frames: readonly { data: Buffer; durationTicks: number }[],
  fallbackSize: { width?: number; height?: number } = {},
  maxPayload = DEFAULT_MAX_PAYLOAD,
): PacketisedTrack {
  const tools = VIDEO_CODECS[codec];
  const out: PacketisedFrame[] = frames.map((frame) => ({
    payloads: tools.packetize(frame.data, maxPayload),
    durationTicks: frame.durationTicks,
    keyframe: tools.isKeyframe(frame.data),
  }));
  const first = frames[0]?.data;
  const size = first ? tools.frameSize(first) : undefined;
  const width = size?.width ?? fallbackSize.width;
  const height = size?.height ?? fallbackSize.height;
  return {
    codec,
    clockRate: 90_000,
    frames: out,
    ...(width === undefined ? {} : { width }),
    ...(height === undefined ? {} : { height }),
  };
}

/**
 * Cuts the frames of an IVF file into RTP payloads (VP8 or VP9), with durations on the 90 kHz clock
 * from the frames' time stamps (the last frame lasts as long as the one before it).
 *
 * @param file - a parsed IVF file
 * @param maxPayload - bytes per RTP payload. Default 1100
 * @throws JanusError `MEDIA_UNSUPPORTED` for a codec other than VP8/VP9, or a file without frames
 */
export function packetiseIvf(file: IvfFile, maxPayload = DEFAULT_MAX_PAYLOAD): PacketisedTrack {
  const vp9 = file.fourcc === 'VP90';
  if (!vp9 && file.fourcc !== 'VP80') throw new JanusError('MEDIA_UNSUPPORTED', `IVF codec ${file.fourcc}`);
  if (file.frames.length === 0) throw new JanusError('MEDIA_UNSUPPORTED', 'IVF file without frames');
  const ticks = (pts: number) => Math.round(pts * file.timebase * 90_000);
  const frames = file.frames.map((frame, i) => {
    const next = file.frames[i + 1] ?? file.frames[i - 1];
    const duration = next ? Math.abs(ticks(next.pts) - ticks(frame.pts)) : 3000;
    return { data: frame.data, durationTicks: duration || 3000 };
  });
  return packetiseVideo(vp9 ? 'VP9' : 'VP8', frames, { width: file.width, height: file.height }, maxPayload);
}

/**
 * One RTP payload per Opus packet (RFC 7587), with durations from each packet's TOC.
 *
 * @param file - a parsed Ogg/Opus stream
 * @param maxDurationTicks - keep only packets that fit in this much audio (48 kHz ticks). Default: all
 */
export function packetiseOpus(
  file: OggOpusFile,
  maxDurationTicks = Number.POSITIVE_INFINITY,
): PacketisedTrack {
  const frames: PacketisedFrame[] = [];
  let total = 0;
  for (const packet of file.packets) {
    const samples = opusPacketSamples(packet);
    if (samples === 0) continue;
    if (total + samples > maxDurationTicks) break;
    total += samples;
    frames.push({ payloads: [packet], durationTicks: samples, keyframe: true });
  }
  if (frames.length === 0) throw new JanusError('MEDIA_UNSUPPORTED', 'Ogg/Opus stream without audio packets');
  return { codec: 'opus', clockRate: 48_000, frames };
}
