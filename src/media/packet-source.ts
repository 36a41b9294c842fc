/**
 * What every in-process sender plays: media already cut into RTP payloads (shared, never copied per
 * call), and the interface of a running source that a peer pipes into its werift tracks.
 * @module
 */
import type { MediaStreamTrack, RtpPacket } from 'werift';

/** A media kind. */
export type MediaKind = 'audio' | 'video';

/** One frame of a track, cut into RTP payloads. */
export interface PacketisedFrame {
  /** The RTP payloads of this frame, in order (the last one ends the frame). */
  readonly payloads: readonly Buffer[];
  /** The frame's duration in clock ticks (what the RTP timestamp advances by after it). */
  readonly durationTicks: number;
  /** Whether a decoder can start at this frame (every audio frame can). */
  readonly keyframe: boolean;
}

/** One kind of media, ready to send. */
export interface PacketisedTrack {
  /** The RTP codec name, e.g. `'opus'`, `'VP8'`, `'VP9'`. */
  readonly codec: string;
  /** RTP clock rate: 48000 for Opus, 90000 for video. */
  readonly clockRate: number;
  /** The frames, in order. */
  readonly frames: readonly PacketisedFrame[];
  /** Picture width, for video, when known. */
  readonly width?: number;
  /** Picture height, for video, when known. */
  readonly height?: number;
}

/** Audio and/or video, ready to send. */
export interface PacketisedMedia {
  /** Opus audio, if any. */
  readonly audio?: PacketisedTrack;
  /** VP8/VP9 video, if any. */
  readonly video?: PacketisedTrack;
}

/** A running media source (in-process player or ffmpeg). */
export interface PacketSource {
  /** The kinds it sends. */
  readonly kinds: readonly MediaKind[];
  /** RTP packets produced so far, per kind. */
  readonly produced: Readonly<Record<MediaKind, number>>;
  /** Key frames sent early because of {@link PacketSource.requestKeyframe}. */
  readonly keyframesOnRequest: number;
  /**
   * Calls `listener` for every RTP packet before it is written to any piped track (which may rewrite
   * its header): read it, do not keep or change it.
   *
   * @returns a function that removes the listener
   */
  onPacket(listener: (kind: MediaKind, packet: RtpPacket) => void): () => void;
  /**
   * Writes every packet of each kind to the given werift track (`track.writeRtp`).
   *
   * @returns a function that stops writing
   */
  pipeTo(tracks: Partial<Record<MediaKind, MediaStreamTrack>>): () => void;
  /** Makes the video continue from a key frame as soon as possible (a receiver asked with PLI/FIR). */
  requestKeyframe(): void;
  /** Stops sending. Safe to call twice. */
  stop(): Promise<void>;
}
