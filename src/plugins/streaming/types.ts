/**
 * Exact wire types for the Janus Streaming plugin (`janus.plugin.streaming`).
 *
 * Source of truth: `src/plugins/janus_streaming.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1): the `janus_json_parameter` arrays and what the
 * handlers read and write; the doc comment was used for meanings and defaults. Where the two disagree
 * the code wins and the TSDoc says so.
 *
 * Synchronous requests (`list`, `info`, `create`, `edit`, `destroy`, `recording`, `enable`,
 * `disable`, `kick_all`) are answered at once; the viewer requests (`watch`, `start`, `pause`,
 * `configure`, `switch`, `stop`) are answered by an event `{ streaming: 'event', result: {...} }`.
 * @module
 */
import type { EmptyRequest } from '../common/request-body.js';
import type { StreamKind } from '../common/types.js';

// ---------------------------------------------------------------------------------------------------
// Error codes and ids
// ---------------------------------------------------------------------------------------------------

/** Streaming error codes, from the `#define JANUS_STREAMING_ERROR_*` macros. */
export const StreamingErrorCode = {
  /** The message body was missing. */
  NO_MESSAGE: 450,
  /** The body was not a JSON object. */
  INVALID_JSON: 451,
  /** Unknown request. */
  INVALID_REQUEST: 452,
  /** A mandatory field is missing. */
  MISSING_ELEMENT: 453,
  /** A field has the wrong type or value. */
  INVALID_ELEMENT: 454,
  /** No such mountpoint. */
  NO_SUCH_MOUNTPOINT: 455,
  /** The mountpoint could not be created (port in use, file missing...). */
  CANT_CREATE: 456,
  /** Wrong secret, PIN or admin key. */
  UNAUTHORIZED: 457,
  /** The switch is not possible (different media). */
  CANT_SWITCH: 458,
  /** Recording could not start. */
  CANT_RECORD: 459,
  /** The request is not valid in the viewer's state. */
  INVALID_STATE: 460,
  /** Internal error. */
  UNKNOWN_ERROR: 470,
} as const;

/** A mountpoint id: numeric by default, a string with `string_ids = true`. */
export type MountpointId = number | string;

