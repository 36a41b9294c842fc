/**
 * Exact wire types for the Janus VideoRoom plugin (`janus.plugin.videoroom`).
 *
 * Source of truth: `src/plugins/janus_videoroom.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1), the version running on our servers. Field
 * names, required-ness and JSON types come from the `janus_json_parameter` arrays and from what the
 * request handlers actually read and write; the doc comment at the top of the file was used for
 * meanings and defaults. Where the two disagree the code wins, and the TSDoc says so. Fields added
 * after 1.1.2 (read against the snapshot at commit 94408ffccbc1a7c39dac82d55e5dd475c807e770, v1.4.1+4)
 * are optional and tagged with `@since`.
 *
 * Naming: `*Request` interfaces are the bodies a caller passes (without the `request` literal);
 * `VideoRoomWireRequest` adds `request` back for the wire. `*Response` / `*Event` interfaces are the
 * `plugindata.data` objects Janus sends back. Any JSEP offer/answer travels next to `plugindata` in
 * the Janus envelope and is not part of these types.
 *
 * @module
 */

// ---------------------------------------------------------------------------------------------------
// Shared scalars
// ---------------------------------------------------------------------------------------------------

import type { EmptyRequest } from '../common/request-body.js';
import type { JanusAudioCodec, JanusVideoCodec, ParticipantId, RoomId } from '../common/types.js';

export type { JanusAudioCodec, JanusVideoCodec, ParticipantId, RoomId } from '../common/types.js';

/** Media kind of a stream (m-line), as written by `janus_videoroom_media_str()`. */
export type VideoRoomMediaType = 'audio' | 'video' | 'data';

/** A free-form JSON object attached to a participant (`metadata`). */
export type VideoRoomMetadata = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------------

/** VideoRoom error codes, from the `#define JANUS_VIDEOROOM_ERROR_*` macros in janus_videoroom.c. */
export const VideoRoomErrorCode = {
  /** `JANUS_VIDEOROOM_ERROR_UNKNOWN_ERROR`: internal error. */
  UNKNOWN_ERROR: 499,
  /** `JANUS_VIDEOROOM_ERROR_NO_MESSAGE`: the message body was missing. */
  NO_MESSAGE: 421,
  /** `JANUS_VIDEOROOM_ERROR_INVALID_JSON`: the body was not a JSON object. */
  INVALID_JSON: 422,
  /** `JANUS_VIDEOROOM_ERROR_INVALID_REQUEST`: unknown `request`. */
  INVALID_REQUEST: 423,
  /** `JANUS_VIDEOROOM_ERROR_JOIN_FIRST`: the handle must `join` before this request. */
  JOIN_FIRST: 424,
  /** `JANUS_VIDEOROOM_ERROR_ALREADY_JOINED`: the handle already joined (use a new handle). */
  ALREADY_JOINED: 425,
  /** `JANUS_VIDEOROOM_ERROR_NO_SUCH_ROOM`: the room does not exist. */
  NO_SUCH_ROOM: 426,
  /** `JANUS_VIDEOROOM_ERROR_ROOM_EXISTS`: `create` with an id that is already taken. */
  ROOM_EXISTS: 427,
  /** `JANUS_VIDEOROOM_ERROR_NO_SUCH_FEED`: unknown publisher, mid or forwarder. */
  NO_SUCH_FEED: 428,
  /** `JANUS_VIDEOROOM_ERROR_MISSING_ELEMENT`: a required field is missing. */
  MISSING_ELEMENT: 429,
  /** `JANUS_VIDEOROOM_ERROR_INVALID_ELEMENT`: a field has the wrong type or value. */
  INVALID_ELEMENT: 430,
  /** `JANUS_VIDEOROOM_ERROR_INVALID_SDP_TYPE`: offer sent where an answer was expected, or vice versa. */
  INVALID_SDP_TYPE: 431,
  /** `JANUS_VIDEOROOM_ERROR_PUBLISHERS_FULL`: the room reached its `publishers` cap. */
  PUBLISHERS_FULL: 432,
  /** `JANUS_VIDEOROOM_ERROR_UNAUTHORIZED`: wrong secret/pin/token/admin_key. */
  UNAUTHORIZED: 433,
  /** `JANUS_VIDEOROOM_ERROR_ALREADY_PUBLISHED`: `publish` while already publishing. */
  ALREADY_PUBLISHED: 434,
  /** `JANUS_VIDEOROOM_ERROR_NOT_PUBLISHED`: `unpublish` while not publishing. */
  NOT_PUBLISHED: 435,
  /** `JANUS_VIDEOROOM_ERROR_ID_EXISTS`: `join` with a participant id already in use. */
  ID_EXISTS: 436,
  /** `JANUS_VIDEOROOM_ERROR_INVALID_SDP`: the SDP could not be parsed or processed. */
  INVALID_SDP: 437,
  /**
   * `JANUS_VIDEOROOM_ERROR_INVALID_FEED`: mixing end-to-end encrypted and plain feeds in one
   * subscription. Never sent by 1.1.2.
   * @since 1.2.2
   */
  INVALID_FEED: 438,
} as const;

/** Any numeric value of {@link VideoRoomErrorCode}. */
export type VideoRoomErrorCodeValue = (typeof VideoRoomErrorCode)[keyof typeof VideoRoomErrorCode];

/**
 * Error answer to any VideoRoom request, synchronous or asynchronous.
 * `{ "videoroom": "event", "error_code": <n>, "error": "<text>" }`.
 */
