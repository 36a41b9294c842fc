/**
 * The clip behind `MediaSource.generated()`: a 4 s VP8 test pattern (320×240, 30 fps, a frame counter,
 * a key frame every 0.5 s) and an Opus tone with a beep each second, made once with ffmpeg by
 * `scripts/make-clip.sh` and shipped in `assets/`. Loaded and cut into RTP payloads once per
 * process (~1 ms), on first use, and shared by every call.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseIvf } from './ivf.js';
import type { MediaSourceSpec } from './media-source.js';
import { parseOggOpus } from './ogg-opus.js';
import type { PacketisedMedia } from './packet-source.js';
import { packetiseIvf, packetiseOpus } from './packetise.js';

/** The clip's picture size and frame rate. */
export const CLIP_VIDEO = { width: 320, height: 240, fps: 30 } as const;

let clip: PacketisedMedia | undefined;

/**
 * Where the clip's files are: `assets/` at the package root, found from this module both in a
 * checkout (`src/media/`) and in the published package (`dist/src/media/`).
 *
 * @param name - a file name in `assets/`
 * @throws Error if the package ships no such asset
 */
export function assetPath(name: string): string {
  for (const up of ['../../assets/', '../../../assets/']) {
    const path = fileURLToPath(new URL(`${up}${name}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`janus-xstate: the asset '${name}' is missing from the package (assets/)`);
}

/** The clip, packetised (loaded on the first call, then shared). Audio is cut to the video's length. */
export function loadClip(): PacketisedMedia {
  if (clip) return clip;
  const video = packetiseIvf(parseIvf(readFileSync(assetPath('clip.ivf'))));
  const videoTicks = video.frames.reduce((sum, frame) => sum + frame.durationTicks, 0);
  const audio = packetiseOpus(parseOggOpus(readFileSync(assetPath('clip.opus'))), (videoTicks * 48) / 90);
  clip = { audio, video };
  return clip;
}

/**
 * Whether `spec` asks for the generated source exactly as the shipped clip is (no tone, pattern or
 * encoding of its own): then it is played in process, otherwise ffmpeg makes it.
 */
export function usesClip(spec: MediaSourceSpec | undefined): boolean {
  if (!spec) return true;
  const input = spec.input;
  if (input.type !== 'generated' || input.toneHz !== undefined || input.pattern !== undefined) return false;
  if (spec.audio && Object.values(spec.audio).some((value) => value !== undefined)) return false;
  const video = spec.video ?? {};
  return Object.entries(video).every(
    ([key, value]) => value === undefined || CLIP_VIDEO[key as keyof typeof CLIP_VIDEO] === value,
  );
}
