/**
 * What a browser call sends: `getUserMedia` constraints, a `MediaStream` of the application's, or a canvas.
 * @module
 */
import { JanusError } from '../errors.js';
import type { BrowserInput, MediaSourceSpec } from '../media/media-source.js';

/** Options of {@link BrowserMediaSource.canvas}. */
export interface CanvasSourceOptions {
  /** Frames per second captured. Default 30. */
  frameRate?: number;
}

/** Factories of browser media sources, for the `source` option of `start`, `publish`, `call`, `offer`... */
export const BrowserMediaSource = {
  /**
   * `navigator.mediaDevices.getUserMedia(constraints)`, asked when the call needs it. The default source
   * of a browser call is `userMedia()` with just the kinds the call sends.
   */
  userMedia(constraints: MediaStreamConstraints = {}): MediaSourceSpec {
    return { input: { type: 'user-media', constraints } };
  },
  /** The tracks of `stream`: the first audio and the first video track. The client never stops them. */
  stream(stream: MediaStream): MediaSourceSpec {
    return { input: { type: 'stream', stream } };
  },
  /**
   * What is drawn on `canvas` (`captureStream(frameRate)`, video only; a call that also sends audio takes
   * it from `getUserMedia({ audio: true })`).
   */
  canvas(canvas: HTMLCanvasElement | OffscreenCanvas, options: CanvasSourceOptions = {}): MediaSourceSpec {
    const input: BrowserInput =
      options.frameRate === undefined
        ? { type: 'canvas', canvas }
        : { type: 'canvas', canvas, frameRate: options.frameRate };
    return { input };
  },
} as const;

/** The local tracks of a call, and which of them the client made (and must stop). */
export class LocalTracks {
  readonly #tracks: Partial<Record<'audio' | 'video', MediaStreamTrack>> = {};
  readonly #owned = new Set<MediaStreamTrack>();
  /** The stream the local tracks belong to (shown as the local preview). */
  readonly stream = new MediaStream();

  /**
   * Acquires the local tracks of `kinds` that are not live yet, with one `getUserMedia` call for those that
   * come from user media (two calls cost a second or more with some devices).
   */
  async prepare(kinds: readonly ('audio' | 'video')[], spec: MediaSourceSpec | undefined): Promise<void> {
    const input = spec?.input;
    const fromUserMedia = kinds.filter(
      (kind) =>
        this.#tracks[kind]?.readyState !== 'live' &&
        (input === undefined || input.type === 'user-media' || (input.type === 'canvas' && kind === 'audio')),
    );
    if (fromUserMedia.length < 2) return;
    const constraints = input?.type === 'user-media' ? (input.constraints as MediaStreamConstraints) : {};
    const wanted: MediaStreamConstraints = {};
    for (const kind of fromUserMedia) wanted[kind] = constraints[kind] ?? true;
    const stream = await this.#getUserMedia(wanted, fromUserMedia.join('+'));
    for (const track of stream.getTracks()) {
      const kind = track.kind as 'audio' | 'video';
      if (!fromUserMedia.includes(kind) || this.#tracks[kind]?.readyState === 'live') {
        track.stop();
        continue;
      }
      this.#owned.add(track);
      this.#tracks[kind] = track;
      this.stream.addTrack(track);
    }
  }

  /** The local track of `kind` from `spec` (default: `getUserMedia` for that kind), acquired once. */
  async track(kind: 'audio' | 'video', spec: MediaSourceSpec | undefined): Promise<MediaStreamTrack> {
    const known = this.#tracks[kind];
    if (known && known.readyState === 'live') return known;
    const track = await this.#acquire(kind, spec);
    this.#tracks[kind] = track;
    this.stream.addTrack(track);
    return track;
  }

  /** Stops the tracks the client made (not those of the application's stream). */
  stop(): void {
    for (const track of this.#owned) track.stop();
    this.#owned.clear();
  }

  async #acquire(kind: 'audio' | 'video', spec: MediaSourceSpec | undefined): Promise<MediaStreamTrack> {
    const input = spec?.input;
    switch (input?.type) {
      case undefined:
        return this.#userMedia(kind, { [kind]: true });
      case 'user-media':
        return this.#userMedia(kind, input.constraints as MediaStreamConstraints);
      case 'stream': {
        const stream = input.stream as MediaStream;
        const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0];
        if (!track) throw new JanusError('INVALID_ARGUMENT', `the source stream has no ${kind} track`);
        return track;
      }
      case 'canvas': {
        if (kind === 'audio') return this.#userMedia(kind, { audio: true });
        const canvas = input.canvas as HTMLCanvasElement;
        if (typeof canvas.captureStream !== 'function') {
          throw new JanusError('INVALID_ARGUMENT', 'the source canvas has no captureStream()');
        }
        const track = canvas.captureStream(input.frameRate ?? 30).getVideoTracks()[0];
        if (!track) throw new JanusError('INVALID_ARGUMENT', 'the canvas gave no video track');
        this.#owned.add(track);
        return track;
      }
      default:
        throw new JanusError(
          'INVALID_ARGUMENT',
          `a '${(input as { type?: string } | undefined)?.type}' source needs Node; in the browser use BrowserMediaSource.userMedia(), .stream() or .canvas()`,
        );
    }
  }

  async #getUserMedia(constraints: MediaStreamConstraints, what: string): Promise<MediaStream> {
    const devices = (globalThis.navigator as Navigator | undefined)?.mediaDevices;
    if (!devices?.getUserMedia) {
      throw new JanusError('INVALID_STATE', 'getUserMedia is not available (a secure context is needed)');
    }
    try {
      return await devices.getUserMedia(constraints);
    } catch (cause) {
      throw new JanusError('INVALID_STATE', `getUserMedia(${what}) failed: ${describe(cause)}`, { cause });
    }
  }

  async #userMedia(kind: 'audio' | 'video', constraints: MediaStreamConstraints): Promise<MediaStreamTrack> {
    // Only the kind needed now (`prepare` asks for several kinds at once).
    const stream = await this.#getUserMedia({ [kind]: constraints[kind] ?? true }, kind);
    const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0];
    for (const other of stream.getTracks()) if (other !== track) other.stop();
    if (!track) throw new JanusError('INVALID_STATE', `getUserMedia gave no ${kind} track`);
    this.#owned.add(track);
    return track;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