export interface VideoRoomErrorEvent {
  /** Always `event` for errors. */
  videoroom: 'event';
  /** One of {@link VideoRoomErrorCode} (typed as `number` so future codes still parse). */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

// ---------------------------------------------------------------------------------------------------
// Shared substructures
// ---------------------------------------------------------------------------------------------------

/** One entry of `create.dummy_streams`: a codec (and optional fmtp) the dummy publisher should offer. */
export interface VideoRoomDummyStream {
  /** Codec name, e.g. `opus` or `vp8`. Required: entries without a string `codec` are skipped. */
  codec: string;
  /** Optional fmtp line to match (only a few codecs are parsed). */
  fmtp?: string;
}

/**
 * A text description for one published stream (`descriptions` in `join`/`publish`/`configure`).
 * Both fields are required (`publish_desc_parameters`).
 */
export interface VideoRoomStreamDescription {
  /** The mid of the published stream. Required. */
  mid: string;
  /** Free-text description, e.g. `My front webcam`. Required. */
  description: string;
}

/**
 * One stream (m-line) of a publisher, as advertised in `joined`, in the `publishers` event and
 * in the `streams` of a publisher's own `configured`/`joined` answer.
 */
export interface VideoRoomPublisherStream {
  /** Media kind. */
  type: VideoRoomMediaType;
  /** m-line index in the publisher's PeerConnection (an integer, though the doc shows a string). */
  mindex: number;
  /** The publisher's mid for this stream. */
  mid: string;
  /** `true` when the stream is inactive; `codec`, `description`, etc. are then missing. */
  disabled?: true;
  /** Negotiated codec (absent for data and for disabled streams). */
  codec?: JanusAudioCodec | JanusVideoCodec;
  /** Text description set via `descriptions`, if any. */
  description?: string;
  /**
   * Present and `true` when a moderator muted this stream (`moderate`). Not in the 1.1.2 doc for
   * audio: the code only emits it for video streams in the `publishers` event, for any kind in `joined`.
   */
  moderated?: true;
  /** Present and `true` if the video stream uses simulcast (the doc shows a string; it is a boolean). */
  simulcast?: true;
  /** Present and `true` if the video stream uses SVC (the doc shows a string; it is a boolean). */
  svc?: true;
  /** Audio activity of this stream; only in `joined`, only when the audio-level extension is in use. */
  talking?: boolean;
  /** Opus stereo negotiated (audio only; not in the doc). */
  stereo?: true;
  /** Opus in-band FEC negotiated (audio only; not in the doc). */
  fec?: true;
  /** Opus DTX negotiated (audio only; not in the doc). */
  dtx?: true;
  /** Negotiated H.264 `profile-level-id` (video only; not in the doc). */
  h264_profile?: string;
  /** Negotiated VP9 `profile-id` (video only; not in the doc). */
  vp9_profile?: string;
}

/** An active publisher, as listed in `joined.publishers` and in the `publishers` event. */
export interface VideoRoomPublisher {
  /** Unique id of the publisher. */
  id: ParticipantId;
  /** Display name, if any. */
  display?: string;
  /** Present and `true` if this is the room's dummy publisher (placeholder m-lines). */
  dummy?: true;
  /** Publisher metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
  /** Codec of the first audio stream (backwards-compatibility field, not in the doc). */
  audio_codec?: JanusAudioCodec;
  /** Codec of the first video stream (backwards-compatibility field, not in the doc). */
  video_codec?: JanusVideoCodec;
  /** Published streams. */
  streams: VideoRoomPublisherStream[];
  /**
   * Whether the publisher is talking (only in `joined`, only with audio levels).
   * @deprecated Use the per-stream `talking`.
   */
  talking?: boolean;
}

/** A non-publishing participant (`joined.attendees`, `joining`), sent only with `notify_joining`. */
export interface VideoRoomAttendee {
  /** Unique id of the participant. */
  id: ParticipantId;
  /** Display name, if any. */
  display?: string;
  /** Participant metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
}

/** Simulcast state of a subscriber stream (`simulcast` in a subscription stream summary). */
export interface VideoRoomSubscriberSimulcastInfo {
  /** Substream currently relayed. */
  substream: number;
  /** Substream the subscriber asked for. */
  'substream-target': number;
  /** Temporal layer currently relayed. */
  'temporal-layer': number;
  /** Temporal layer the subscriber asked for. */
  'temporal-layer-target': number;
  /** Fallback timer in microseconds, when set. */
  fallback?: number;
}

/** SVC state of a subscriber stream (`svc` in a subscription stream summary). */
export interface VideoRoomSubscriberSvcInfo {
  /** Spatial layer currently relayed. */
  'spatial-layer': number;
  /** Spatial layer the subscriber asked for. */
  'target-spatial-layer': number;
  /** Temporal layer currently relayed. */
  'temporal-layer': number;
  /** Temporal layer the subscriber asked for. */
  'target-temporal-layer': number;
}

/** Playout-delay extension settings of a subscriber stream. */
export interface VideoRoomPlayoutDelayInfo {
  /** Minimum delay, in blocks of 10 ms. */
  'min-delay': number;
  /** Maximum delay, in blocks of 10 ms. */
  'max-delay': number;
}

/**
 * One stream of a subscription, as returned in `attached`, `updated` and `switched`
 * (`janus_videoroom_subscriber_streams_summary()`). The 1.1.2 doc only lists a subset of these
 * fields; the extra ones below are what the code actually sends.
 */
export interface VideoRoomSubscriberStream {
  /** Media kind. */
  type: VideoRoomMediaType;
  /** Whether a publisher stream currently feeds this m-line (always `true` for data). Not in the 1.1.2 doc. */
  active: boolean;
  /** m-line index in the subscription. */
  mindex: number;
  /** mid in the subscription (not the publisher's). */
  mid: string;
  /** The `crossrefid` given when subscribing, if any. Not in the doc's summary. */
  crossrefid?: string;
  /** Whether the stream is ready to send media (false at the beginning). */
  ready: boolean;
  /** Whether the stream is configured to relay media. */
  send: boolean;
  /** Publisher originating this stream (audio/video only). */
  feed_id?: ParticipantId;
  /** Display name of that publisher, if any. */
  feed_display?: string;
  /** Metadata of that publisher, if any. @since 1.4.1 */
  feed_metadata?: VideoRoomMetadata;
  /** The publisher's mid for this stream. */
  feed_mid?: string;
  /** The publisher's description of this stream, if any. Not in the doc. */
  feed_description?: string;
  /** Codec relayed on this m-line (audio/video only). Not in the 1.1.2 doc. */
  codec?: JanusAudioCodec | JanusVideoCodec;
  /** Negotiated H.264 profile, for H.264 video. Not in the 1.1.2 doc. */
  'h264-profile'?: string;
  /** Negotiated VP9 profile, for VP9 video. Not in the 1.1.2 doc. */
  'vp9-profile'?: string;
  /** Playout-delay configuration, for video with the extension in use. Not in the 1.1.2 doc. */
  'playout-delay'?: VideoRoomPlayoutDelayInfo;
  /** Simulcast state, if the source uses simulcast. Not in the 1.1.2 doc. */
  simulcast?: VideoRoomSubscriberSimulcastInfo;
  /** SVC state, if the source uses SVC. Not in the 1.1.2 doc. */
  svc?: VideoRoomSubscriberSvcInfo;
  /** For the data m-line: number of publishers whose data is relayed. Not in the 1.1.2 doc. */
  sources?: number;
  /** For the data m-line: ids of the publishers whose data is relayed. Not in the 1.1.2 doc. */
  source_ids?: ParticipantId[];
}

/** A room as listed by `list`. */
export interface VideoRoomRoomInfo {
  /** Room id. */
  room: RoomId;
  /** Room description (`Room <id>` when none was set). */
  description: string;
  /** Whether a PIN is required to join. */
  pin_required: boolean;
  /** Whether the room is private (only listed with a valid `admin_key`). */
  is_private: boolean;
  /** Maximum number of concurrent WebRTC publishers. */
  max_publishers: number;
  /** Default bitrate cap (REMB) for publishers; 0 means none. */
  bitrate: number;
  /** Present and `true` when `bitrate` is a hard cap publishers can't override. */
  bitrate_cap?: true;
  /** Keyframe request period in seconds (0 = disabled). */
  fir_freq: number;
  /** Whether subscriptions must provide a valid `private_id`. */
  require_pvtid: boolean;
  /** Whether end-to-end encrypted publishers are required. */
  require_e2ee: boolean;
  /** Whether the room has a dummy publisher. */
  dummy_publisher: boolean;
  /** Whether plain joins are notified to the room. */
  notify_joining: boolean;
  /** Comma separated list of allowed audio codecs. */
  audiocodec: string;
  /** Comma separated list of allowed video codecs. */
  videocodec: string;
  /** Present and `true` when Opus in-band FEC is negotiated. */
  opus_fec?: true;
  /** Present and `true` when Opus DTX is negotiated. */
  opus_dtx?: true;
  /**
   * Present and `true` when VP9 SVC is enabled.
   * @deprecated Removed in 1.1.4 (SVC is detected automatically there).
   */
  video_svc?: true;
  /** Whether the room is being recorded. */
  record: boolean;
  /** Recording folder, if any. */
  rec_dir?: string;
  /** Whether the recording state can only be changed with the room secret. */
  lock_record: boolean;
  /** Number of participants (publishers, active or not; not subscribers). */
  num_participants: number;
  /** Whether the ssrc-audio-level extension is negotiated for new publishers. */
  audiolevel_ext: boolean;
  /** Whether talking events are emitted. */
  audiolevel_event: boolean;
  /** Packets used for talk detection (only when `audiolevel_event` is true). */
  audio_active_packets?: number;
  /** Average level threshold for talk detection (only when `audiolevel_event` is true). */
  audio_level_average?: number;
  /** Whether the video-orientation extension is negotiated for new publishers. */
  videoorient_ext: boolean;
  /** Whether the playout-delay extension is negotiated for new publishers. */
  playoutdelay_ext: boolean;
  /** Whether transport-wide CC is negotiated for new publishers. */
  transport_wide_cc_ext: boolean;
}

/** A participant as listed by `listparticipants`. */
export interface VideoRoomParticipantInfo {
  /** Participant id. */
  id: ParticipantId;
  /** Display name, if any. */
  display?: string;
  /** Participant metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
  /** Present and `true` for the dummy publisher. Not in the doc. */
  dummy?: true;
  /** Present and `true` for a remote publisher (room cascading). Not in the doc. */
  remote?: true;
  /** Whether the participant is an active publisher (a boolean, though the doc shows a string). */
  publisher: boolean;
  /** Whether the participant is talking; only for active publishers with audio levels. */
  talking?: boolean;
}

/** An RTP forwarder (`rtp_forward.forwarders`, `listforwarders`), `janus_videoroom_rtp_forwarder_summary()`. */
export interface VideoRoomForwarder {
  /** Unique id of the forwarder (for `stop_rtp_forward`). */
  stream_id: number;
  /** Media kind forwarded. */
  type: VideoRoomMediaType;
  /** Destination address (resolved). */
  host: string;
  /** Destination port. */
  port: number;
  /** Local port receiving RTCP feedback, if any (audio/video). */
  local_rtcp_port?: number;
  /** Remote port RTCP feedback comes from, if any (audio/video). */
  remote_rtcp_port?: number;
  /** Payload type used, if overridden (audio/video). */
  pt?: number;
  /** SSRC used, if overridden (audio/video). */
  ssrc?: number;
  /** Simulcast substream relayed by this forwarder, if any (video). */
  substream?: number;
  /** Present and `true` if the stream is SRTP-encrypted. */
  srtp?: true;
}

/** A publisher with its forwarders, as listed by `listforwarders`. */
export interface VideoRoomForwardersPublisher {
  /** Publisher id. */
  publisher_id: ParticipantId;
  /** Publisher display name, if any. Not in the doc. */
  display?: string;
  /** Publisher metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
  /** Forwarders of this publisher (remotizations excluded). */
  forwarders: VideoRoomForwarder[];
}

/** The `rtp_stream` object returned by `rtp_forward` when the deprecated flat API is used. */
export interface VideoRoomLegacyRtpStream {
  /** Destination host. */
  host: string;
  /** Audio forwarder id. */
  audio_stream_id?: number;
  /** Audio port. */
  audio?: number;
  /** Video forwarder id (first substream). */
  video_stream_id?: number;
  /** Video port (first substream). */
  video?: number;
  /** Video RTCP port, if configured. @since 1.2.2 */
  video_rtcp?: number;
  /** Video forwarder id (second substream). */
  video_stream_id_2?: number;
  /** Video port (second substream). */
  video_2?: number;
  /** Video forwarder id (third substream). */
  video_stream_id_3?: number;
  /** Video port (third substream). */
  video_3?: number;
  /** Data forwarder id. */
  data_stream_id?: number;
  /** Data port. */
  data?: number;
  /** Always `deprecated_api`. */
  warning: 'deprecated_api';
}

/** A remotization of a local publisher, as listed by `listremotes`. */
export interface VideoRoomRemotization {
  /** Id of this remotization. */
  remote_id: string;
  /** Address RTP is sent to. */
  host: string;
  /** Port RTP is sent to. */
  port: number;
  /** RTCP port, if enabled. */
  rtcp_port?: number;
}

// ---------------------------------------------------------------------------------------------------
// Synchronous requests and their responses
// ---------------------------------------------------------------------------------------------------

/**
 * `create`: create a room (synchronous). Every field is optional (`create_parameters`); defaults
 * are those applied by the code.
 */
export interface VideoRoomCreateRequest {
  /** Room id; chosen by the plugin if missing. A string only with `string_ids`. */
  room?: RoomId;
  /** Plugin admin key; required when `admin_key` is configured in the plugin. */
  admin_key?: string;
  /** Whether to save the room in the config file. Default `false`. */
  permanent?: boolean;
  /** Pretty name; default `Room <id>`. */
  description?: string;
  /** Private rooms are not listed by `list` (unless a valid `admin_key` is given). Default `false`. */
  is_private?: boolean;
  /** Tokens allowed to join; providing it (even empty) enables the ACL. */
  allowed?: string[];
  /** Secret required to edit/destroy/moderate the room. */
  secret?: string;
  /** PIN required to join the room. */
  pin?: string;
  /** Whether subscribers must provide a valid `private_id`. Default `false`. */
  require_pvtid?: boolean;
  /** Whether joining requires signed tokens (only if the core uses them). Default `false`. */
  signed_tokens?: boolean;
  /** Max video bitrate (REMB) for publishers; values under 64000 are raised to 64000. Default 0 (none). */
  bitrate?: number;
  /** Whether `bitrate` is a hard cap publishers can't raise. Default `false`. */
  bitrate_cap?: boolean;
  /** Send a keyframe request to publishers every `fir_freq` seconds. Default 0 (disabled). */
  fir_freq?: number;
  /** Max number of concurrent WebRTC publishers. Default 3. */
  publishers?: number;
  /** Allowed audio codecs, comma separated in order of preference (up to 5). Default `opus`. */
  audiocodec?: string;
  /** Allowed video codecs, comma separated in order of preference (up to 5). Default `vp8`. */
  videocodec?: string;
  /** VP9 profile to prefer, e.g. `2` (only if VP9 is allowed). */
  vp9_profile?: string;
  /** H.264 profile-level-id to prefer, e.g. `42e01f` (only if H.264 is allowed). */
  h264_profile?: string;
  /** Whether Opus in-band FEC must be negotiated. Default `true`. */
  opus_fec?: boolean;
  /** Whether Opus DTX must be negotiated. Default `false`. */
  opus_dtx?: boolean;
  /**
   * Whether VP9 SVC must be enabled (only if VP9 is the only video codec). Default `false`.
   * @deprecated Removed in 1.1.4, where SVC is detected automatically.
   */
  video_svc?: boolean;
  /** Whether the ssrc-audio-level extension is negotiated for new publishers. Default `true`. */
  audiolevel_ext?: boolean;
  /** Whether to emit `talking`/`stopped-talking` events. Default `false`. */
  audiolevel_event?: boolean;
  /** Packets with audio level used for talk detection. Default 100 (2 seconds). */
  audio_active_packets?: number;
  /** Average audio level threshold (127 = muted, 0 = too loud). Default 25. */
  audio_level_average?: number;
  /** Whether the video-orientation extension is negotiated for new publishers. Default `true`. */
  videoorient_ext?: boolean;
  /** Whether the playout-delay extension is negotiated for new publishers. Default `true`. */
  playoutdelay_ext?: boolean;
  /** Whether transport-wide CC is negotiated for new publishers. Default `true`. */
  transport_wide_cc_ext?: boolean;
  /** Whether the room is recorded. Default `false`. */
  record?: boolean;
  /** Folder for recordings. */
  rec_dir?: string;
  /** Whether recording can only be changed with the room secret. Default `false`. */
  lock_record?: boolean;
  /** Whether plain joins (not only publishers) are notified. Default `false`. */
  notify_joining?: boolean;
  /** Whether all participants must use end-to-end encryption. Default `false`. */
  require_e2ee?: boolean;
  /** Whether to create a dummy publisher with one m-line per allowed codec. Default `false`. */
  dummy_publisher?: boolean;
  /** With `dummy_publisher`, the codecs (and fmtp) to offer; all allowed codecs if missing. */
  dummy_streams?: VideoRoomDummyStream[];
  /** Whether the dummy publisher should be marked as end-to-end encrypted. @since 1.3.2 */
  dummy_e2ee?: boolean;
  /** Number of helper threads for relaying publishers. Default 0. @since 1.2.3 */
  threads?: number;
}

/** Response to `create`. */
export interface VideoRoomCreateResponse {
  /** Always `created`. */
  videoroom: 'created';
  /** Id of the new room. */
  room: RoomId;
  /** Whether the room was saved to the config file (false may mean a permissions problem). */
  permanent: boolean;
}

/** `edit`: change some properties of a room (synchronous). */
export interface VideoRoomEditRequest {
  /** Room to edit. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** New description. */
  new_description?: string;
  /** New private flag. */
  new_is_private?: boolean;
  /** New secret. */
  new_secret?: string;
  /** New PIN. */
  new_pin?: string;
  /** New `require_pvtid`. */
  new_require_pvtid?: boolean;
  /** New bitrate cap for publishers without an override. */
  new_bitrate?: number;
  /** New keyframe request period. */
  new_fir_freq?: number;
  /** New cap on concurrent publishers. */
  new_publishers?: number;
  /** New `lock_record`. */
  new_lock_record?: boolean;
  /** New recording folder for the next recordings. */
  new_rec_dir?: string;
  /** Whether to save the change to the config file. Default `false`. */
  permanent?: boolean;
}

/** Response to `edit`. */
export interface VideoRoomEditResponse {
  /** Always `edited`. */
  videoroom: 'edited';
  /** Room id. */
  room: RoomId;
  /** Whether the change was saved to the config file (sent by the code, missing in the doc). */
  permanent: boolean;
}

/** `destroy`: destroy a room, kicking everybody out (synchronous). */
export interface VideoRoomDestroyRequest {
  /** Room to destroy. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Whether to also remove the room from the config file. Default `false`. */
  permanent?: boolean;
}

/** Response to `destroy`. */
export interface VideoRoomDestroyResponse {
  /** Always `destroyed`. */
  videoroom: 'destroyed';
  /** Room id. */
  room: RoomId;
  /** Whether the room was removed from the config file (sent by the code, missing in the doc). */
  permanent: boolean;
}

/** `exists`: check whether a room exists (synchronous). */
export interface VideoRoomExistsRequest {
  /** Room to check. Required. */
  room: RoomId;
}

/** Response to `exists`. */
export interface VideoRoomExistsResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** Room id, as requested. */
  room: RoomId;
  /** Whether the room exists. */
  exists: boolean;
}

/** `list`: list the rooms (synchronous). */
export interface VideoRoomListRequest {
  /** Plugin admin key; if given and valid, private rooms are listed too. */
  admin_key?: string;
}

/** Response to `list`. */
export interface VideoRoomListResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** The rooms. */
  list: VideoRoomRoomInfo[];
}

