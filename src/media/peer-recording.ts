/**
 * Recording what a peer receives: every audio and video m-line that receives, whatever directions the
 * caller asked for, into one WebM file or one file per stream group (`recordTo: (stream) => path`, e.g.
 * one per VideoRoom feed). Each file's video header carries the real picture size, read from the first
 * VP8 or VP9 key frame; packets that arrive before it are kept and replayed, so nothing received is lost.
 * @module
 */
import { MediaStreamTrack, type RTCPeerConnection, type RtpPacket } from 'werift';
import type { MediaKind } from './packet-source.js';
import { vp8KeyframeSizeFromPayload } from './vp8-rtp.js';
import { vp9KeyframeSizeFromPayload } from './vp9-rtp.js';
import type { WebmRecording } from './webm-recorder.js';

let recorderModule: Promise<typeof import('./webm-recorder.js')> | undefined;

/**
 * The WebM recorder, loaded on first use: it pulls in werift's `nonstandard` build (its own 330 KB bundle
 * and `mediabunny`), which a process that records nothing never needs (cold start, `bench/media/cold-start.ts`).
 */
function loadRecorder(): Promise<typeof import('./webm-recorder.js')> {
  recorderModule ??= import('./webm-recorder.js');
  return recorderModule;
}

/** One received m-line, as `recordTo` sees it. */
export interface RecordedStream {
  /** The m-line's `mid`. */
  readonly mid: string;
  /** Its kind. */
  readonly kind: MediaKind;
}

/**
 * Where to record: one WebM path for everything received (the first audio and first video m-line), or a
 * function naming the file for each received m-line (`undefined`: do not record it); m-lines given the
 * same path share one file (one audio and one video track each).
 */
export type RecordTarget = string | ((stream: RecordedStream) => string | undefined);

/** How long to wait for a video key frame (to learn the picture size) before recording anyway. Default 3000 ms. */
export const RECORD_SIZE_WAIT_MS = 3000;

/** Packets kept per file while waiting for the picture size. Default 3000 (about 20 s of both kinds). */
const MAX_BUFFERED = 3000;

/**
 * Subscribers of a track's `onReceiveRtp` (werift `Event`'s private `event.stack`). A new werift track
 * already has one of its own (it keeps the last RTP header), so a count means nothing without the
 * count the track started with.
 */
function listeners(track: MediaStreamTrack): number {
  return (track.onReceiveRtp as unknown as { event: { stack: unknown[] } }).event.stack.length;
}

/** One file: its tracks, the tracks the recorder reads, and what arrived before it started. */
class RecordingGroup {
  readonly #tracks: Partial<Record<MediaKind, MediaStreamTrack>> = {};
  readonly #proxies: Partial<Record<MediaKind, MediaStreamTrack>> = {};
  /** Each proxy's own `onReceiveRtp` subscribers, before the recorder subscribes. */
  readonly #ownListeners: Partial<Record<MediaKind, number>> = {};
  #buffer: { kind: MediaKind; packet: RtpPacket }[] | undefined = [];
  #recording: WebmRecording | undefined;
  #starting: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  readonly #unsubscribe: (() => void)[] = [];
  started = false;

  constructor(
    readonly path: string,
    readonly fallbackSize: { width?: number; height?: number },
  ) {}

  has(kind: MediaKind): boolean {
    return this.#tracks[kind] !== undefined;
  }

