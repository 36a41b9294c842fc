/**
 * File sources played in process, without ffmpeg: WebM (VP8 or VP9 video, Opus audio), Ogg/Opus and IVF
 * (VP8 or VP9). Anything else (other containers or codecs, or a size/rate/bitrate of its own) goes through
 * ffmpeg.
 * @module
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { JanusError } from '../errors.js';
import { parseIvf } from './ivf.js';
import { parseOggOpus } from './ogg-opus.js';
import type { MediaKind, PacketisedMedia, PacketisedTrack } from './packet-source.js';
import { packetiseIvf, packetiseOpus, packetiseVideo } from './packetise.js';
import { demuxWebm } from './webm-demux.js';

/**
 * Reads and packetises a media file in process, or says it cannot: `undefined` for a file that needs
 * transcoding (unknown extension, a codec other than VP8/VP9/Opus).
 *
 * @param path - the file
 * @throws JanusError `MEDIA_FORMAT` when a file of a known kind is broken
 */
export function loadMediaFile(path: string): PacketisedMedia | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.ivf')) {
    const file = parseIvf(readFileSync(path));
    return file.fourcc === 'VP80' || file.fourcc === 'VP90' ? { video: packetiseIvf(file) } : undefined;
  }
  if (lower.endsWith('.ogg') || lower.endsWith('.opus') || lower.endsWith('.oga')) {
    return { audio: packetiseOpus(parseOggOpus(readFileSync(path))) };
  }
  if (lower.endsWith('.webm')) {
    const media: { audio?: PacketisedTrack; video?: PacketisedTrack } = {};
    for (const track of demuxWebm(readFileSync(path))) {
      if (track.kind === 'video' && WEBM_VIDEO_CODECS.has(track.codec) && !media.video)
        media.video = webmVideo(track.frames, track.codec === 'V_VP9' ? 'VP9' : 'VP8');
      else if (track.kind === 'audio' && track.codec === 'A_OPUS' && !media.audio) {
        media.audio = packetiseOpus({ channels: 2, preSkip: 0, packets: track.frames.map((f) => f.data) });
      } else return undefined; // another codec: transcode the whole file
    }
    return media.audio || media.video ? media : undefined;
  }
  return undefined;
}

/** The WebM video codecs played in process (Matroska codec IDs). */
const WEBM_VIDEO_CODECS: ReadonlySet<string> = new Set(['V_VP8', 'V_VP9']);

function webmVideo(
  frames: readonly { timeMs: number; data: Buffer }[],
  codec: 'VP8' | 'VP9',
): PacketisedTrack {
  const timed = frames.map((frame, i) => {
    const next = frames[i + 1] ?? frames[i - 1];
    const durationTicks = next ? Math.round(Math.abs(next.timeMs - frame.timeMs) * 90) || 3000 : 3000;
    return { data: frame.data, durationTicks };
  });
  return packetiseVideo(codec, timed);
}

/** Whether packetised media has every kind in `kinds`. */
export function hasKinds(media: PacketisedMedia, kinds: readonly MediaKind[]): boolean {
  return kinds.every((kind) => media[kind] !== undefined);
}

/** Whether `command` is an executable file, or one on `PATH`. */
function onPath(command: string): boolean {
  const candidates = isAbsolute(command)
    ? [command]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, command));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Throws `FFMPEG_MISSING` unless an `ffmpeg` executable is on `PATH` (looked up, not run: cheap).
 *
 * @param why - what needs it, for the message
 * @param ffmpegPath - the executable. Default `'ffmpeg'`
 */
export function requireFfmpeg(why: string, ffmpegPath = 'ffmpeg'): void {
  if (!onPath(ffmpegPath)) {
    throw new JanusError(
      'FFMPEG_MISSING',
      `${why} needs ffmpeg, which is not installed (Debian: apt-get install ffmpeg). ` +
        'MediaSource.generated() and WebM (VP8/Opus), Ogg/Opus and IVF (VP8) files need no ffmpeg.',
    );
  }
}