/** An error the plugin sent. */
export interface StreamingErrorEvent {
  /** Always `event`. */
  streaming: 'event';
  /** One of {@link StreamingErrorCode}. */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

/** A mountpoint type as `create` takes it. */
export type MountpointType = 'rtp' | 'live' | 'ondemand' | 'rtsp';

// ---------------------------------------------------------------------------------------------------
// list, info
// ---------------------------------------------------------------------------------------------------

/** `list`: the public mountpoints (all of them with the plugin's `admin_key`). */
export interface StreamingListRequest {
  /** The plugin's `admin_key`, to list private mountpoints too. */
  admin_key?: string;
}

/** One stream of a mountpoint in `list`/`info`. */
export interface StreamingMediaInfo {
  /** `audio`, `video` or `data`. */
  type: StreamKind;
  /** The m-line's mid in viewers' PeerConnections. */
  mid: string;
  /** The m-line index (`info` only). */
  mindex?: number;
  /** Text label. */
  label?: string;
  /** The msid, if configured. */
  msid?: string;
  /** Milliseconds since media last arrived for this stream, if any did. */
  age_ms?: number;
  /** Payload type (RTP mountpoints, `info` only). */
  pt?: number;
  /** Codec name (`info` only). */
  codec?: string;
  /** SDP rtpmap (`info` only). */
  rtpmap?: string;
  /** SDP fmtp (`info` only). */
  fmtp?: string;
  /** Other fields the plugin adds (ports with the secret, simulcast...). */
  [key: string]: unknown;
}

/** One mountpoint in `list`. */
export interface StreamingListEntry {
  /** Its id. */
  id: MountpointId;
  /** `live` or `on demand` (the code writes these; `create` takes `rtp`/`live`/`ondemand`/`rtsp`). */
  type: string;
  /** Description. */
  description?: string;
  /** Metadata, if any. */
  metadata?: string;
  /** Whether it is enabled. */
  enabled: boolean;
  /** Its streams. */
  media?: StreamingMediaInfo[];
}

/** Reply to `list`. */
export interface StreamingListResponse {
  /** Always `list`. */
  streaming: 'list';
  /** The mountpoints. */
  list: StreamingListEntry[];
}

/** `info`: details of one mountpoint. */
export interface StreamingInfoRequest {
  /** The mountpoint. */
  id: MountpointId;
  /** Its secret, for the private details. */
  secret?: string;
}

/** Reply to `info`. */
export interface StreamingInfoResponse {
  /** Always `info`. */
  streaming: 'info';
  /** The details. */
  info: StreamingListEntry & {
    /** Unique name. */
    name: string;
    /** Viewers watching. */
    viewers?: number;
    /** Secret (only with the secret). */
    secret?: string;
    /** PIN (only with the secret). */
    pin?: string;
    /** Privacy (only with the secret). */
    is_private?: boolean;
    /** Other fields. */
    [key: string]: unknown;
  };
}

// ---------------------------------------------------------------------------------------------------
// create, edit, destroy, recording, enable/disable, kick_all
// ---------------------------------------------------------------------------------------------------

/** One stream of an `rtp` mountpoint (`media` array of `create`). */
export interface StreamingRtpMedia {
  /** `audio`, `video` or `data`. */
  type: StreamKind;
  /** The mid viewers' m-line gets. */
  mid: string;
  /** Text label. */
  label?: string;
  /** The msid. */
  msid?: string;
  /** Multicast group to join. */
  mcast?: string;
  /** Interface or address to bind. */
  iface?: string;
  /** Port to receive RTP on; 0 picks one from the range (given back in the reply's `ports`). */
  port: number;
  /** Port for RTCP (to send feedback to the source). */
  rtcpport?: number;
  /** Payload type (audio/video). */
  pt?: number;
  /** Codec name, e.g. `opus`, `vp8`. */
  codec?: string;
  /** SDP rtpmap (deprecated, `codec` replaces it). */
  rtpmap?: string;
  /** SDP fmtp. */
  fmtp?: string;
  /** Compensate clock skew. */
  skew?: boolean;
  /** Video: buffer the last keyframe for new viewers. */
  bufferkf?: boolean;
  /** Video: simulcast on `port`, `port2`, `port3`. */
  simulcast?: boolean;
  /** Video: second simulcast port. */
  port2?: number;
  /** Video: third simulcast port. */
  port3?: number;
  /** Video: VP9 SVC. */
  svc?: boolean;
  /** Data: buffer the last message for new viewers. */
  buffermsg?: boolean;
}

/** Fields every `create` takes. */
export interface StreamingCreateCommon {
  /** The plugin's `admin_key`, when configured. */
  admin_key?: string;
  /** Mountpoint id; chosen by the plugin when missing. */
  id?: MountpointId;
  /** Unique name; chosen when missing. */
  name?: string;
  /** Description. */
  description?: string;
  /** Metadata. */
  metadata?: string;
  /** Hidden from `list`. Default `false`. */
  is_private?: boolean;
  /** Secret to edit/destroy/record it. */
  secret?: string;
  /** PIN viewers need. */
  pin?: string;
  /** Save to the config file. Default `false`. */
  permanent?: boolean;
  /**
   * Deprecated in the doc, but the 1.1.2 code still reads it: a `live`/`ondemand` file mountpoint is
   * refused (456) without `audio: true`; for `rtp`/`rtsp` with the legacy `audioport`... fields.
   */
  audio?: boolean;
  /** Deprecated (legacy single-stream fields); a file mountpoint is refused with `video: true`. */
  video?: boolean;
  /** Deprecated (legacy single-stream fields). */
  data?: boolean;
}

/** `create` of an `rtp` mountpoint: relays RTP that arrives on its ports. */
export interface StreamingCreateRtpRequest extends StreamingCreateCommon {
  /** `rtp`. */
  type: 'rtp';
  /** Its streams. */
  media: StreamingRtpMedia[];
  /** Collision window for simulcast (ms). */
  collision?: number;
  /** Helper threads relaying to viewers. Default 0. */
  threads?: number;
  /** SRTP tag length (32 or 80) of the incoming RTP. */
  srtpsuite?: number;
  /** SRTP key (base64). */
  srtpcrypto?: string;
  /** Incoming media is end-to-end encrypted. */
  e2ee?: boolean;
  /** Negotiate the playout-delay extension. */
  playoutdelay_ext?: boolean;
}

/**
 * `create` of a file mountpoint (`live`: one playback shared by every viewer; `ondemand`: each viewer
 * from the start). The 1.1.2 code reads audio files only: `.alaw`, `.mulaw`, or Ogg Opus (`.opus`).
 */
export interface StreamingCreateFileRequest extends StreamingCreateCommon {
  /** `live` or `ondemand`. */
  type: 'live' | 'ondemand';
  /** Required by the 1.1.2 code for file mountpoints (audio is all they stream). */
  audio: true;
  /** Path of the file on the server. */
  filename: string;
  /** Audio codec (`opus`, `pcma`, `pcmu`); guessed from the extension when missing. */
  audiocodec?: string;
  /** Deprecated rtpmap. */
  audiortpmap?: string;
  /** SDP fmtp. */
  audiofmtp?: string;
  /** Payload type. */
  audiopt?: number;
}

/** `create` of an `rtsp` mountpoint (the Debian package is built with libcurl, so it has RTSP). */
export interface StreamingCreateRtspRequest extends StreamingCreateCommon {
  /** `rtsp`. */
  type: 'rtsp';
  /** The RTSP URL. */
  url: string;
  /** RTSP user. */
  rtsp_user?: string;
  /** RTSP password. */
  rtsp_pwd?: string;
  /** Seconds between reconnection attempts. */
  rtsp_reconnect_delay?: number;
  /** Session timeout, s. */
  rtsp_session_timeout?: number;
  /** Request timeout, s. */
  rtsp_timeout?: number;
  /** Connection timeout, s. */
  rtsp_conn_timeout?: number;
  /** Audio codec. */
  audiocodec?: string;
  /** Audio payload type. */
  audiopt?: number;
  /** Audio fmtp. */
  audiofmtp?: string;
  /** Video codec. */
  videocodec?: string;
  /** Video payload type. */
  videopt?: number;
  /** Video fmtp. */
  videofmtp?: string;
  /** Buffer the last keyframe. */
  videobufferkf?: boolean;
  /** Helper threads. */
  threads?: number;
  /** Interface for the RTP. */
  rtspiface?: string;
  /** Fail the creation when the RTSP server cannot be reached. Default `true`. */
  rtsp_failcheck?: boolean;
  /** Streams of the RTSP session. */
  media?: StreamingRtpMedia[];
}

/** `create`: any mountpoint type. */
export type StreamingCreateRequest =
  | StreamingCreateRtpRequest
  | StreamingCreateFileRequest
  | StreamingCreateRtspRequest;

/** One port of a created `rtp` mountpoint. */
export interface StreamingPortInfo {
  /** Stream kind. */
  type: StreamKind;
  /** Its mid. */
  mid: string;
  /** Its msid. */
  msid?: string;
  /** The port it listens on. */
  port: number;
  /** The RTCP port. */
  rtcp_port?: number;
  /** Second simulcast port. */
  port_2?: number;
  /** Third simulcast port. */
  port_3?: number;
}

/**
 * Reply to `create`. The 1.1.2 doc names the name field `create`; the code sends `created` (followed
 * here), and writes the type `on demand` for `ondemand`.
 */
export interface StreamingCreatedResponse {
  /** Always `created`. */
  streaming: 'created';
  /** The mountpoint's unique name. */
  created: string;
  /** Whether it was saved. */
  permanent: boolean;
  /** The mountpoint. */
  stream: {
    /** Its id. */
    id: MountpointId;
    /** `live` or `on demand`. */
    type: string;
    /** Description. */
    description: string;
    /** Whether it is private. */
    is_private: boolean;
    /** The ports an `rtp` mountpoint listens on. */
    ports?: StreamingPortInfo[];
    /** Other (legacy) fields. */
    [key: string]: unknown;
  };
}

/** `edit`: change a mountpoint's description, metadata, secret, PIN or privacy. */
export interface StreamingEditRequest {
  /** The mountpoint. */
  id: MountpointId;
  /** Its secret, if it has one. */
  secret?: string;
  /** New description. */
  new_description?: string;
  /** New metadata. */
  new_metadata?: string;
  /** New secret. */
  new_secret?: string;
  /** New PIN. */
  new_pin?: string;
  /** New privacy. */
  new_is_private?: boolean;
  /** Save to the config file too. */
  permanent?: boolean;
  /** Tell the viewers with an `edited` event. Default `false`. */
  edited_event?: boolean;
}

/** Reply to `edit`. */
export interface StreamingEditedResponse {
  /** Always `edited`. */
  streaming: 'edited';
  /** The mountpoint. */
  id: MountpointId;
  /** Whether it was saved. */
  permanent: boolean;
}

/** `destroy`: remove a mountpoint; its viewers get `stopped`. */
export interface StreamingDestroyRequest {
  /** The mountpoint. */
  id: MountpointId;
  /** Its secret, if it has one. */
  secret?: string;
  /** Remove it from the config file too. */
  permanent?: boolean;
}

/** Reply to `destroy`. */
export interface StreamingDestroyedResponse {
  /** Always `destroyed`. */
  streaming: 'destroyed';
  /** The mountpoint. */
  destroyed: MountpointId;
}

/** `recording`: start or stop recording an RTP mountpoint to `.mjr` files. */
export interface StreamingRecordingRequest {
  /** `start` or `stop`. */
  action: 'start' | 'stop';
  /** The mountpoint. */
  id: MountpointId;
  /** Its secret, if it has one. */
  secret?: string;
  /**
   * Per-stream: `{ mid, filename }` to start, `{ mid }` to stop. (The deprecated `audio`/`video`/`data`
   * fields, a filename to start and a boolean to stop, are not typed here.)
   */
  media?: { mid: string; filename?: string }[];
}

/** A plain `{ streaming: 'ok' }` reply (`recording`, `enable`, `disable`). */
export interface StreamingOkResponse {
  /** Always `ok`. */
  streaming: 'ok';
}

/** `enable`: let viewers watch a mountpoint again. */
export interface StreamingEnableRequest {
  /** The mountpoint. */
  id: MountpointId;
  /** Its secret, if it has one. */
  secret?: string;
}

/** `disable`: stop a mountpoint's relay to viewers (optionally its recording too). */
export interface StreamingDisableRequest extends StreamingEnableRequest {
  /** Stop recording it too. Default `true`. */
  stop_recording?: boolean;
}

/** `kick_all`: stop every viewer of a mountpoint. */
export interface StreamingKickAllRequest {
  /** The mountpoint. */
  id: MountpointId;
  /** Its secret, if it has one. */
  secret?: string;
}

/** Reply to `kick_all`. */
export interface StreamingKickedAllResponse {
  /** Always `kicked_all`. */
  streaming: 'kicked_all';
}

// ---------------------------------------------------------------------------------------------------
// Viewer requests
// ---------------------------------------------------------------------------------------------------

/** `watch`: ask for an offer of a mountpoint's streams. */
export interface StreamingWatchRequest {
  /** The mountpoint. */
  id: MountpointId;
  /** Its PIN, if it has one. */
  pin?: string;
  /** Mids to watch; every stream when missing or empty. */
  media?: string[];
  /** Get a new offer (ICE restart) on an existing viewer. */
  restart?: boolean;
  /** Deprecated: offer audio. */
  offer_audio?: boolean;
  /** Deprecated: offer video. */
  offer_video?: boolean;
  /** Deprecated: offer data. */
  offer_data?: boolean;
}

/** `start`, `pause`, `stop`: no fields. */
export type StreamingViewerRequest = EmptyRequest;

/** `configure`: change what a viewer receives. */
export interface StreamingConfigureRequest {
  /** The m-line this applies to; all when missing. */
  mid?: string;
  /** Relay it or not. */
  send?: boolean;
  /** Simulcast substream (0-2). */
  substream?: number;
  /** Simulcast temporal layer (0-2). */
  temporal?: number;
  /** Microseconds without packets before dropping a substream. Default 250000. */
  fallback?: number;
  /** VP9-SVC spatial layer. */
  spatial_layer?: number;
  /** VP9-SVC temporal layer. */
  temporal_layer?: number;
  /** Playout-delay minimum, 10 ms units. */
  min_delay?: number;
  /** Playout-delay maximum, 10 ms units. */
  max_delay?: number;
}

/** `switch`: move a viewer to another mountpoint with the same media, without renegotiating. */
export interface StreamingSwitchRequest {
  /** The new mountpoint. */
  id: MountpointId;
}

/** A viewer's status, as `result.status` of an event. */
export type StreamingStatus =
  | 'preparing'
  | 'updating'
  | 'starting'
  | 'started'
  | 'pausing'
  | 'stopping'
  | 'stopped'
  | 'kicked_all';

/** The reply to a viewer request, or an unsolicited status change. */
export interface StreamingStatusEvent {
  /** Always `event`. */
  streaming: 'event';
  /** The status. */
  result: { status: StreamingStatus; [key: string]: unknown };
}

/** Reply to `switch`. The 1.1.2 doc shows `switched` at the top; the code puts it in `result`. */
export interface StreamingSwitchedEvent {
  /** Always `event`. */
  streaming: 'event';
  /** The result. */
  result: { switched: 'ok'; id: MountpointId };
}

/** Reply to `configure`. */
export interface StreamingConfiguredEvent {
  /** Always `event`. */
  streaming: 'event';
  /** The result. */
  result: { event: 'configured'; [key: string]: unknown };
}

/** A simulcast substream/temporal layer or SVC layer changed for this viewer. */
export interface StreamingLayerEvent {
  /** Always `event`. */
  streaming: 'event';
  /** `substream`/`temporal` or `spatial_layer`/`temporal_layer`, with the mid. */
  result: {
    mid?: string;
    substream?: number;
    temporal?: number;
    spatial_layer?: number;
    temporal_layer?: number;
  };
}

/** Every Streaming event a handle can receive. */
export type StreamingEvent =
  | StreamingStatusEvent
  | StreamingSwitchedEvent
  | StreamingConfiguredEvent
  | StreamingLayerEvent
  | StreamingErrorEvent;

/** The synchronous requests: name on the wire → request body and reply. */
export interface StreamingSyncRequests {
  list: { request: StreamingListRequest; response: StreamingListResponse };
  info: { request: StreamingInfoRequest; response: StreamingInfoResponse };
  create: { request: StreamingCreateRequest; response: StreamingCreatedResponse };
  edit: { request: StreamingEditRequest; response: StreamingEditedResponse };
  destroy: { request: StreamingDestroyRequest; response: StreamingDestroyedResponse };
  recording: { request: StreamingRecordingRequest; response: StreamingOkResponse };
  enable: { request: StreamingEnableRequest; response: StreamingOkResponse };
  disable: { request: StreamingDisableRequest; response: StreamingOkResponse };
  kick_all: { request: StreamingKickAllRequest; response: StreamingKickedAllResponse };
}
