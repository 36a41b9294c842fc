/**
 * The one `stats()` shape of every handle with media (EchoTest, VideoRoom, VideoCall, AudioBridge,
 * Streaming, ...): the per-kind totals of the peer ({@link PeerStats}: `audio`/`video` with
 * `packetsSent`, `packetsReceived`...) plus `streams`, one entry per audio/video m-line.
 * @module
 */
import type { MediaStreamTrack } from 'werift';
import type { JanusPeer, KindStats, PeerStats } from '../../media/janus-peer.js';
import { RtpCounter } from '../../media/rtp-counter.js';
import type { ParticipantId } from './types.js';

/** RTP counts of one audio or video m-line of a handle's PeerConnection. */
export interface StreamStats {
  /** The m-line's `mid`. */
  mid: string;
  /** `audio` or `video`. */
  kind: 'audio' | 'video';
  /** The negotiated codec, lower case (`opus`, `vp8`...), or `undefined` before negotiation. */
  codec: string | undefined;
  /** The publisher feeding this m-line, for multistream subscribers (VideoRoom `feed_id`); else absent. */
  feed?: ParticipantId;
  /** RTP packets written on this m-line. */
  packetsSent: number;
  /** Distinct RTP packets received on this m-line (retransmissions and duplicates count once). */
  packetsReceived: number;
  /** RTP payload bytes written on this m-line. */
  bytesSent: number;
  /** RTP payload bytes received on this m-line, duplicates included. */
  bytesReceived: number;
  /** Media seconds sent: the RTP timestamp span of what was written (codec clock). 0 before two packets. */
  mediaSecondsSent: number;
  /** Media seconds received: the RTP timestamp span of what arrived (codec clock). 0 before two packets. */
  mediaSecondsReceived: number;
}

/**
 * What `stats()` returns on every handle with media. `audio` and `video` are the per-kind totals named
 * as a contract (`packetsSent`, `packetsReceived`, plus `sentDurationS`, `receivedMediaS`); `streams`
 * has one {@link StreamStats} per audio/video m-line, in m-line order. All zero (and `streams` empty)
 * before the handle has a PeerConnection.
 */
export interface MediaStats extends PeerStats {
  /** One entry per audio/video m-line. */
  streams: StreamStats[];
}

const EMPTY_KIND: KindStats = { packetsSent: 0, packetsReceived: 0, sentDurationS: 0, receivedMediaS: 0 };

/**
 * Counts a handle's RTP per m-line. A handle keeps one and calls {@link StreamCounters.follow} when its
 * PeerConnection is up (and whenever it reads stats), so that counting starts with the media.
 */
export class StreamCounters {
  #peer: JanusPeer | undefined;
  #sent = new RtpCounter();
  #received = new RtpCounter();
  #watched = new WeakSet<MediaStreamTrack>();
  #stops: (() => void)[] = [];
  #unsubscribe: (() => void) | undefined;

  /** Starts counting on `peer` (a new peer starts new counts); with `undefined`, keeps the last counts. */
  follow(peer: JanusPeer | undefined): void {
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
  stats(feedOf?: (mid: string) => ParticipantId | undefined): MediaStats {
    const peer = this.#peer;
    if (!peer) return { audio: { ...EMPTY_KIND }, video: { ...EMPTY_KIND }, streams: [] };
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