/** Action of an `allowed` request. */
export type VideoRoomAllowedAction = 'enable' | 'disable' | 'add' | 'remove';

/** `allowed`: manage the room's token ACL (synchronous). */
export interface VideoRoomAllowedRequest {
  /** Room to update. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** `enable`/`disable` the ACL check, or `add`/`remove` tokens. Required. */
  action: VideoRoomAllowedAction;
  /** Tokens to add or remove (only for `add`/`remove`). */
  allowed?: string[];
}

/** Response to `allowed`. */
export interface VideoRoomAllowedResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** Room id. */
  room: RoomId;
  /** Complete updated token list; absent for `disable`. */
  allowed?: string[];
}

/** `kick`: kick a participant out of the room (synchronous). */
export interface VideoRoomKickRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Participant to kick. Required. */
  id: ParticipantId;
}

/** Response to `kick`, `moderate`, `update_remote_publisher`, `remove_remote_publisher`. */
export interface VideoRoomSuccessResponse {
  /** Always `success`. */
  videoroom: 'success';
}

/** `moderate`: force-mute or unmute one stream of a participant (synchronous). */
export interface VideoRoomModerateRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Participant to moderate. Required. */
  id: ParticipantId;
  /** mid of the participant's stream. Required. */
  mid: string;
  /** `true` to mute, `false` to lift the moderation (does not unmute a self-muted stream). Required. */
  mute: boolean;
}

