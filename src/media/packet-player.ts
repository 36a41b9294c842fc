/**
 * Plays {@link PacketisedMedia} as RTP in real time on the shared {@link Pacer}: per call only a
 * cursor, a sequence number and a timestamp; the payloads are shared. Loops seamlessly (sequence
 * numbers and timestamps run on across the loop point), and jumps to the next key frame on request.
 * @module
 */
import { randomInt } from 'node:crypto';
import { type MediaStreamTrack, RtpHeader, RtpPacket } from 'werift';
import { type PacedStream, type Pacer, pacerClockOrigin, sharedPacer } from './pacer.js';
import type { MediaKind, PacketisedMedia, PacketisedTrack, PacketSource } from './packet-source.js';

/** Payload types written (werift rewrites them to the negotiated ones). */
const PAYLOAD_TYPE: Record<MediaKind, number> = { audio: 111, video: 96 };

/** Options of {@link playPacketised}. */
export interface PlayOptions {
  /** The kinds to send (each must be in the media). Default: every kind the media has. */
  readonly kinds?: readonly MediaKind[];
  /** Start over at the end. Default `true`. */
  readonly loop?: boolean;
  /** The pacer. Default: the process-wide {@link sharedPacer}. */
  readonly pacer?: Pacer;
}

type Emit = (kind: MediaKind, packet: RtpPacket) => void;

/** One kind being played: a cursor into the shared frames and this call's RTP counters. */
class TrackPlayer implements PacedStream {
  nextAtMs: number;
  keyframesOnRequest = 0;
  ended = false;
  #startMs: number;
  #sentTicks = 0;
  #index = 0;
  #sequence = randomInt(0, 0x10000);
  #timestamp = randomInt(0, 0x1_0000_0000);
  readonly #ssrc = randomInt(1, 0x1_0000_0000);

  constructor(
    readonly kind: MediaKind,
    readonly track: PacketisedTrack,
    readonly loop: boolean,
    readonly emit: Emit,
    readonly onEnd: () => void,
  ) {
    const clock = pacerClockOrigin(performance.now(), track.frames[0]?.durationTicks ?? 0, track.clockRate);
    this.#startMs = clock.originMs;
    this.#sentTicks = clock.ticksBefore;
    this.nextAtMs = this.#startMs + (this.#sentTicks * 1000) / track.clockRate;
    this.urgent = kind === 'audio';
  }

  readonly urgent: boolean;

  fire(): void {
    const frame = this.track.frames[this.#index];
    if (!frame) {
      this.#end();
      return;
    }
    const last = frame.payloads.length - 1;
    frame.payloads.forEach((payload, i) => {
      const header = new RtpHeader({
        payloadType: PAYLOAD_TYPE[this.kind],
        sequenceNumber: this.#sequence,
        timestamp: this.#timestamp,
        ssrc: this.#ssrc,
        marker: this.kind === 'video' && i === last,
      });
      this.#sequence = (this.#sequence + 1) & 0xffff;
      this.emit(this.kind, new RtpPacket(header, payload));
    });
    this.#timestamp = (this.#timestamp + frame.durationTicks) >>> 0;
    this.#sentTicks += frame.durationTicks;
    this.nextAtMs = this.#startMs + (this.#sentTicks * 1000) / this.track.clockRate;
    this.#index++;
    if (this.#index >= this.track.frames.length) {
      if (this.loop) this.#index = 0;
      else this.#end();
    }
  }

  skip(lagMs: number): void {
    this.#startMs += lagMs;
    this.nextAtMs += lagMs;
  }

  /** Moves the cursor to the next key frame (the frame at the cursor if it is one) and makes it due now. */
  jumpToKeyframe(): void {
    const frames = this.track.frames;
    if (this.ended || frames[this.#index]?.keyframe) return;
    for (let step = 1; step <= frames.length; step++) {
      let index = this.#index + step;
      if (index >= frames.length) {
        if (!this.loop) return;
        index -= frames.length;
      }
      if (frames[index]?.keyframe) {
        this.#index = index;
        this.keyframesOnRequest++;
        // Send it now rather than at the next frame time; the schedule after it stays on the media clock.
        this.nextAtMs = Math.min(this.nextAtMs, performance.now());
        return;
      }
    }
  }

  #end(): void {
    if (this.ended) return;
    this.ended = true;
    this.nextAtMs = Number.POSITIVE_INFINITY;
    this.onEnd();
  }
}

/**
 * Starts playing `media` at once: the first frame of each kind goes out now, later ones on their
 * media clock.
 *
 * @param media - packetised media (shared; never modified)
 * @param options - kinds, looping, pacer; see {@link PlayOptions}
 * @throws Error if a requested kind is not in `media`
 */
export function playPacketised(media: PacketisedMedia, options: PlayOptions = {}): PacketSource {
  const kinds = options.kinds ?? (['audio', 'video'] as const).filter((kind) => media[kind]);
  const pacer = options.pacer ?? sharedPacer;
  const produced: Record<MediaKind, number> = { audio: 0, video: 0 };
  const listeners = new Set<(kind: MediaKind, packet: RtpPacket) => void>();
  const pipes = new Set<Partial<Record<MediaKind, MediaStreamTrack>>>();
  const emit: Emit = (kind, packet) => {
    produced[kind]++;
    for (const listener of listeners) listener(kind, packet);
    for (const tracks of pipes) {
      const track = tracks[kind];
      if (track && !track.stopped) track.writeRtp(packet);
    }
  };
  const players = kinds.map((kind) => {
    const track = media[kind];
    if (!track) throw new Error(`playPacketised: the media has no ${kind}`);
    const player: TrackPlayer = new TrackPlayer(kind, track, options.loop ?? true, emit, () =>
      pacer.remove(player),
    );
    return player;
  });
  for (const player of players) pacer.add(player);
  return {
    kinds,
    produced,
    get keyframesOnRequest() {
      return players.reduce((sum, player) => sum + player.keyframesOnRequest, 0);
    },
    onPacket: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    pipeTo: (tracks) => {
      pipes.add(tracks);
      return () => {
        pipes.delete(tracks);
      };
    },
    requestKeyframe: () => {
      for (const player of players) if (player.kind === 'video') player.jumpToKeyframe();
      pacer.wake();
    },
    stop: async () => {
      for (const player of players) pacer.remove(player);
      listeners.clear();
      pipes.clear();
    },
  };
}
