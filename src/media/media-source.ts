/**
 * What a handle sends. In Node: the shipped test clip (a VP8 test pattern with a frame counter and an Opus
 * tone, played in process), a tone/pattern of your own (ffmpeg), or a file (WebM VP8/VP9/Opus, Ogg/Opus
 * and IVF VP8/VP9 in process; anything else transcoded by ffmpeg). In the browser: `getUserMedia` constraints, a
 * `MediaStream` or a canvas (see `BrowserMediaSource` in `janus-xstate/browser`).
 * @module
 */
import type { AudioEncoding, FileInput, GeneratedInput, VideoEncoding } from './generated-source.js';

/**
 * A description of media to send. Played in process (no ffmpeg) for `generated()` without options and for
 * WebM (VP8/VP9/Opus), Ogg/Opus and IVF (VP8/VP9) files; anything else is encoded to Opus/VP8 RTP by ffmpeg when
 * the call starts (`FFMPEG_MISSING` at once when ffmpeg is not installed).
 */
export interface MediaSourceSpec {
  /** The input: generated or a file (Node), or user media, a stream or a canvas (browser). */
  readonly input: GeneratedInput | FileInput | BrowserInput;
  /** Opus settings. Default: 48 kbit/s. */
  readonly audio?: AudioEncoding;
  /** VP8 settings. Default: 320×240 at 30 fps, 400 kbit/s. */
  readonly video?: VideoEncoding;
}

/**
 * A browser source (made with `BrowserMediaSource` of `janus-xstate/browser`): `getUserMedia` constraints,
 * a `MediaStream`, or a canvas whose `captureStream()` is sent. Typed without the DOM so that Node
 * projects need no DOM types; a Node peer rejects it with `INVALID_ARGUMENT`.
 */
export type BrowserInput =
  | {
      /** `navigator.mediaDevices.getUserMedia(constraints)`. */
      readonly type: 'user-media';
      /** The `MediaStreamConstraints`. */
      readonly constraints: { readonly audio?: unknown; readonly video?: unknown };
    }
  | {
      /** A `MediaStream` of the application's; its tracks are sent and never stopped by the client. */
      readonly type: 'stream';
      /** The `MediaStream`. */
      readonly stream: object;
    }
  | {
      /** A canvas (`HTMLCanvasElement` or `OffscreenCanvas`): `canvas.captureStream(frameRate)` is sent. */
      readonly type: 'canvas';
      /** The canvas. */
      readonly canvas: object;
      /** Frames per second captured. Default 30. */
      readonly frameRate?: number;
    };

/** Whether `input` is a browser source (which a Node peer cannot send). */
export function isBrowserInput(input: MediaSourceSpec['input'] | undefined): input is BrowserInput {
  return input?.type === 'user-media' || input?.type === 'stream' || input?.type === 'canvas';
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

/** Factories of media sources for `start`, `publish`, `call`, `offer`... */
export const MediaSource = {
  /**
   * The shipped clip: a 320×240 30 fps VP8 test pattern with a frame counter (a key frame every 0.5 s, and
   * at once when a receiver asks) and an Opus tone with a beep each second, looped seamlessly, shared by
   * every call, no ffmpeg. With `toneHz`, `pattern`, `audio` or `video` options other than the clip's own,
   * ffmpeg generates and encodes the media instead.
   */
  generated(options: GeneratedSourceOptions = {}): MediaSourceSpec {
    const input: GeneratedInput = { type: 'generated', ...pick(options, ['toneHz', 'pattern']) };
    return { input, ...pick(options, ['audio', 'video']) };
  },
  /**
   * A file; `loop` plays it again and again. WebM (VP8 or VP9, Opus), Ogg/Opus and IVF (VP8 or VP9)
   * holding every kind the call sends are played in process, VP9 being offered as the call's only video
   * codec; anything else, or with `audio`/`video` options, is re-encoded to VP8 in real time by ffmpeg.
   */
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
