/**
 * Exact wire types for the Janus AudioBridge plugin (`janus.plugin.audiobridge`).
 *
 * Source of truth: `src/plugins/janus_audiobridge.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1): the `janus_json_parameter` arrays and what the
 * handlers read and write; the doc comment was used for meanings and defaults. Where the two disagree
 * the code wins and the TSDoc says so. Requests added after 1.1.2 (read against commit
 * 94408ffccbc1a7c39dac82d55e5dd475c807e770) are tagged `@since`; 1.1.2 answers them with error 482.
 *
 * `*Request` types are the bodies a caller passes (without `request`); `*Response`/`*Event` types are
 * the `plugindata.data` objects Janus sends.
 * @module
 */
import type { EmptyRequest } from '../common/request-body.js';
import type { ParticipantId, RoomId } from '../common/types.js';
import type {
  AudioBridgeAllowedRequest,
  AudioBridgeAllowedResponse,
  AudioBridgeAnnouncementsResponse,
  AudioBridgeCodec,
  AudioBridgeCreatedResponse,
  AudioBridgeCreateRequest,
  AudioBridgeDestroyedEvent,
  AudioBridgeDestroyRequest,
  AudioBridgeEditedResponse,
  AudioBridgeEditRequest,
  AudioBridgeEnableMjrsRequest,
  AudioBridgeEnableRecordingRequest,
  AudioBridgeExistsRequest,
  AudioBridgeExistsResponse,
  AudioBridgeFileRequest,
  AudioBridgeFileResponse,
  AudioBridgeForwardersResponse,
  AudioBridgeIsPlayingResponse,
  AudioBridgeListForwardersRequest,
  AudioBridgeListParticipantsRequest,
  AudioBridgeListRequest,
  AudioBridgeListResponse,
  AudioBridgeParticipant,
  AudioBridgeParticipantRequest,
  AudioBridgeParticipantsResponse,
  AudioBridgePlayFileRequest,
  AudioBridgeResetDecoderRequest,
  AudioBridgeResumeRequest,
  AudioBridgeRoomRequest,
  AudioBridgeRtpForwardRequest,
  AudioBridgeRtpForwardResponse,
  AudioBridgeStopAllFilesResponse,
  AudioBridgeStopRtpForwardRequest,
  AudioBridgeStopRtpForwardResponse,
  AudioBridgeSuccessResponse,
  AudioBridgeSuspendRequest,
} from './room-types.js';

export type * from './room-types.js';

// ---------------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------------

/** AudioBridge error codes, from the `#define JANUS_AUDIOBRIDGE_ERROR_*` macros. */
export const AudioBridgeErrorCode = {
  /** Internal error. */
  UNKNOWN_ERROR: 499,
  /** The message body was missing. */
  NO_MESSAGE: 480,
  /** The body was not a JSON object. */
  INVALID_JSON: 481,
  /** Unknown request (also what 1.1.2 answers for requests added later). */
  INVALID_REQUEST: 482,
  /** A mandatory field is missing. */
  MISSING_ELEMENT: 483,
  /** A field has the wrong type or value. */
  INVALID_ELEMENT: 484,
  /** No such room. */
  NO_SUCH_ROOM: 485,
  /** The room already exists. */
  ROOM_EXISTS: 486,
  /** Not in a room. */
  NOT_JOINED: 487,
  /** An Opus encoder/decoder error. */
  LIBOPUS_ERROR: 488,
  /** Wrong secret, PIN, token or admin key. */
  UNAUTHORIZED: 489,
  /** The participant id is taken. */
  ID_EXISTS: 490,
  /** Already in a room. */
  ALREADY_JOINED: 491,
  /** No such participant. */
  NO_SUCH_USER: 492,
  /** The SDP could not be parsed or processed. */
  INVALID_SDP: 493,
  /** No such group. */
  NO_SUCH_GROUP: 494,
} as const;

