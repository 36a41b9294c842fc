/**
 * The one `stats()` shape of a handle's media, on every platform (werift in Node, the native
 * `RTCPeerConnection` in the browser): per-kind totals ({@link PeerStats}) plus one {@link StreamStats} per
 * audio/video m-line ({@link MediaStats}). Types only, so that both platforms share them.
 * @module
 */
import type { ParticipantId } from '../plugins/common/types.js';

/** Packet counts of one kind. */
export interface KindStats {
  /** RTP packets written to the peer connection. */
  packetsSent: number;
  /** Distinct RTP packets received. */
  packetsReceived: number;
  /** Seconds from the first to the last packet sent (0 before two were sent). */
  sentDurationS: number;
  /**
   * Media seconds received: the RTP timestamp span of what came back (48 kHz audio, 90 kHz video clock).
   * Unlike `sentDurationS` (wall clock), it matches a recording's duration even when the source ran slow.
   */
  receivedMediaS: number;
}

/** Packet counts per kind. */
export interface PeerStats {
  /** Audio counts. */
  audio: KindStats;
  /** Video counts. */
  video: KindStats;
  /** Keyframe requests (RTCP PLI and FIR) received for what we send. */
  keyframeRequests: number;
  /** PLIs we sent because received video lost a packet that no retransmission brought back. */
  keyframeRequestsSent: number;
}

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

/** Names the publisher feeding an m-line (multistream subscribers), or `undefined`. */
export type FeedOf = (mid: string) => ParticipantId | undefined;

/** The counts of a kind before anything was sent or received. */
export function emptyKindStats(): KindStats {
  return { packetsSent: 0, packetsReceived: 0, sentDurationS: 0, receivedMediaS: 0 };
}

/** The stats of a handle that has no PeerConnection (yet): all zero, no streams. */
export function emptyMediaStats(): MediaStats {
  return {
    audio: emptyKindStats(),
    video: emptyKindStats(),
    keyframeRequests: 0,
    keyframeRequestsSent: 0,
    streams: [],
  };
}
