/**
 * What a handle sends: a generated test tone and test pattern, or a file that ffmpeg can read.
 * @module
 */
import type { AudioEncoding, FileInput, GeneratedInput, VideoEncoding } from './generated-source.js';

/** A description of media to send; encoded to Opus/VP8 RTP by ffmpeg when a call starts. */
export interface MediaSourceSpec {
  /** The ffmpeg input: generated, or a file. */
  readonly input: GeneratedInput | FileInput;
  /** Opus settings. Default: 48 kbit/s. */
  readonly audio?: AudioEncoding;
  /** VP8 settings. Default: 320×240 at 30 fps, 400 kbit/s. */
  readonly video?: VideoEncoding;
}

/** Options of {@link MediaSource.generated}. */
export interface GeneratedSourceOptions {
  /** Tone frequency in Hz. Default 440. */
  toneHz?: number;
  /** The ffmpeg test pattern. Default `testsrc2`. */
  pattern?: GeneratedInput['pattern'];
  /** Opus settings. */
  audio?: AudioEncoding;
  /** VP8 settings. */
  video?: VideoEncoding;
}

/** Options of {@link MediaSource.file}. */
export interface FileSourceOptions {
  /** Start over at the end of the file. Default `false`. */
  loop?: boolean;
  /** Opus settings. */
  audio?: AudioEncoding;
  /** VP8 settings. */
  video?: VideoEncoding;
}

/** Factories of media sources for `start`, `publish`, `call`, `offer`... (needs Debian's `ffmpeg`). */
export const MediaSource = {
  /** A sine tone and a moving test pattern. */
  generated(options: GeneratedSourceOptions = {}): MediaSourceSpec {
    const input: GeneratedInput = { type: 'generated', ...pick(options, ['toneHz', 'pattern']) };
    return { input, ...pick(options, ['audio', 'video']) };
  },
  /** Any file ffmpeg can read, re-encoded in real time; `loop` plays it again and again. */
  file(path: string, options: FileSourceOptions = {}): MediaSourceSpec {
    const input: FileInput = {
      type: 'file',
      path,
      ...(options.loop === undefined ? {} : { loop: options.loop }),
    };
    return { input, ...pick(options, ['audio', 'video']) };
  },
} as const;

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}
