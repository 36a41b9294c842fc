/**
 * Per-m-line RTP counts of a werift peer connection (Node): the `streams` of {@link MediaStats}.
 * @module
 */
import type { MediaStreamTrack, RTCPeerConnection } from 'werift';
import type { FeedOf, KindStats, MediaStats, PeerStats, StreamStats } from './media-stats.js';
import { RtpCounter } from './rtp-counter.js';

/** What {@link StreamCounters} follows: a werift peer connection and its per-kind totals. */
export interface CountedPeer {
  /** The werift peer connection. */
  readonly pc: RTCPeerConnection;
  /** The per-kind totals. */
  stats(): PeerStats;
}

const EMPTY_KIND: KindStats = { packetsSent: 0, packetsReceived: 0, sentDurationS: 0, receivedMediaS: 0 };

/**
 * Counts a handle's RTP per m-line. A handle keeps one and calls {@link StreamCounters.follow} when its
 * PeerConnection is up (and whenever it reads stats), so that counting starts with the media.
 */
export class StreamCounters {
  #peer: CountedPeer | undefined;
  #sent = new RtpCounter();
  #received = new RtpCounter();
  #watched = new WeakSet<MediaStreamTrack>();
  #stops: (() => void)[] = [];
  #unsubscribe: (() => void) | undefined;

  /** Starts counting on `peer` (a new peer starts new counts); with `undefined`, keeps the last counts. */
  follow(peer: CountedPeer | undefined): void {
    if (!peer) return;
    if (peer !== this.#peer) {
      this.stop();
      this.#peer = peer;
      this.#sent = new RtpCounter();
      this.#received = new RtpCounter();
      this.#watched = new WeakSet();
      this.#unsubscribe = peer.pc.onTrack.subscribe(() => this.#watchAll()).unSubscribe;
    }
    this.#watchAll();
  }

  /**
   * The stats of the followed peer: its per-kind totals and one entry per audio/video m-line.
   * @param feedOf - names the publisher feeding a mid (multistream subscribers); default none
   */
  stats(feedOf?: FeedOf): MediaStats {
    const peer = this.#peer;
    if (!peer) {
      const none = { keyframeRequests: 0, keyframeRequestsSent: 0 };
      return { audio: { ...EMPTY_KIND }, video: { ...EMPTY_KIND }, ...none, streams: [] };
    }
    this.#watchAll();
    const streams: StreamStats[] = [];
    for (const transceiver of peer.pc.getTransceivers()) {
      const mid = transceiver.mid;
      const kind = transceiver.kind;
      if (!mid || (kind !== 'audio' && kind !== 'video')) continue;
      const codec = transceiver.codecs[0];
      const clock = codec?.clockRate ?? (kind === 'audio' ? 48_000 : 90_000);
      const sent = this.#sent.get(mid);
      const received = this.#received.get(mid);
      const entry: StreamStats = {
        mid,
        kind,
        codec: codec?.mimeType.split('/')[1]?.toLowerCase(),
        packetsSent: sent.packets,
        packetsReceived: received.distinct,
        bytesSent: sent.payloadBytes,
        bytesReceived: received.payloadBytes,
        mediaSecondsSent: sent.timestampSpan / clock,
        mediaSecondsReceived: received.timestampSpan / clock,
      };
      const feed = feedOf?.(mid);
      if (feed !== undefined) entry.feed = feed;
      streams.push(entry);
    }
    return { ...peer.stats(), streams };
  }

  /** Stops counting (the counts so far stay readable). */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const stop of this.#stops.splice(0)) stop();
  }

  #watchAll(): void {
    const peer = this.#peer;
    if (!peer) return;
    for (const transceiver of peer.pc.getTransceivers()) {
      const mid = transceiver.mid;
      if (!mid) continue;
      for (const track of transceiver.receiver.tracks) this.#watch(this.#received, mid, track);
      const local = transceiver.sender.track;
      if (local) this.#watch(this.#sent, mid, local);
    }
  }

  #watch(counter: RtpCounter, mid: string, track: MediaStreamTrack): void {
    if (this.#watched.has(track)) return;
    this.#watched.add(track);
    this.#stops.push(counter.watch(mid, track));
  }
}