/** `enable_recording`: start/stop recording every participant of a room (synchronous). */
export interface VideoRoomEnableRecordingRequest {
  /** Room. Required in practice (a missing room yields `NO_SUCH_ROOM`). */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Whether participants should be recorded. Required. */
  record: boolean;
}

/** Response to `enable_recording` (not shown in the doc). */
export interface VideoRoomEnableRecordingResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** The new recording state. */
  record: boolean;
}

/** `listparticipants`: list the participants of a room (synchronous). */
export interface VideoRoomListParticipantsRequest {
  /** Room. Required. */
  room: RoomId;
}

/** Response to `listparticipants`. */
export interface VideoRoomListParticipantsResponse {
  /** Always `participants`. */
  videoroom: 'participants';
  /** Room id. */
  room: RoomId;
  /** Participants (publishers, active or not). */
  participants: VideoRoomParticipantInfo[];
}

/** `listforwarders`: list the RTP forwarders of a room (synchronous). */
export interface VideoRoomListForwardersRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
}

/** Response to `listforwarders`. */
export interface VideoRoomListForwardersResponse {
  /** Always `forwarders`. */
  videoroom: 'forwarders';
  /** Room id. */
  room: RoomId;
  /** Publishers that have at least one forwarder. */
  publishers: VideoRoomForwardersPublisher[];
}

/** One stream to forward in an `rtp_forward` request (`rtp_forward_stream_parameters`). */
export interface VideoRoomRtpForwardStream {
  /** mid of the publisher stream to forward. Required. */
  mid: string;
  /** Destination host for this stream; the request's `host` if missing. */
  host?: string;
  /** `ipv4` or `ipv6`, to resolve `host`; the request's `host_family` if missing. */
  host_family?: 'ipv4' | 'ipv6';
  /** Destination port. Required. */
  port: number;
  /** Port to contact to receive RTCP feedback (RTP streams only). */
  rtcp_port?: number;
  /** SSRC to use (RTP streams only). */
  ssrc?: number;
  /** Payload type to use (RTP streams only). */
  pt?: number;
  /**
   * For simulcast sources: `true` forwards a single stream like a regular viewer would; `false`
   * forwards substreams separately via `port_2`/`port_3`. Default `false`.
   */
  simulcast?: boolean;
  /** Port for the second simulcast substream. */
  port_2?: number;
  /** SSRC for the second simulcast substream. */
  ssrc_2?: number;
  /** Payload type for the second simulcast substream. */
  pt_2?: number;
  /** Port for the third simulcast substream. */
  port_3?: number;
  /** SSRC for the third simulcast substream. */
  ssrc_3?: number;
  /** Payload type for the third simulcast substream. */
  pt_3?: number;
}

/** `rtp_forward`: forward a publisher's streams via plain or SRTP RTP (synchronous). */
export interface VideoRoomRtpForwardRequest {
  /** Room of the publisher. Required. */
  room: RoomId;
  /** Publisher to forward. Required. */
  publisher_id: ParticipantId;
  /** Room secret; required if the room has one (checked by the code, not in the doc). */
  secret?: string;
  /** Plugin admin key; required when `admin_key` is configured and extended to RTP forwarding. */
  admin_key?: string;
  /**
   * Destination host. Required by the code (`rtp_forward_parameters` marks it required), even
   * though the doc suggests it can be given per stream only.
   */
  host: string;
  /** `ipv4` or `ipv6`, to resolve `host`; whatever resolves first by default. */
  host_family?: 'ipv4' | 'ipv6';
  /** Streams to forward. */
  streams?: VideoRoomRtpForwardStream[];
  /** SRTP authentication tag length: 32 or 80. */
  srtp_suite?: 32 | 80;
  /** SRTP key, base64 encoded as in SDES. */
  srtp_crypto?: string;
  /** @deprecated Flat API: forward simulcast as a single stream. Use `streams[].simulcast`. */
  simulcast?: boolean;
  /** @deprecated Flat API: video port. Use `streams`. */
  video_port?: number;
  /** @deprecated Flat API: video RTCP port. Use `streams`. */
  video_rtcp_port?: number;
  /** @deprecated Flat API: video SSRC. Use `streams`. */
  video_ssrc?: number;
  /** @deprecated Flat API: video payload type. Use `streams`. */
  video_pt?: number;
  /** @deprecated Flat API: second substream port. Use `streams`. */
  video_port_2?: number;
  /** @deprecated Flat API: second substream SSRC. Use `streams`. */
  video_ssrc_2?: number;
  /** @deprecated Flat API: second substream payload type. Use `streams`. */
  video_pt_2?: number;
  /** @deprecated Flat API: third substream port. Use `streams`. */
  video_port_3?: number;
  /** @deprecated Flat API: third substream SSRC. Use `streams`. */
  video_ssrc_3?: number;
  /** @deprecated Flat API: third substream payload type. Use `streams`. */
  video_pt_3?: number;
  /** @deprecated Flat API: audio port. Use `streams`. */
  audio_port?: number;
  /** @deprecated Flat API: audio RTCP port. Use `streams`. */
  audio_rtcp_port?: number;
  /** @deprecated Flat API: audio SSRC. Use `streams`. */
  audio_ssrc?: number;
  /** @deprecated Flat API: audio payload type. Use `streams`. */
  audio_pt?: number;
  /** @deprecated Flat API: data port. Use `streams`. */
  data_port?: number;
}

/** Response to `rtp_forward`. */
export interface VideoRoomRtpForwardResponse {
  /** Always `rtp_forward`. */
  videoroom: 'rtp_forward';
  /** Room id, as requested. */
  room: RoomId;
  /** Publisher id, as requested. */
  publisher_id: ParticipantId;
  /** New forwarders (when `streams` was used; unknown mids are silently skipped). */
  forwarders?: VideoRoomForwarder[];
  /** Summary of the flat (deprecated) API. */
  rtp_stream?: VideoRoomLegacyRtpStream;
}

/** `stop_rtp_forward`: stop an RTP forwarder (synchronous). */
export interface VideoRoomStopRtpForwardRequest {
  /** Room of the publisher. Required. */
  room: RoomId;
  /** Publisher owning the forwarder. Required. */
  publisher_id: ParticipantId;
  /** Forwarder id (`stream_id` from `rtp_forward`). Required. */
  stream_id: number;
  /** Room secret; required if the room has one (not in the doc). */
  secret?: string;
  /** Plugin admin key; required when configured and extended to RTP forwarding. */
  admin_key?: string;
}

/** Response to `stop_rtp_forward`. */
export interface VideoRoomStopRtpForwardResponse {
  /** Always `stop_rtp_forward`. */
  videoroom: 'stop_rtp_forward';
  /** Room id, as requested. */
  room: RoomId;
  /** Publisher id, as requested. */
  publisher_id: ParticipantId;
  /** Forwarder id, as requested. */
  stream_id: number;
}

/**
 * `publish_remotely`: relay a local publisher to a remote VideoRoom (room cascading, synchronous).
 * Present in the 1.1.2 code but only documented from later versions.
 */
export interface VideoRoomPublishRemotelyRequest {
  /** Room of the local publisher. Required. */
  room: RoomId;
  /** Local publisher to remotize. Required. */
  publisher_id: ParticipantId;
  /** Id of this remotization (only meaningful on this instance). Required. */
  remote_id: string;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Plugin admin key; required when configured and extended to RTP forwarding. */
  admin_key?: string;
  /** Address to send RTP to (the `ip` from `add_remote_publisher`). Required. */
  host: string;
  /** `ipv4` or `ipv6`, to resolve `host`. */
  host_family?: 'ipv4' | 'ipv6';
  /** Port to send RTP to (the `port` from `add_remote_publisher`). Required. */
  port: number;
  /** Port to latch to for RTCP feedback. */
  rtcp_port?: number;
  /** SRTP authentication tag length: 32 or 80. @since 1.3.0 */
  srtp_suite?: 32 | 80;
  /** SRTP key, base64 encoded. @since 1.3.0 */
  srtp_crypto?: string;
}

/** Response to `publish_remotely`. */
export interface VideoRoomPublishRemotelyResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** Room id. */
  room: RoomId;
  /** Local publisher id. */
  id: ParticipantId;
  /** Remotization id (needed for `unpublish_remotely`). */
  remote_id: string;
}

/** `unpublish_remotely`: stop a remotization of a local publisher (synchronous). */
export interface VideoRoomUnpublishRemotelyRequest {
  /** Room of the local publisher. Required. */
  room: RoomId;
  /** Local publisher. Required. */
  publisher_id: ParticipantId;
  /** Remotization to stop. Required. */
  remote_id: string;
  /** Room secret; required if the room has one. */
  secret?: string;
}

/** Response to `unpublish_remotely`. */
export interface VideoRoomUnpublishRemotelyResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** Room id. */
  room: RoomId;
  /** Local publisher id. */
  id: ParticipantId;
}

/**
 * `listremotes`: list the remotizations of a local publisher (synchronous). The doc (from 1.2.4)
 * calls it `list_remotes`, but the code only accepts `listremotes`.
 */