  add(kind: MediaKind, track: MediaStreamTrack): void {
    if (!this.#tracks[kind]) this.#tracks[kind] = track;
  }

  /** Starts listening; the file itself starts once the picture size is known (at once without video). */
  start(): void {
    this.started = true;
    for (const kind of ['audio', 'video'] as const) {
      const track = this.#tracks[kind];
      if (!track) continue;
      const proxy = new MediaStreamTrack({ kind, codec: track.codec, remote: true });
      this.#proxies[kind] = proxy;
      this.#ownListeners[kind] = listeners(proxy);
      const { unSubscribe } = track.onReceiveRtp.subscribe((packet) => this.#onPacket(kind, packet));
      this.#unsubscribe.push(unSubscribe);
    }
    if (!this.#tracks.video) this.#begin({});
    else {
      this.#timer = setTimeout(() => this.#begin(this.fallbackSize), RECORD_SIZE_WAIT_MS);
      this.#timer.unref();
    }
  }

  #onPacket(kind: MediaKind, packet: RtpPacket): void {
    if (!this.#buffer) {
      this.#proxies[kind]?.onReceiveRtp.execute(packet);
      return;
    }
    if (this.#buffer.length < MAX_BUFFERED) this.#buffer.push({ kind, packet: packet.clone() });
    if (kind === 'video' && !this.#starting) {
      const vp9 = this.#tracks.video?.codec?.mimeType.toLowerCase() === 'video/vp9';
      const size = vp9
        ? vp9KeyframeSizeFromPayload(packet.payload)
        : vp8KeyframeSizeFromPayload(packet.payload);
      if (size) this.#begin(size);
    }
  }

  #begin(size: { width?: number; height?: number }): void {
    if (this.#starting || this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#starting = (async () => {
      const { recordToWebm } = await loadRecorder();
      const recording = recordToWebm(this.path, { ...this.#proxies }, size);
      recording.failed.catch(() => {});
      this.#recording = recording;
      // werift's writer subscribes to the tracks after an await of its own: replay once it listens, or
      // what arrived before the file started is lost (the first ~0.9 s of a recording on a loaded machine).
      const kinds = Object.keys(this.#proxies) as MediaKind[];
      const waiting = () =>
        kinds.some(
          (kind) => listeners(this.#proxies[kind] as MediaStreamTrack) <= (this.#ownListeners[kind] ?? 0),
        );
      const deadline = performance.now() + 2000;
      while (waiting() && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const buffered = this.#buffer ?? [];
      this.#buffer = undefined;
      for (const { kind, packet } of buffered) this.#proxies[kind]?.onReceiveRtp.execute(packet);
    })();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    // A file that never learnt its size is still written, with the fallback size.
    if (!this.#starting && this.#buffer && this.#buffer.length > 0) {
      this.#stopped = false;
      this.#begin(this.fallbackSize);
      this.#stopped = true;
    }
    await this.#starting;
    for (const unSubscribe of this.#unsubscribe.splice(0)) unSubscribe();
    await this.#recording?.stop().catch(() => {});
  }

  get recording(): WebmRecording | undefined {
    return this.#recording;
  }
}

/** The recordings of one peer connection. */
export class PeerRecordings {
  readonly #groups = new Map<string, RecordingGroup>();
  readonly #assigned = new WeakSet<object>();

  /**
   * @param pc - the peer connection
   * @param fallbackSize - the video size written when no key frame shows it within {@link RECORD_SIZE_WAIT_MS}
   */
  constructor(
    readonly pc: RTCPeerConnection,
    readonly fallbackSize: () => { width?: number; height?: number },
  ) {}

  /** The recordings started so far. */
  get recordings(): WebmRecording[] {
    return [...this.#groups.values()].flatMap((group) => (group.recording ? [group.recording] : []));
  }

  /**
   * Assigns every receiving m-line that has its track to its file, and starts each file whose receiving
   * m-lines all have their tracks. Call after each negotiation and when a track arrives.
   *
   * @param target - where to record; nothing happens without one
   */
  update(target: RecordTarget | undefined): void {
    if (!target) return;
    // Load the recorder while the call is set up, so the first packets find it ready.
    loadRecorder().catch(() => {});
    const waiting = new Set<RecordingGroup>();
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.kind;
      if (kind !== 'audio' && kind !== 'video') continue;
      const direction = transceiver.currentDirection ?? transceiver.direction;
      if (direction !== 'recvonly' && direction !== 'sendrecv') continue;
      const path = typeof target === 'string' ? target : target({ mid: transceiver.mid ?? '', kind });
      if (!path) continue;
      let group = this.#groups.get(path);
      if (!group) {
        group = new RecordingGroup(path, this.fallbackSize());
        this.#groups.set(path, group);
      }
      if (group.started) continue;
      const track = transceiver.receiver.tracks[0];
      if (!track) {
        if (!group.has(kind)) waiting.add(group);
        continue;
      }
      if (this.#assigned.has(track)) continue;
      this.#assigned.add(track);
      group.add(kind, track);
    }
    for (const group of this.#groups.values()) {
      if (!group.started && !waiting.has(group) && (group.has('audio') || group.has('video'))) group.start();
    }
  }

  /** Stops every recording and finalises the files. */
  async stop(): Promise<void> {
    await Promise.all([...this.#groups.values()].map((group) => group.stop()));
  }
}
