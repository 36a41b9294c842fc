/**
 * Counting RTP packets per label (e.g. `'audio'`, `'video'`), for tests and diagnostics: how many
 * were written to a werift track, how many came back, how many distinct ones (retransmissions
 * and duplicates count once), per SSRC.
 *
 * @packageDocumentation
 */
import type { MediaStreamTrack, RtpPacket } from 'werift';

/** Totals for one label. */
export interface RtpCount {
  /** Packets seen, duplicates included. */
  readonly packets: number;
  /** Payload bytes seen (RTP header excluded), duplicates included. */
  readonly payloadBytes: number;
  /** Distinct (SSRC, extended sequence number) pairs: each packet counted once. */
  readonly distinct: number;
  /** SSRCs seen. */
  readonly ssrcs: readonly number[];
  /**
   * Media time covered, in RTP clock units (48000/s for Opus, 90000/s for video): highest minus
   * lowest RTP timestamp of the SSRC with the most packets (wrap-around handled). 0 if none.
   */
  readonly timestampSpan: number;
  /** `performance.now()` of the first packet, or `undefined`. */
  readonly firstAt: number | undefined;
  /** `performance.now()` of the last packet, or `undefined`. */
  readonly lastAt: number | undefined;
}

/**
 * Sequence numbers remembered per stream for telling duplicates (retransmissions) from new packets: a
 * window behind the highest, so a long call costs the same memory as a short one (a `Set` of every
 * number seen grew by ~90 entries a second per call). A packet older than the window counts as a
 * duplicate. Default 4096 (80 s of audio, ~20 s of video at 200 packets/s).
 */
export const RTP_DISTINCT_WINDOW = 4096;

interface StreamState {
  /** Highest extended sequence number so far. */
  highest: number;
  /** A flag per sequence number in the window, at extended sequence number mod the window. */
  seen: Uint8Array;
  /** Distinct sequence numbers counted. */
  distinct: number;
  /** Lowest and highest extended RTP timestamps so far. */
  lowestTs: number;
  highestTs: number;
}

interface Tally {
  packets: number;
  payloadBytes: number;
  firstAt: number | undefined;
  lastAt: number | undefined;
  streams: Map<number, StreamState>;
}

/**
 * Extends a `bits`-bit wrapping counter (sequence number, timestamp) to the value closest to
 * `reference`, an earlier extended value (RFC 3550 A.1 style).
 */
function extend(reference: number, value: number, bits: 16 | 32): number {
  const range = 2 ** bits;
  const cycle = reference - (reference % range);
  let candidate = cycle + value;
  if (candidate - reference > range / 2) candidate -= range;
  else if (reference - candidate > range / 2) candidate += range;
  return candidate;
}

/**
 * Counts RTP packets per label. Feed it packets with {@link RtpCounter.count}, or let it watch a
 * werift track with {@link RtpCounter.watch}.
 *
 * @example
 * ```ts
 * const sent = new RtpCounter();
 * const received = new RtpCounter();
 * received.watch('audio', remoteAudioTrack);
 * // ... sent.count('audio', packet) for every packet written ...
 * const ratio = received.get('audio').distinct / sent.get('audio').packets;
 * ```
 */
export class RtpCounter {
  private readonly tallies = new Map<string, Tally>();

  /**
   * Counts one packet under `label`.
   *
   * @param label - any name, e.g. the track kind
   * @param packet - a parsed werift `RtpPacket`
   */
  count(label: string, packet: RtpPacket): void {
    let tally = this.tallies.get(label);
    if (!tally) {
      tally = { packets: 0, payloadBytes: 0, firstAt: undefined, lastAt: undefined, streams: new Map() };
      this.tallies.set(label, tally);
    }
    const now = performance.now();
    tally.packets++;
    tally.payloadBytes += packet.payload.length;
    tally.firstAt ??= now;
    tally.lastAt = now;
    const { ssrc, sequenceNumber, timestamp } = packet.header;
    let stream = tally.streams.get(ssrc);
    if (!stream) {
      // Start mid-range so that extended values stay positive across a wrap backwards.
      const seq = sequenceNumber + 2 ** 16;
      const ts = timestamp + 2 ** 32;
      stream = {
        highest: seq - 1,
        seen: new Uint8Array(RTP_DISTINCT_WINDOW),
        distinct: 0,
        lowestTs: ts,
        highestTs: ts,
      };
      tally.streams.set(ssrc, stream);
    }
    const extended = extend(stream.highest, sequenceNumber, 16);
    const slot = extended % RTP_DISTINCT_WINDOW;
    if (extended > stream.highest) {
      // Forget the slots the window moves past (at most the whole window).
      const from = Math.max(stream.highest + 1, extended - RTP_DISTINCT_WINDOW + 1);
      for (let n = from; n < extended; n++) stream.seen[n % RTP_DISTINCT_WINDOW] = 0;
      stream.highest = extended;
      stream.seen[slot] = 1;
      stream.distinct++;
    } else if (stream.highest - extended < RTP_DISTINCT_WINDOW && stream.seen[slot] === 0) {
      stream.seen[slot] = 1;
      stream.distinct++;
    }
    const ts = extend(stream.highestTs, timestamp, 32);
    if (ts > stream.highestTs) stream.highestTs = ts;
    if (ts < stream.lowestTs) stream.lowestTs = ts;
  }

  /**
   * Counts every packet `track` emits on its `onReceiveRtp` event (for a remote track: every
   * packet received; for a local track: every packet written with `writeRtp`).
   *
   * @param label - the label to count under
   * @param track - a werift track
   * @returns a function that stops watching
   */
  watch(label: string, track: MediaStreamTrack): () => void {
    const { unSubscribe } = track.onReceiveRtp.subscribe((packet) => this.count(label, packet));
    return unSubscribe;
  }

  /**
   * The totals for `label` (all zero if nothing was counted).
   *
   * @param label - a label used with {@link RtpCounter.count} or {@link RtpCounter.watch}
   */
  get(label: string): RtpCount {
    const tally = this.tallies.get(label);
    if (!tally) {
      return {
        packets: 0,
        payloadBytes: 0,
        distinct: 0,
        ssrcs: [],
        timestampSpan: 0,
        firstAt: undefined,
        lastAt: undefined,
      };
    }
    let distinct = 0;
    let main: StreamState | undefined;
    for (const stream of tally.streams.values()) {
      distinct += stream.distinct;
      if (!main || stream.distinct > main.distinct) main = stream;
    }
    return {
      packets: tally.packets,
      payloadBytes: tally.payloadBytes,
      distinct,
      ssrcs: [...tally.streams.keys()],
      timestampSpan: main ? main.highestTs - main.lowestTs : 0,
      firstAt: tally.firstAt,
      lastAt: tally.lastAt,
    };
  }

  /** Every label counted so far with its totals. */
  snapshot(): Record<string, RtpCount> {
    return Object.fromEntries([...this.tallies.keys()].map((label) => [label, this.get(label)]));
  }
}