export interface VideoRoomListRemotesRequest {
  /** Room of the local publisher. Required. */
  room: RoomId;
  /** Local publisher. Required. */
  publisher_id: ParticipantId;
  /** Room secret; required if the room has one. */
  secret?: string;
}

/** Response to `listremotes`. */
export interface VideoRoomListRemotesResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** Room id. */
  room: RoomId;
  /** Local publisher id. */
  id: ParticipantId;
  /** Remotizations. */
  list: VideoRoomRemotization[];
}

/** One stream of a remote publisher (`remote_publisher_stream_parameters`). */
export interface VideoRoomRemotePublisherStream {
  /** mid of the stream. Required. */
  mid: string;
  /** m-line index. Required. */
  mindex: number;
  /** Media kind. Required. */
  type: VideoRoomMediaType;
  /** Codec name. */
  codec?: string;
  /** Text description. */
  description?: string;
  /** Whether the stream is disabled. */
  disabled?: boolean;
  /** Opus stereo. */
  stereo?: boolean;
  /** Opus FEC. */
  fec?: boolean;
  /** Opus DTX. */
  dtx?: boolean;
  /**
   * H.264 profile. 1.1.2 validates this field as a boolean while reading it as a string, so it is
   * only usable from 1.2.1. The later doc spells it `h264-profile`; the code reads `h264_profile`.
   * @since 1.2.1
   */
  h264_profile?: string;
  /** VP9 profile; same caveat as `h264_profile`. @since 1.2.1 */
  vp9_profile?: string;
  /** Whether the video stream uses simulcast. */
  simulcast?: boolean;
  /** Whether the video stream uses SVC. */
  svc?: boolean;
  /** Extension id of ssrc-audio-level, if used. */
  audiolevel_ext_id?: number;
  /** Extension id of video-orientation, if used. */
  videoorient_ext_id?: number;
  /** Extension id of playout-delay, if used. */
  playoutdelay_ext_id?: number;
}

/** `add_remote_publisher`: advertise a publisher living on another Janus instance (synchronous). */
export interface VideoRoomAddRemotePublisherRequest {
  /** Room to add the remote publisher to. Required. */
  room: RoomId;
  /** Id for the remote publisher; chosen by the plugin if missing. */
  id?: ParticipantId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Display name. */
  display?: string;
  /** Metadata. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
  /** Multicast group to receive RTP on, if any. */
  mcast?: string;
  /** Interface or IP to bind to (all if missing). */
  iface?: string;
  /** Local port for all RTP packets; 0 (default) picks a random one. */
  port?: number;
  /** SRTP authentication tag length: 32 or 80. @since 1.3.0 */
  srtp_suite?: 32 | 80;
  /** SRTP key, base64 encoded. @since 1.3.0 */
  srtp_crypto?: string;
  /** The publisher's streams. Required. */
  streams: VideoRoomRemotePublisherStream[];
}

/** Response to `add_remote_publisher`. */
export interface VideoRoomAddRemotePublisherResponse {
  /** Always `success`. */
  videoroom: 'success';
  /** Room id. */
  room: RoomId;
  /** Id of the new remote publisher. */
  id: ParticipantId;
  /** Address to send RTP to, when bound to a specific one. */
  ip?: string;
  /** Port to send RTP to. */
  port: number;
  /** Port to latch to for RTCP feedback. */
  rtcp_port: number;
}

/** `update_remote_publisher`: update a remote publisher after a renegotiation (synchronous). */
export interface VideoRoomUpdateRemotePublisherRequest {
  /** Room. Required. */
  room: RoomId;
  /** Remote publisher. Required. */
  id: ParticipantId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** New display name. */
  display?: string;
  /** New metadata. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
  /** SRTP authentication tag length: 32 or 80. @since 1.3.0 */
  srtp_suite?: 32 | 80;
  /** SRTP key, base64 encoded. @since 1.3.0 */
  srtp_crypto?: string;
  /** New or modified streams only. Required. */
  streams: VideoRoomRemotePublisherStream[];
}

/** `remove_remote_publisher`: remove a remote publisher (synchronous). */
export interface VideoRoomRemoveRemotePublisherRequest {
  /** Room. Required. */
  room: RoomId;
  /** Remote publisher. Required. */
  id: ParticipantId;
  /** Room secret; required if the room has one. */
  secret?: string;
}

// ---------------------------------------------------------------------------------------------------
// Publisher requests (asynchronous)
// ---------------------------------------------------------------------------------------------------

/** `join` with `ptype: 'publisher'`: join a room as a (not yet active) participant. */
export interface VideoRoomJoinPublisherRequest {
  /** Participant type. Required. */
  ptype: 'publisher';
  /** Room to join. Required. */
  room: RoomId;
  /** Participant id; chosen by the plugin if missing. */
  id?: ParticipantId;
  /** Display name. */
  display?: string;
  /** PIN; required if the room has one (checked by the code, missing from the doc's `join`). */
  pin?: string;
  /** Invitation token (room ACL) or signed token (`signed_tokens` rooms). */
  token?: string;
  /** Participant metadata. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
  /** Stream descriptions (validated here too, not in the doc). */
  descriptions?: VideoRoomStreamDescription[];
  /** Overrides the room's `audio_active_packets` for this participant (not in the doc for `join`). */
  audio_active_packets?: number;
  /** Overrides the room's `audio_level_average` for this participant (not in the doc for `join`). */
  audio_level_average?: number;
}

/** Response to a publisher `join` (and to `joinandconfigure`). */
export interface VideoRoomJoinedEvent {
  /** Always `joined`. */
  videoroom: 'joined';
  /** Room id. */
  room: RoomId;
  /** Room description. */
  description: string;
  /** Our participant id. */
  id: ParticipantId;
  /** Private id, to pass as `private_id` when subscribing. */
  private_id: number;
  /** Currently active publishers (empty if none). */
  publishers: VideoRoomPublisher[];
  /** Passive participants; only when the room has `notify_joining`. */
  attendees?: VideoRoomAttendee[];
  /** Our `audio_active_packets` override, if set (not in the doc). */
  audio_active_packets?: number;
  /** Our `audio_level_average` override, if set (not in the doc). */
  audio_level_average?: number;
  /** `joinandconfigure` with an offer: codec of our first audio stream. */
  audio_codec?: JanusAudioCodec;
  /** `joinandconfigure` with an offer: codec of our first video stream. */
  video_codec?: JanusVideoCodec;
  /** `joinandconfigure` with an offer: our published streams. */
  streams?: VideoRoomPublisherStream[];
}

/**
 * `publish`: start publishing (must carry a JSEP offer). Fields from `publish_parameters`.
 * Also the base of {@link VideoRoomConfigurePublisherRequest}.
 */
export interface VideoRoomPublishRequest {
  /** Audio codec to prefer among the negotiated ones (only with an SDP). */
  audiocodec?: JanusAudioCodec;
  /** Video codec to prefer among the negotiated ones (only with an SDP). */
  videocodec?: JanusVideoCodec;
  /** Bitrate cap (REMB); overrides the room value unless the room has `bitrate_cap`. */
  bitrate?: number;
  /** Whether to record this publisher. */
  record?: boolean;
  /** Base path/file for the recordings. */
  filename?: string;
  /** Room secret; needed to change `record`/`filename` when the room has `lock_record`. */
  secret?: string;
  /** Display name (a change is notified to the room). */
  display?: string;
  /** New metadata (a change is notified to the room). @since 1.3.0 */
  metadata?: VideoRoomMetadata;
  /**
   * Overrides the room's `audio_level_average`. An integer in the code (the doc shows a string;
   * the validation array even misspells it `audio_level_averge`, so it is not type-checked).
   */
  audio_level_average?: number;
  /** Overrides the room's `audio_active_packets` (an integer, the doc shows a string). */
  audio_active_packets?: number;
  /** Stream descriptions. */
  descriptions?: VideoRoomStreamDescription[];
  /** Whether to send a keyframe request to all video streams. */
  keyframe?: boolean;
  /** Force a renegotiation (not in the doc). */
  update?: boolean;
  /** Force an ICE restart (not in the doc). */
  restart?: boolean;
  /** @deprecated Use `configure` with `streams[].send`. */
  audio?: boolean;
  /** @deprecated Use `configure` with `streams[].send`. */
  video?: boolean;
  /** @deprecated Use `configure` with `streams[].send`. */
  data?: boolean;
}

/**
 * `joinandconfigure`: `join` as publisher and publish in one request (with a JSEP offer). Besides
 * the `join` fields, the code only reads `audiocodec`, `videocodec`, `bitrate`, `record` and
 * `filename` from the `publish` set (the doc says it "combines the properties of both").
 */
export interface VideoRoomJoinAndConfigureRequest
  extends VideoRoomJoinPublisherRequest,
    Pick<VideoRoomPublishRequest, 'audiocodec' | 'videocodec' | 'bitrate' | 'record' | 'filename'> {}

