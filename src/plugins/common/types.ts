/**
 * Types every plugin shares: room and participant ids, codec names as Janus writes them, and the
 * description of one stream (m-line) that plugins put in their events.
 * @module
 */

/** A room id: numeric by default, a string when the plugin runs with `string_ids = true`. */
export type RoomId = number | string;

/**
 * A participant / publisher / feed identifier (`id`, `feed`, `publisher_id`, `feed_id`, ...).
 * Numeric by default, a string when the plugin runs with `string_ids = true`.
 */
export type ParticipantId = number | string;

/**
 * Audio codec names as written by Janus (`janus_audiocodec_name()` in `rtp.c`, v1.1.2).
 * `none` only appears for streams without a negotiated codec.
 */
export type JanusAudioCodec =
  | 'opus'
  | 'multiopus'
  | 'red'
  | 'pcmu'
  | 'pcma'
  | 'g722'
  | 'isac32'
  | 'isac16'
  | 'l16-48'
  | 'l16'
  | 'none';

/** Video codec names as written by Janus (`janus_videocodec_name()` in `rtp.c`, v1.1.2). */
export type JanusVideoCodec = 'vp8' | 'vp9' | 'h264' | 'av1' | 'h265' | 'none';

/** The kind of one m-line: what Janus writes in a stream's `type`. */
export type StreamKind = 'audio' | 'video' | 'data';

/** A direction of a media kind in an SDP (`a=sendrecv`...), as the client options spell it. */
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/**
 * One stream (m-line) as plugins describe it in their events (VideoRoom `streams`, Streaming `media`,
 * ...): the fields they have in common. Each plugin's own type adds the rest.
 */
export interface StreamDescription {
  /** `audio`, `video` or `data`. */
  type: StreamKind;
  /** The m-line's `mid`. */
  mid: string;
  /** The m-line's index in the SDP, when given. */
  mindex?: number;
  /** The codec, for audio and video. */
  codec?: JanusAudioCodec | JanusVideoCodec | string;
  /** A human-readable label, when the stream has one. */
  description?: string;
}
