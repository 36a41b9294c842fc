/**
 * Pacing RTP that arrives in bursts (ffmpeg's output, when the machine is loaded) on the shared
 * {@link Pacer}: each packet is released when its RTP timestamp says, on a media clock anchored at the
 * first packet plus a small playout delay, instead of the moment it arrived. A packet that arrives after
 * its time moves the clock later by its lateness (an adaptive playout delay, capped), so the backlog a
 * stalled encoder sends next is spread out again instead of going out in one burst.
 * @module
 */
import type { RtpPacket } from 'werift';
import { type PacedStream, type Pacer, sharedPacer } from './pacer.js';

/**
 * Playout delay: how far behind the first packet's arrival the media clock runs, so that a burst that
 * arrives up to this late still goes out on time. Default 40 ms (two audio frames).
 */
export const RTP_PLAYOUT_DELAY_MS = 40;

/**
 * How much later than {@link RTP_PLAYOUT_DELAY_MS} the clock may come to run after late packets (each
 * late packet moves it by its lateness). Default 300 ms.
 */
export const RTP_MAX_PLAYOUT_DELAY_MS = 300;

/** A timestamp step larger than this many seconds re-anchors the clock (a loop, a restarted encoder). Default 5. */
const REANCHOR_AFTER_S = 5;

/** Packets of one RTP stream released on their media clock. */
export class PacedRtpStream implements PacedStream {
  nextAtMs = Number.POSITIVE_INFINITY;
  readonly urgent: boolean;
  readonly #queue: { packet: RtpPacket; dueMs: number }[] = [];
  #anchor: { ms: number; firstMs: number; timestamp: number } | undefined;

  /**
   * @param clockRate - the RTP clock rate (48000 for Opus, 90000 for video)
   * @param release - called with each packet when it is due
   * @param urgent - sent first among streams due together (audio); default `false`
   * @param pacer - default: the process-wide {@link sharedPacer}
   */
  constructor(
    readonly clockRate: number,
    readonly release: (packet: RtpPacket) => void,
    urgent = false,
    readonly pacer: Pacer = sharedPacer,
  ) {
    this.urgent = urgent;
    pacer.add(this);
  }

  /** Queues a packet that just arrived; it goes out at its media time (at once if that has passed). */
  push(packet: RtpPacket): void {
    const now = performance.now();
    const timestamp = packet.header.timestamp;
    let anchor = this.#anchor;
    // Signed 32-bit difference, so timestamps wrapping around stay continuous.
    const offsetTicks = anchor ? (timestamp - anchor.timestamp) | 0 : 0;
    if (!anchor || Math.abs(offsetTicks) > REANCHOR_AFTER_S * this.clockRate) {
      anchor = { ms: now + RTP_PLAYOUT_DELAY_MS, firstMs: now + RTP_PLAYOUT_DELAY_MS, timestamp };
      this.#anchor = anchor;
    }
    let dueMs = anchor.ms + (((timestamp - anchor.timestamp) | 0) * 1000) / this.clockRate;
    if (dueMs < now && anchor.ms - anchor.firstMs < RTP_MAX_PLAYOUT_DELAY_MS) {
      // Late: the source stalled and will now send its backlog at once. Run the clock later by as much,
      // so the backlog goes out on time from now instead of in one burst (the delay only grows, up to the cap).
      anchor.ms += now - dueMs;
      dueMs = now;
    }
    this.#queue.push({ packet, dueMs });
    if (this.#queue.length === 1) {
      this.nextAtMs = dueMs;
      this.pacer.wake();
    }
  }

  fire(): void {
    const head = this.#queue.shift();
    if (head) this.release(head.packet);
    this.nextAtMs = this.#queue[0]?.dueMs ?? Number.POSITIVE_INFINITY;
  }

  skip(lagMs: number): void {
    // Far behind (the event loop stalled): move the clock, and what is queued, forward.
    if (this.#anchor) this.#anchor.ms += lagMs;
    for (const entry of this.#queue) entry.dueMs += lagMs;
    this.nextAtMs = this.#queue[0]?.dueMs ?? Number.POSITIVE_INFINITY;
  }

  /** Stops pacing; queued packets are dropped. */
  stop(): void {
    this.pacer.remove(this);
    this.#queue.length = 0;
    this.nextAtMs = Number.POSITIVE_INFINITY;
  }
}