/** Per-stream settings of a publisher `configure` (`publish_stream_parameters`). */
export interface VideoRoomPublisherConfigureStream {
  /** mid of the published stream; required when `streams` has more than one entry. */
  mid?: string;
  /** Whether media for this mid should be relayed. */
  send?: boolean;
  /** Whether to send this stream a keyframe request. */
  keyframe?: boolean;
  /** Minimum playout delay, in blocks of 10 ms. */
  min_delay?: number;
  /** Maximum playout delay, in blocks of 10 ms. */
  max_delay?: number;
}

/** `configure` on a publisher handle: tweak an active publisher, or publish/renegotiate with a JSEP offer. */
export interface VideoRoomConfigurePublisherRequest extends VideoRoomPublishRequest {
  /** Per-stream tweaks. */
  streams?: VideoRoomPublisherConfigureStream[];
  /** @deprecated Pre-`streams` form: mid to tweak; use `streams`. */
  mid?: string;
  /** @deprecated Pre-`streams` form; use `streams[].send`. */
  send?: boolean;
  /** @deprecated Pre-`streams` form; use `streams[].min_delay`. */
  min_delay?: number;
  /** @deprecated Pre-`streams` form; use `streams[].max_delay`. */
  max_delay?: number;
}

/** Response to `publish`/`configure` (publisher or subscriber). */
export interface VideoRoomConfiguredEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Always `ok`. */
  configured: 'ok';
  /** With an SDP: codec of the first audio stream. */
  audio_codec?: JanusAudioCodec;
  /** With an SDP: codec of the first video stream. */
  video_codec?: JanusVideoCodec;
  /** With an SDP: the published streams. */
  streams?: VideoRoomPublisherStream[];
}

/** `unpublish`: stop publishing (no fields). */
export type VideoRoomUnpublishRequest = EmptyRequest;

/** Response to `unpublish`. */
export interface VideoRoomUnpublishedOkEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Always `ok`. */
  unpublished: 'ok';
}

/** `leave`: leave the room (publisher) or close the subscription (subscriber). No fields. */
export type VideoRoomLeaveRequest = EmptyRequest;

/** Response to a publisher `leave`; also pushed to a kicked participant, with `reason: 'kicked'`. */
export interface VideoRoomLeavingOkEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Always `ok`. */
  leaving: 'ok';
  /** `kicked` when the participant was kicked (not in the doc). */
  reason?: 'kicked';
}

// ---------------------------------------------------------------------------------------------------
// Subscriber requests (asynchronous)
// ---------------------------------------------------------------------------------------------------

/** One stream to subscribe to (`subscriber_stream_parameters` plus a required `feed`). */
export interface VideoRoomSubscriptionStream {
  /** Publisher owning the stream(s). Required. */
  feed: ParticipantId;
  /** Publisher mid; all of the publisher's streams if missing. */
  mid?: string;
  /** Id to find this subscription again in the `streams` summaries. */
  crossrefid?: string;
  /** Whether to relay media right away (read by `subscribe`/`update` only). */
  send?: boolean;
  /** Simulcast substream to receive (0-2). */
  substream?: number;
  /** Simulcast temporal layer to receive (0-2). */
  temporal?: number;
  /** Microseconds without packets before dropping to a lower substream (default 250000). */
  fallback?: number;
  /** SVC spatial layer to receive (0-2). */
  spatial_layer?: number;
  /** SVC temporal layer to receive (0-2). */
  temporal_layer?: number;
  /** Minimum playout delay, in blocks of 10 ms. */
  min_delay?: number;
  /** Maximum playout delay, in blocks of 10 ms. */
  max_delay?: number;
}

/** `join` with `ptype: 'subscriber'`: create a (multistream) subscription. */
export interface VideoRoomJoinSubscriberRequest {
  /** Participant type. Required. */
  ptype: 'subscriber';
  /** Room. Required. */
  room: RoomId;
  /** Streams to subscribe to. Required unless the deprecated root `feed` is used. */
  streams: VideoRoomSubscriptionStream[];
  /** `private_id` of our publisher handle; required if the room has `require_pvtid`. */
  private_id?: number;
  /** Whether m-lines carry an msid referencing the publisher. Default `false`. */
  use_msid?: boolean;
  /** Whether a new offer is sent automatically when a subscribed publisher leaves. Default `true`. */
  autoupdate?: boolean;
  /** PIN; required if the room has one (checked by the code, not in the doc). */
  pin?: string;
  /** Signed token, for `signed_tokens` rooms (not in the doc). */
  token?: string;
  /** @deprecated Whether to offer audio m-lines. Default `true`. Use `streams`. */
  offer_audio?: boolean;
  /** @deprecated Whether to offer video m-lines. Default `true`. Use `streams`. */
  offer_video?: boolean;
  /** @deprecated Whether to offer the data m-line. Default `true`. Use `streams`. */
  offer_data?: boolean;
}

/**
 * Legacy single-publisher subscription (`feed` at the root instead of `streams`). The deprecated
 * root `audio`/`video`/`data`/`substream`/`temporal`/`fallback`/`spatial_layer`/`temporal_layer`
 * are still validated by 1.1.2 but no longer read, so they are not typed.
 * @deprecated Use {@link VideoRoomJoinSubscriberRequest} with `streams`.
 */
export interface VideoRoomJoinSubscriberLegacyRequest
  extends Omit<VideoRoomJoinSubscriberRequest, 'streams'> {
  /** Publisher to subscribe to (all its streams). Required in this form. */
  feed: ParticipantId;
}

/** Response to a subscriber `join` (comes with a JSEP offer). */
export interface VideoRoomAttachedEvent {
  /** Always `attached`. */
  videoroom: 'attached';
  /** Room id. */
  room: RoomId;
  /** The subscription's streams. */
  streams: VideoRoomSubscriberStream[];
  /** Legacy subscription only: the publisher id. */
  id?: ParticipantId;
  /** Legacy subscription only: the publisher display name. */
  display?: string;
  /** Legacy subscription only: always `deprecated_api`. */
  warning?: 'deprecated_api';
}

/** `start`: complete a (re)negotiation with a JSEP answer, or resume after `pause`. No fields. */
export type VideoRoomStartRequest = EmptyRequest;

/** Response to `start`. */
export interface VideoRoomStartedEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Always `ok`. */
  started: 'ok';
}

/** `pause`: pause the delivery of all streams of the subscription. No fields. */
export type VideoRoomPauseRequest = EmptyRequest;

/** Response to `pause`. */
export interface VideoRoomPausedEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Always `ok`. */
  paused: 'ok';
}

/** `subscribe`: add streams to an existing subscription. */
export interface VideoRoomSubscribeRequest {
  /** Streams to add. Required. */
  streams: VideoRoomSubscriptionStream[];
}

/** One stream to remove in `unsubscribe`/`update` (`subscriber_remove_parameters`). */
export interface VideoRoomUnsubscriptionStream {
  /** Remove everything coming from this publisher (or, with `mid`, from that publisher stream). */
  feed?: ParticipantId;
  /** Publisher mid (with `feed`). */
  mid?: string;
  /** Remove only this m-line of the subscription. */
  sub_mid?: string;
}

/** `unsubscribe`: remove streams from a subscription. */
export interface VideoRoomUnsubscribeRequest {
  /** Streams to remove. Required. */
  streams: VideoRoomUnsubscriptionStream[];
}

/** `update`: subscribe and unsubscribe in one go (at least one array must be provided). */
export interface VideoRoomUpdateRequest {
  /** Streams to add. */
  subscribe?: VideoRoomSubscriptionStream[];
  /** Streams to remove. */
  unsubscribe?: VideoRoomUnsubscriptionStream[];
}

/**
 * Response to `subscribe`/`unsubscribe`/`update` (and pushed on automatic updates). Carries a JSEP
 * offer when a renegotiation is needed; `streams` is missing when the SDP did not change.
 */
export interface VideoRoomUpdatedEvent {
  /** Always `updated`. */
  videoroom: 'updated';
  /** Room id. */
  room: RoomId;
  /** Complete updated layout of the subscription. */
  streams?: VideoRoomSubscriberStream[];
}

/** Response to `subscribe`/`unsubscribe`/`update` when the renegotiation is postponed. */
export interface VideoRoomUpdatingEvent {
  /** Always `updating`. */
  videoroom: 'updating';
  /** Room id. */
  room: RoomId;
}

/** Per-stream settings of a subscriber `configure` (`configure_stream_parameters`, as read by the code). */
export interface VideoRoomSubscriberConfigureStream {
  /** mid of the subscription m-line; required when `streams` has more than one entry. */
  mid?: string;
  /** Whether media should be relayed on this m-line. */
  send?: boolean;
  /** Simulcast substream to receive (0-2). */
  substream?: number;
  /** Simulcast temporal layers to receive (0-2). */
  temporal?: number;
  /** Microseconds without packets before dropping a substream (default 250000). */
  fallback?: number;
  /** SVC spatial layer to receive (0-2). */
  spatial_layer?: number;
  /** SVC temporal layer to receive (0-2). */
  temporal_layer?: number;
  /** Minimum playout delay, in blocks of 10 ms. */
  min_delay?: number;
  /** Maximum playout delay, in blocks of 10 ms. */
  max_delay?: number;
}