/** An error the plugin sent (in a reply or on its own). */
export interface AudioBridgeErrorEvent {
  /** Always `event`. */
  audiobridge: 'event';
  /** One of {@link AudioBridgeErrorCode}. */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

// ---------------------------------------------------------------------------------------------------
// Participants (asynchronous)
// ---------------------------------------------------------------------------------------------------

/** The `rtp` object of a plain-RTP participant's `join`: where Janus sends the mix. */
export interface AudioBridgeRtpPeer {
  /** Address Janus sends the mix to. */
  ip?: string;
  /** Port Janus sends the mix to. */
  port?: number;
  /** Payload type (Opus only; automatic for G.711). */
  payload_type?: number;
  /** ID of the audio-level extension, if used. */
  audiolevel_ext?: number;
  /** Enable Opus FEC. */
  fec?: boolean;
}

/** The `rtp` object of a plain-RTP participant's `joined`: where Janus expects its RTP. */
export interface AudioBridgeRtpLocal {
  /** Address to send RTP to. */
  ip: string;
  /** Port to send RTP to. */
  port: number;
  /** Payload type, for Opus. */
  payload_type?: number;
}

/** `join`: enter a room (with our offer, or as a plain-RTP participant with `rtp`). */
export interface AudioBridgeJoinRequest {
  /** The room. */
  room: RoomId;
  /** Our id; chosen by the plugin when missing. */
  id?: ParticipantId;
  /** Group (forwarders only; mandatory when the room has groups). */
  group?: string;
  /** The room PIN, if it has one. */
  pin?: string;
  /** Display name. */
  display?: string;
  /** Invitation token (rooms with an ACL). */
  token?: string;
  /** Start muted. Default `false`. */
  muted?: boolean;
  /** Codec. Default `opus`. */
  codec?: AudioBridgeCodec;
  /** Packets buffered before decoding us. */
  prebuffer?: number;
  /** Opus bitrate of what we receive, bps. Default: libopus decides. */
  bitrate?: number;
  /** Opus complexity, 0-10. Default 4. */
  quality?: number;
  /** Expected loss, 0-20 % (FEC). Default 0. */
  expected_loss?: number;
  /** Volume percent. Default 100. */
  volume?: number;
  /** Panning, 0-100 (spatial rooms). */
  spatial_position?: number;
  /** Room secret: makes us an admin that `mute_room` does not mute. */
  secret?: string;
  /** Overrides the room's `audio_level_average` for us. */
  audio_level_average?: number;
  /** Overrides the room's `audio_active_packets` for us. */
  audio_active_packets?: number;
  /** Record our contribution to a `.mjr`. */
  record?: boolean;
  /** Basename of that `.mjr`. */
  filename?: string;
  /** Ask Janus for an offer instead of sending one. */
  generate_offer?: boolean;
  /** Join as a plain-RTP participant. */
  rtp?: AudioBridgeRtpPeer;
}

/** Reply to `join` (and the `joined` a new participant gets). */
export interface AudioBridgeJoinedEvent {
  /** Always `joined`. */
  audiobridge: 'joined';
  /** The room. */
  room: RoomId;
  /** Our id. */
  id: ParticipantId;
  /** Our display name: in the 1.1.2 doc, but the code does not put it in the reply to our `join`. */
  display?: string;
  /** The other participants. */
  participants: AudioBridgeParticipant[];
  /** Plain-RTP participants: where to send our RTP. */
  rtp?: AudioBridgeRtpLocal;
}

/** `configure`: change how we take part (mute, display, volume, recording...); may carry a JSEP. */
export interface AudioBridgeConfigureRequest {
  /** Mute or unmute ourselves. */
  muted?: boolean;
  /** New display name. */
  display?: string;
  /** New prebuffer. */
  prebuffer?: number;
  /** New Opus bitrate, bps. */
  bitrate?: number;
  /** New Opus complexity. */
  quality?: number;
  /** New expected loss. */
  expected_loss?: number;
  /** New volume percent. */
  volume?: number;
  /** New group. */
  group?: string;
  /** New panning. */
  spatial_position?: number;
  /** Record our contribution to a `.mjr`. */
  record?: boolean;
  /** Basename of that `.mjr`. */
  filename?: string;
  /** Ask Janus for a (re)offer. */
  generate_offer?: boolean;
  /** With `generate_offer`: renegotiate the existing PeerConnection (code only, not in the 1.1.2 doc). */
  update?: boolean;
}

/** Reply to `configure`. */
export interface AudioBridgeConfiguredEvent {
  /** Always `event`. */
  audiobridge: 'event';
  /** The room. */
  room: RoomId;
  /** Always `ok`. */
  result: 'ok';
}

/** `changeroom`: move to another room keeping the PeerConnection. */
export interface AudioBridgeChangeRoomRequest {
  /** The new room. */
  room: RoomId;
  /** Our id there. */
  id?: ParticipantId;
  /** Group there. */
  group?: string;
  /** PIN of the new room. */
  pin?: string;
  /** Display name there. */
  display?: string;
  /** Invitation token there. */
  token?: string;
  /** Start muted there. */
  muted?: boolean;
  /** Opus bitrate. */
  bitrate?: number;
  /** Opus complexity. */
  quality?: number;
  /** Expected loss. */
  expected_loss?: number;
  /** Volume percent. */
  volume?: number;
  /** Panning. */
  spatial_position?: number;
  /** Room secret (admin). */
  secret?: string;
  /** Level average override. */
  audio_level_average?: number;
  /** Active packets override. */
  audio_active_packets?: number;
}

/** Reply to `changeroom`. */
export interface AudioBridgeRoomChangedEvent {
  /** Always `roomchanged`. */
  audiobridge: 'roomchanged';
  /** The new room. */
  room: RoomId;
  /** Our id there. */
  id: ParticipantId;
  /** Our display name: in the 1.1.2 doc, but the code does not put it in the reply. */
  display?: string;
  /** The participants there. */
  participants: AudioBridgeParticipant[];
}

/** `leave`, `hangup`: no fields. */
export type AudioBridgeLeaveRequest = EmptyRequest;

/** Reply to `leave`. */
export interface AudioBridgeLeftEvent {
  /** Always `left`. */
  audiobridge: 'left';
  /** The room. */
  room: RoomId;
  /** Our id. */
  id: ParticipantId;
}

/**
 * Reply to the `hangup` request: the 1.1.2 doc does not describe it; the code answers
 * `{ audiobridge: 'hangingup' }` and then closes the PeerConnection.
 */
export interface AudioBridgeHangingUpEvent {
  /** Always `hangingup`. */
  audiobridge: 'hangingup';
}

// ---------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------

/**
 * Participants joined or changed (mute, display...): `participants` lists them. A change comes as
 * `event`; a newcomer, in the 1.1.2 code, as `joined` without an `id`.
 */
export interface AudioBridgeParticipantsEvent {
  /** `event` (a change) or `joined` (a newcomer). */
  audiobridge: 'event' | 'joined';
  /** The room. */
  room: RoomId;
  /** The new or changed participants. */
  participants: AudioBridgeParticipant[];
}

/** A participant left. */
export interface AudioBridgeLeavingEvent {
  /** Always `event`. */
  audiobridge: 'event';
  /** The room. */
  room: RoomId;
  /** Who left. */
  leaving: ParticipantId;
}

/** A participant was kicked (`kick`). */
export interface AudioBridgeKickedEvent {
  /** Always `event`. */
  audiobridge: 'event';
  /** The room. */
  room: RoomId;
  /** Who was kicked. */
  kicked: ParticipantId;
}

/** Everybody was kicked (`kick_all`): one event per participant, to that participant. */
export interface AudioBridgeKickedAllEvent {
  /** Always `event`. */
  audiobridge: 'event';
  /** The room. */
  room: RoomId;
  /** The id of the participant the event goes to. */
  kicked_all: ParticipantId;
}

/** The room was muted or unmuted (`mute_room`/`unmute_room`). */
export interface AudioBridgeRoomMutedEvent {
  /** Always `event`. */
  audiobridge: 'event';
  /** The room. */
  room: RoomId;
  /** Whether the room is now muted. */
  muted: boolean;
}

/** A participant started or stopped talking (rooms with `audiolevel_event`). */
export interface AudioBridgeTalkingEvent {
  /** `talking` or `stopped-talking`. */
  audiobridge: 'talking' | 'stopped-talking';
  /** The room. */
  room: RoomId;
  /** Who. */
  id: ParticipantId;
}

/** An announcement started or stopped (`play_file`, its end, `stop_file`). */
export interface AudioBridgeAnnouncementEvent {
  /** `announcement-started` or `announcement-stopped`. */
  audiobridge: 'announcement-started' | 'announcement-stopped';
  /** The room. */
  room: RoomId;
  /** The announcement. */
  file_id: string;
}

/** Every AudioBridge event a handle can receive. */
export type AudioBridgeEvent =
  | AudioBridgeJoinedEvent
  | AudioBridgeParticipantsEvent
  | AudioBridgeLeavingEvent
  | AudioBridgeKickedEvent
  | AudioBridgeKickedAllEvent
  | AudioBridgeRoomMutedEvent
  | AudioBridgeTalkingEvent
  | AudioBridgeAnnouncementEvent
  | AudioBridgeDestroyedEvent
  | AudioBridgeLeftEvent
  | AudioBridgeRoomChangedEvent
  | AudioBridgeConfiguredEvent
  | AudioBridgeErrorEvent;

/** The synchronous requests: name on the wire → request body and reply. */
export interface AudioBridgeSyncRequests {
  create: { request: AudioBridgeCreateRequest; response: AudioBridgeCreatedResponse };
  edit: { request: AudioBridgeEditRequest; response: AudioBridgeEditedResponse };
  destroy: { request: AudioBridgeDestroyRequest; response: AudioBridgeDestroyedEvent };
  exists: { request: AudioBridgeExistsRequest; response: AudioBridgeExistsResponse };
  allowed: { request: AudioBridgeAllowedRequest; response: AudioBridgeAllowedResponse };
  kick: { request: AudioBridgeParticipantRequest; response: AudioBridgeSuccessResponse };
  kick_all: { request: AudioBridgeRoomRequest; response: AudioBridgeSuccessResponse };
  list: { request: AudioBridgeListRequest; response: AudioBridgeListResponse };
  listparticipants: {
    request: AudioBridgeListParticipantsRequest;
    response: AudioBridgeParticipantsResponse;
  };
  mute: { request: AudioBridgeParticipantRequest; response: AudioBridgeSuccessResponse };
  unmute: { request: AudioBridgeParticipantRequest; response: AudioBridgeSuccessResponse };
  mute_room: { request: AudioBridgeRoomRequest; response: AudioBridgeSuccessResponse };
  unmute_room: { request: AudioBridgeRoomRequest; response: AudioBridgeSuccessResponse };
  resetdecoder: { request: AudioBridgeResetDecoderRequest; response: AudioBridgeSuccessResponse };
  rtp_forward: { request: AudioBridgeRtpForwardRequest; response: AudioBridgeRtpForwardResponse };
  stop_rtp_forward: {
    request: AudioBridgeStopRtpForwardRequest;
    response: AudioBridgeStopRtpForwardResponse;
  };
  listforwarders: { request: AudioBridgeListForwardersRequest; response: AudioBridgeForwardersResponse };
  enable_recording: { request: AudioBridgeEnableRecordingRequest; response: AudioBridgeSuccessResponse };
  enable_mjrs: { request: AudioBridgeEnableMjrsRequest; response: AudioBridgeSuccessResponse };
  play_file: { request: AudioBridgePlayFileRequest; response: AudioBridgeFileResponse };
  is_playing: { request: AudioBridgeFileRequest; response: AudioBridgeIsPlayingResponse };
  stop_file: { request: AudioBridgeFileRequest; response: AudioBridgeFileResponse };
  stop_all_files: { request: AudioBridgeRoomRequest; response: AudioBridgeStopAllFilesResponse };
  listannouncements: { request: AudioBridgeRoomRequest; response: AudioBridgeAnnouncementsResponse };
  suspend: { request: AudioBridgeSuspendRequest; response: AudioBridgeSuccessResponse };
  resume: { request: AudioBridgeResumeRequest; response: AudioBridgeSuccessResponse };
}