/** `configure` on a subscriber handle: tweak streams, or ask for an ICE restart. */
export interface VideoRoomConfigureSubscriberRequest {
  /** Per-stream settings. */
  streams?: VideoRoomSubscriberConfigureStream[];
  /** Trigger an ICE restart (a new offer follows). */
  restart?: boolean;
  /** Force a renegotiation (not in the doc). */
  update?: boolean;
  /** @deprecated Use `streams[].send`. */
  audio?: boolean;
  /** @deprecated Use `streams[].send`. */
  video?: boolean;
  /** @deprecated Use `streams[].send`. */
  data?: boolean;
  /** @deprecated Pre-`streams` form: subscription mid to tweak; use `streams`. */
  mid?: string;
  /** @deprecated Pre-`streams` form; use `streams[].send`. */
  send?: boolean;
  /** @deprecated Pre-`streams` form; use `streams[].substream`. */
  substream?: number;
  /** @deprecated Pre-`streams` form; use `streams[].temporal`. */
  temporal?: number;
  /** @deprecated Pre-`streams` form; use `streams[].fallback`. */
  fallback?: number;
  /** @deprecated Pre-`streams` form; use `streams[].spatial_layer`. */
  spatial_layer?: number;
  /** @deprecated Pre-`streams` form; use `streams[].temporal_layer`. */
  temporal_layer?: number;
  /** @deprecated Pre-`streams` form; use `streams[].min_delay`. */
  min_delay?: number;
  /** @deprecated Pre-`streams` form; use `streams[].max_delay`. */
  max_delay?: number;
}

/** One switch of a `switch` request (`switch_update_parameters` plus a required `feed`). */
export interface VideoRoomSwitchStream {
  /** Publisher of the new source. Required. */
  feed: ParticipantId;
  /** Publisher mid of the new source. Required. */
  mid: string;
  /** Subscription m-line to pipe the new source to. Required. */
  sub_mid: string;
  /** Simulcast substream to receive (0-2). @since 1.1.4 */
  substream?: number;
  /** Simulcast temporal layer to receive (0-2). @since 1.1.4 */
  temporal?: number;
  /** SVC spatial layer to receive (0-2). @since 1.1.4 */
  spatial_layer?: number;
  /** SVC temporal layer to receive (0-2). @since 1.1.4 */
  temporal_layer?: number;
}

/** `switch`: change the sources of some m-lines without renegotiating. */
export interface VideoRoomSwitchRequest {
  /** Switches to perform. Required unless the deprecated `feed` is used. */
  streams: VideoRoomSwitchStream[];
}

/**
 * Legacy `switch`: move every m-line to the matching streams of another publisher.
 * @deprecated Use {@link VideoRoomSwitchRequest} with `streams`.
 */
export interface VideoRoomSwitchLegacyRequest {
  /** Publisher to switch to. Required in this form. */
  feed: ParticipantId;
}

/** Response to `switch`. */
export interface VideoRoomSwitchedEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Always `ok`. */
  switched: 'ok';
  /** Room id. */
  room: RoomId;
  /** Number of successful changes (may be smaller than the number requested). */
  changes: number;
  /** Full current layout of the subscription. */
  streams: VideoRoomSubscriberStream[];
}

/** Response to a subscriber `leave`. */
export interface VideoRoomLeftEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Always `ok`. */
  left: 'ok';
}

// ---------------------------------------------------------------------------------------------------
// Unsolicited events
// ---------------------------------------------------------------------------------------------------

/** A publisher became active (or renegotiated): `publishers` has exactly one entry. */
export interface VideoRoomPublishersEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** The new/updated publisher. */
  publishers: VideoRoomPublisher[];
}

/** A participant joined (only in rooms with `notify_joining`). */
export interface VideoRoomJoiningEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** The new participant. */
  joining: VideoRoomAttendee;
}

/** A publisher stopped publishing (explicit `unpublish`, hangup, lost connection). */
export interface VideoRoomUnpublishedEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** The publisher that went away. */
  unpublished: ParticipantId;
  /** Its display name, if any. @since 1.3.0 */
  display?: string;
  /** Its metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
}

/** A participant left the room. */
export interface VideoRoomLeavingEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** The participant that left. */
  leaving: ParticipantId;
  /** Its display name, if any. @since 1.3.0 */
  display?: string;
  /** Its metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
}

/** A participant was kicked (sent to the others; not in the doc). */
export interface VideoRoomKickedEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** The kicked participant. */
  kicked: ParticipantId;
  /** Its display name, if any. @since 1.3.0 */
  display?: string;
  /** Its metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
}

/** A moderator muted/unmuted a participant's stream (sent to everyone, not in the doc). */
export interface VideoRoomModerationEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Moderated participant. */
  id: ParticipantId;
  /** Moderated stream. */
  mid: string;
  /** New moderation state. */
  moderation: 'muted' | 'unmuted';
}

/** A participant changed display name via `configure` (no `room` field; not in the doc). */
export interface VideoRoomDisplayEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Participant. */
  id: ParticipantId;
  /** New display name. */
  display: string;
  /** Its metadata, if any. @since 1.3.0 */
  metadata?: VideoRoomMetadata;
}

/**
 * A participant changed metadata via `configure` (no `room` field).
 * @since 1.3.0
 */
export interface VideoRoomMetadataEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Participant. */
  id: ParticipantId;
  /** New metadata. */
  metadata: VideoRoomMetadata;
}

/** Audio activity of a publisher stream (rooms with `audiolevel_event`). */
export interface VideoRoomTalkingEvent {
  /** `talking` or `stopped-talking`. */
  videoroom: 'talking' | 'stopped-talking';
  /** Room id. */
  room: RoomId;
  /** Publisher id. */
  id: ParticipantId;
  /** m-line index of the audio stream (not in the doc). */
  mindex: number;
  /** mid of the audio stream (not in the doc). */
  mid: string;
  /** Average audio level (127 = muted, 0 = too loud). */
  'audio-level-dBov-avg': number;
}

/** The room was destroyed (pushed to every participant). */
export interface VideoRoomDestroyedEvent {
  /** Always `destroyed`. */
  videoroom: 'destroyed';
  /** Room id. */
  room: RoomId;
}

/** Too many NACKs on this handle; `current-bitrate` only for publishers. */
export interface VideoRoomSlowLinkEvent {
  /** Always `slow_link`. */
  videoroom: 'slow_link';
  /** Publisher's current bitrate cap. */
  'current-bitrate'?: number;
}

/** A subscriber's simulcast substream changed. */
export interface VideoRoomSubstreamEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Subscription mid. */
  mid: string;
  /** Substream now relayed. */
  substream: number;
}

/** A subscriber's simulcast temporal layer changed. */
export interface VideoRoomTemporalEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Subscription mid. */
  mid: string;
  /** Temporal layer now relayed. */
  temporal: number;
}

/** A subscriber's SVC spatial layer changed (with the temporal layer when it starts). */
export interface VideoRoomSpatialLayerEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Subscription mid. */
  mid: string;
  /** Spatial layer now relayed. */
  spatial_layer: number;
  /** Temporal layer, when it was just initialised. */
  temporal_layer?: number;
}

/** A subscriber's SVC temporal layer changed. */
export interface VideoRoomTemporalLayerEvent {
  /** Always `event`. */
  videoroom: 'event';
  /** Room id. */
  room: RoomId;
  /** Subscription mid. */
  mid: string;
  /** Temporal layer now relayed. */
  temporal_layer: number;
}

/**
 * Every message a VideoRoom handle can receive asynchronously (`event` messages): answers to the
 * asynchronous requests plus unsolicited notifications and errors. Narrow on `videoroom` first,
 * then (for `videoroom: 'event'`) with an `in` check on the distinguishing key
 * (`configured`, `publishers`, `unpublished`, `leaving`, `kicked`, `joining`, `error_code`, ...).
 */
export type VideoRoomEvent =
  | VideoRoomJoinedEvent
  | VideoRoomAttachedEvent
  | VideoRoomUpdatedEvent
  | VideoRoomUpdatingEvent
  | VideoRoomConfiguredEvent
  | VideoRoomStartedEvent
  | VideoRoomPausedEvent
  | VideoRoomSwitchedEvent
  | VideoRoomLeftEvent
  | VideoRoomLeavingOkEvent
  | VideoRoomUnpublishedOkEvent
  | VideoRoomPublishersEvent
  | VideoRoomJoiningEvent
  | VideoRoomUnpublishedEvent
  | VideoRoomLeavingEvent
  | VideoRoomKickedEvent
  | VideoRoomModerationEvent
  | VideoRoomDisplayEvent
  | VideoRoomMetadataEvent
  | VideoRoomTalkingEvent
  | VideoRoomDestroyedEvent
  | VideoRoomSlowLinkEvent
  | VideoRoomSubstreamEvent
  | VideoRoomTemporalEvent
  | VideoRoomSpatialLayerEvent
  | VideoRoomTemporalLayerEvent
  | VideoRoomErrorEvent;

/** Any synchronous response (`success` messages) a VideoRoom request can produce. */
export type VideoRoomSyncResponse =
  | VideoRoomCreateResponse
  | VideoRoomEditResponse
  | VideoRoomDestroyResponse
  | VideoRoomExistsResponse
  | VideoRoomListResponse
  | VideoRoomAllowedResponse
  | VideoRoomSuccessResponse
  | VideoRoomEnableRecordingResponse
  | VideoRoomListParticipantsResponse
  | VideoRoomListForwardersResponse
  | VideoRoomRtpForwardResponse
  | VideoRoomStopRtpForwardResponse
  | VideoRoomPublishRemotelyResponse
  | VideoRoomUnpublishRemotelyResponse
  | VideoRoomListRemotesResponse
  | VideoRoomAddRemotePublisherResponse
  | VideoRoomErrorEvent;

/** Any `plugindata.data` object the VideoRoom plugin sends. */
export type VideoRoomMessage = VideoRoomEvent | VideoRoomSyncResponse;

// ---------------------------------------------------------------------------------------------------
// Request → response maps
// ---------------------------------------------------------------------------------------------------

/** Synchronous requests (answered in the `success` message of the transaction). */
export interface VideoRoomSyncRequests {
  /** Create a room. */
  create: { request: VideoRoomCreateRequest; response: VideoRoomCreateResponse };
  /** Edit a room. */
  edit: { request: VideoRoomEditRequest; response: VideoRoomEditResponse };
  /** Destroy a room. */
  destroy: { request: VideoRoomDestroyRequest; response: VideoRoomDestroyResponse };
  /** Check whether a room exists. */
  exists: { request: VideoRoomExistsRequest; response: VideoRoomExistsResponse };
  /** List rooms. */
  list: { request: VideoRoomListRequest; response: VideoRoomListResponse };
  /** Manage the room ACL. */
  allowed: { request: VideoRoomAllowedRequest; response: VideoRoomAllowedResponse };
  /** Kick a participant. */
  kick: { request: VideoRoomKickRequest; response: VideoRoomSuccessResponse };
  /** Moderate a participant's stream. */
  moderate: { request: VideoRoomModerateRequest; response: VideoRoomSuccessResponse };
  /** Toggle room-wide recording. */
  enable_recording: { request: VideoRoomEnableRecordingRequest; response: VideoRoomEnableRecordingResponse };
  /** List participants. */
  listparticipants: {
    request: VideoRoomListParticipantsRequest;
    response: VideoRoomListParticipantsResponse;
  };
  /** List RTP forwarders. */
  listforwarders: { request: VideoRoomListForwardersRequest; response: VideoRoomListForwardersResponse };
  /** Create RTP forwarders. */
  rtp_forward: { request: VideoRoomRtpForwardRequest; response: VideoRoomRtpForwardResponse };
  /** Stop an RTP forwarder. */
  stop_rtp_forward: { request: VideoRoomStopRtpForwardRequest; response: VideoRoomStopRtpForwardResponse };
  /** Remotize a local publisher. */
  publish_remotely: { request: VideoRoomPublishRemotelyRequest; response: VideoRoomPublishRemotelyResponse };
  /** Stop a remotization. */
  unpublish_remotely: {
    request: VideoRoomUnpublishRemotelyRequest;
    response: VideoRoomUnpublishRemotelyResponse;
  };
  /** List remotizations (the doc's `list_remotes` is not accepted by the code). */
  listremotes: { request: VideoRoomListRemotesRequest; response: VideoRoomListRemotesResponse };
  /** Add a remote publisher. */
  add_remote_publisher: {
    request: VideoRoomAddRemotePublisherRequest;
    response: VideoRoomAddRemotePublisherResponse;
  };
  /** Update a remote publisher. */
  update_remote_publisher: {
    request: VideoRoomUpdateRemotePublisherRequest;
    response: VideoRoomSuccessResponse;
  };
  /** Remove a remote publisher. */
  remove_remote_publisher: {
    request: VideoRoomRemoveRemotePublisherRequest;
    response: VideoRoomSuccessResponse;
  };
}

/** Asynchronous requests on a publisher handle (answered by an `event`). */
export interface VideoRoomPublisherRequests {
  /** Join as publisher. */
  join: { request: VideoRoomJoinPublisherRequest; response: VideoRoomJoinedEvent };
  /** Join and publish (with a JSEP offer). */
  joinandconfigure: { request: VideoRoomJoinAndConfigureRequest; response: VideoRoomJoinedEvent };
  /** Start publishing (with a JSEP offer). */
  publish: { request: VideoRoomPublishRequest; response: VideoRoomConfiguredEvent };
  /** Tweak the publisher or renegotiate. */
  configure: { request: VideoRoomConfigurePublisherRequest; response: VideoRoomConfiguredEvent };
  /** Stop publishing. */
  unpublish: { request: VideoRoomUnpublishRequest; response: VideoRoomUnpublishedOkEvent };
  /** Leave the room. */
  leave: { request: VideoRoomLeaveRequest; response: VideoRoomLeavingOkEvent };
}

/** Asynchronous requests on a subscriber handle (answered by an `event`). */
export interface VideoRoomSubscriberRequests {
  /** Create the subscription (an offer comes back). */
  join: { request: VideoRoomJoinSubscriberRequest; response: VideoRoomAttachedEvent };
  /** Send the JSEP answer / resume. */
  start: { request: VideoRoomStartRequest; response: VideoRoomStartedEvent };
  /** Pause all streams. */
  pause: { request: VideoRoomPauseRequest; response: VideoRoomPausedEvent };
  /** Tweak streams / ICE restart. */
  configure: { request: VideoRoomConfigureSubscriberRequest; response: VideoRoomConfiguredEvent };
  /** Add streams. */
  subscribe: { request: VideoRoomSubscribeRequest; response: VideoRoomUpdatedEvent | VideoRoomUpdatingEvent };
  /** Remove streams. */
  unsubscribe: {
    request: VideoRoomUnsubscribeRequest;
    response: VideoRoomUpdatedEvent | VideoRoomUpdatingEvent;
  };
  /** Add and remove streams. */
  update: { request: VideoRoomUpdateRequest; response: VideoRoomUpdatedEvent | VideoRoomUpdatingEvent };
  /** Switch sources. */
  switch: { request: VideoRoomSwitchRequest; response: VideoRoomSwitchedEvent };
  /** Close the subscription. */
  leave: { request: VideoRoomLeaveRequest; response: VideoRoomLeftEvent };
}

/**
 * Every VideoRoom request name → `{ request, response }`. Requests whose shape depends on the
 * handle's role (`join`, `configure`, `leave`) map to unions; use {@link VideoRoomPublisherRequests}
 * or {@link VideoRoomSubscriberRequests} for exact per-role typing.
 */
export interface VideoRoomRequests extends VideoRoomSyncRequests {
  /** Join as publisher or subscriber. */
  join: {
    request: VideoRoomJoinPublisherRequest | VideoRoomJoinSubscriberRequest;
    response: VideoRoomJoinedEvent | VideoRoomAttachedEvent;
  };
  /** Join and publish. */
  joinandconfigure: VideoRoomPublisherRequests['joinandconfigure'];
  /** Publish. */
  publish: VideoRoomPublisherRequests['publish'];
  /** Configure a publisher or a subscriber. */
  configure: {
    request: VideoRoomConfigurePublisherRequest | VideoRoomConfigureSubscriberRequest;
    response: VideoRoomConfiguredEvent;
  };
  /** Unpublish. */
  unpublish: VideoRoomPublisherRequests['unpublish'];
  /** Leave (publisher) or close the subscription (subscriber). */
  leave: { request: VideoRoomLeaveRequest; response: VideoRoomLeavingOkEvent | VideoRoomLeftEvent };
  /** Start / answer. */
  start: VideoRoomSubscriberRequests['start'];
  /** Pause. */
  pause: VideoRoomSubscriberRequests['pause'];
  /** Subscribe to more streams. */
  subscribe: VideoRoomSubscriberRequests['subscribe'];
  /** Unsubscribe from streams. */
  unsubscribe: VideoRoomSubscriberRequests['unsubscribe'];
  /** Combined subscribe/unsubscribe. */
  update: VideoRoomSubscriberRequests['update'];
  /** Switch sources. */
  switch: VideoRoomSubscriberRequests['switch'];
}

/** Any VideoRoom request name. */
export type VideoRoomRequestName = keyof VideoRoomRequests;

/** Names of the synchronous VideoRoom requests. */
export type VideoRoomSyncRequestName = keyof VideoRoomSyncRequests;

/** Names of the asynchronous VideoRoom requests. */
export type VideoRoomAsyncRequestName = Exclude<VideoRoomRequestName, VideoRoomSyncRequestName>;

/**
 * A request as sent on the wire: the caller's body plus the `request` literal.
 * Distributes over the name, so `VideoRoomWireRequest` alone is the union of every wire request.
 */
export type VideoRoomWireRequest<K extends VideoRoomRequestName = VideoRoomRequestName> =
  K extends VideoRoomRequestName ? { request: K } & VideoRoomRequests[K]['request'] : never;
