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

/** An audio codec a participant or forwarder can use. */
export type AudioBridgeCodec = 'opus' | 'pcma' | 'pcmu';

// ---------------------------------------------------------------------------------------------------
// Room management (synchronous)
// ---------------------------------------------------------------------------------------------------

/** `create`: a new room. */
export interface AudioBridgeCreateRequest {
  /** Room id; chosen by the plugin when missing. */
  room?: RoomId;
  /** The plugin's `admin_key`, when configured. */
  admin_key?: string;
  /** Save the room to the config file. Default `false`. */
  permanent?: boolean;
  /** Pretty name. */
  description?: string;
  /** Secret needed to edit or destroy the room. */
  secret?: string;
  /** PIN needed to join. */
  pin?: string;
  /** Hidden from `list`. Default `false`. */
  is_private?: boolean;
  /** Tokens allowed to join (enables the ACL). */
  allowed?: string[];
  /** Mixer sampling rate: 8000, 12000, 16000 (default), 24000 or 48000. */
  sampling_rate?: number;
  /** Old name of `sampling_rate`, still read by the code. */
  sampling?: number;
  /** Stereo mix with per-participant panning. Default `false`. */
  spatial_audio?: boolean;
  /** Record the mix to a `.wav`. Default `false`. */
  record?: boolean;
  /** The `.wav` path. */
  record_file?: string;
  /** Folder of the `.wav`. */
  record_dir?: string;
  /** Record every participant to its own `.mjr`. Default `false`. */
  mjrs?: boolean;
  /** Folder of the `.mjr` files. */
  mjrs_dir?: string;
  /** Admit plain-RTP participants (`join` with `rtp`). Default `false`. */
  allow_rtp_participants?: boolean;
  /** Negotiate the ssrc-audio-level extension. Default `true`. */
  audiolevel_ext?: boolean;
  /** Send `talking`/`stopped-talking` events. Default `false`. */
  audiolevel_event?: boolean;
  /** Packets over which the audio level is averaged. Default 100. */
  audio_active_packets?: number;
  /** Average level (0-127, lower is louder) that counts as talking. Default 25. */
  audio_level_average?: number;
  /** Packets buffered before decoding a participant. Default 6. */
  default_prebuffering?: number;
  /** Default expected loss percentage (FEC). */
  default_expectedloss?: number;
  /** Default Opus bitrate of participants, bps. */
  default_bitrate?: number;
  /** Group names (for forwarders). */
  groups?: string[];
}

/** Reply to `create`. */
export interface AudioBridgeCreatedResponse {
  /** Always `created`. */
  audiobridge: 'created';
  /** The room id. */
  room: RoomId;
  /** Whether it was saved to the config file. */
  permanent: boolean;
}

/** `edit`: change a room's description, secret, PIN, privacy or folders. */
export interface AudioBridgeEditRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** New pretty name. */
  new_description?: string;
  /** New secret. */
  new_secret?: string;
  /** New PIN (empty string removes it). */
  new_pin?: string;
  /** New privacy. */
  new_is_private?: boolean;
  /** New `.wav` folder. */
  new_record_dir?: string;
  /** New `.mjr` folder. */
  new_mjrs_dir?: string;
  /** Save to the config file too. */
  permanent?: boolean;
}

/** Reply to `edit`. */
export interface AudioBridgeEditedResponse {
  /** Always `edited`. */
  audiobridge: 'edited';
  /** The room. */
  room: RoomId;
  /** Present when saved (`permanent`). */
  permanent?: boolean;
}

/** `destroy`: remove a room; everybody in it gets `destroyed`. */
export interface AudioBridgeDestroyRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** Remove it from the config file too. */
  permanent?: boolean;
}

/** Reply to `destroy`, and the event the participants get. */
export interface AudioBridgeDestroyedEvent {
  /** Always `destroyed`. */
  audiobridge: 'destroyed';
  /** The room. */
  room: RoomId;
  /** Present on the reply when saved (`permanent`). */
  permanent?: boolean;
}

/** `enable_recording`: start or stop recording the mix to a `.wav`. */
export interface AudioBridgeEnableRecordingRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** Record or not. */
  record: boolean;
  /** The `.wav` path. */
  record_file?: string;
  /** The folder. */
  record_dir?: string;
}

/** `enable_mjrs`: start or stop recording every participant to its own `.mjr`. */
export interface AudioBridgeEnableMjrsRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** Record or not. */
  mjrs: boolean;
  /** The folder. */
  mjrs_dir?: string;
}

/** A plain `{ audiobridge: 'success' }` reply, with the room when the request named one. */
export interface AudioBridgeSuccessResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room, when the request named one. */
  room?: RoomId;
}

/** `list`: the public rooms (every room with the plugin's `admin_key`). */
export interface AudioBridgeListRequest {
  /** The plugin's `admin_key`, to list private rooms too. */
  admin_key?: string;
}

/** One room in a `list` reply. */
export interface AudioBridgeRoomInfo {
  /** Room id. */
  room: RoomId;
  /** Pretty name. */
  description: string;
  /** Whether a PIN is needed. */
  pin_required: boolean;
  /** Mixer sampling rate. */
  sampling_rate: number;
  /** Whether the mix is stereo with panning. */
  spatial_audio: boolean;
  /** Whether the mix is being recorded. */
  record: boolean;
  /** Whether the room is muted (not in the 1.1.2 doc; the code sends it). */
  muted: boolean;
  /** Participants in it. */
  num_participants: number;
}

/**
 * Reply to `list`. The 1.1.2 doc names the array `rooms`; the code sends `list` (followed here).
 */
export interface AudioBridgeListResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The rooms. */
  list: AudioBridgeRoomInfo[];
}

/** `exists`: whether a room exists. */
export interface AudioBridgeExistsRequest {
  /** The room. */
  room: RoomId;
}

/** Reply to `exists`. */
export interface AudioBridgeExistsResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room. */
  room: RoomId;
  /** Whether it exists. */
  exists: boolean;
}

/** `allowed`: enable, disable or edit the room's token ACL. */
export interface AudioBridgeAllowedRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** What to do. */
  action: 'enable' | 'disable' | 'add' | 'remove';
  /** Tokens to add or remove. */
  allowed?: string[];
}

/** Reply to `allowed`. */
export interface AudioBridgeAllowedResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room. */
  room: RoomId;
  /** The complete ACL (not after `disable`). */
  allowed?: string[];
}

/** `mute`/`unmute` (moderation), `kick`: one participant of a room. */
export interface AudioBridgeParticipantRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** The participant. */
  id: ParticipantId;
}

/** `mute_room`/`unmute_room`, `kick_all`, `stop_all_files`, `listannouncements`: a whole room. */
export interface AudioBridgeRoomRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
}

/** `listparticipants`: who is in a room. */
export interface AudioBridgeListParticipantsRequest {
  /** The room. */
  room: RoomId;
}

/** A participant as the plugin describes it in lists and `participants` events. */
export interface AudioBridgeParticipant {
  /** Its id. */
  id: ParticipantId;
  /** Its display name, if any. */
  display?: string;
  /** Whether its PeerConnection (or plain RTP session) is up. */
  setup: boolean;
  /** Whether it is muted. */
  muted: boolean;
  /** Whether it is talking (rooms with audio levels). */
  talking?: boolean;
  /** Panning, 0 (left) to 100 (right), in spatial rooms. */
  spatial_position?: number;
}

/** Reply to `listparticipants`. */
export interface AudioBridgeParticipantsResponse {
  /** Always `participants`. */
  audiobridge: 'participants';
  /** The room. */
  room: RoomId;
  /** Who is in it. */
  participants: AudioBridgeParticipant[];
}

/** `resetdecoder`: recreate this participant's Opus decoder. No fields. */
export type AudioBridgeResetDecoderRequest = EmptyRequest;

/** `rtp_forward`: forward the mix (or a group's mix) as RTP to `host:port`. */
export interface AudioBridgeRtpForwardRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one (checked by the code, not in the 1.1.2 doc). */
  secret?: string;
  /** The plugin's `admin_key`, when RTP forwarding is locked with it. */
  admin_key?: string;
  /** The group to forward; the whole mix when missing. */
  group?: string;
  /** SSRC; the stream id when missing. */
  ssrc?: number;
  /** Codec. Default `opus`. */
  codec?: AudioBridgeCodec;
  /** Payload type. Default 100. */
  ptype?: number;
  /** Where to send. */
  host: string;
  /** Resolve `host` as IPv4 or IPv6. */
  host_family?: 'ipv4' | 'ipv6';
  /** The UDP port. */
  port: number;
  /** SRTP tag length, 32 or 80. */
  srtp_suite?: number;
  /** SRTP key (base64). */
  srtp_crypto?: string;
  /** Forward silence while the room is empty. Default `false`. */
  always_on?: boolean;
}

/** Reply to `rtp_forward`. */
export interface AudioBridgeRtpForwardResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room. */
  room: RoomId;
  /** The group, if one was asked for. */
  group?: string;
  /** The forwarder's id. */
  stream_id: number;
  /** Where it sends. */
  host: string;
  /** The port. */
  port: number;
}

/** `stop_rtp_forward`. */
export interface AudioBridgeStopRtpForwardRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one (checked by the code, not in the 1.1.2 doc). */
  secret?: string;
  /** The plugin's `admin_key`, when RTP forwarding is locked with it. */
  admin_key?: string;
  /** The forwarder. */
  stream_id: number;
}

/** Reply to `stop_rtp_forward`. */
export interface AudioBridgeStopRtpForwardResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room. */
  room: RoomId;
  /** The stopped forwarder. */
  stream_id: number;
}

/** `listforwarders`. */
export interface AudioBridgeListForwardersRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
}

/** One forwarder in `listforwarders`. */
export interface AudioBridgeForwarder {
  /** Its id. */
  stream_id: number;
  /** The group it forwards, if any. */
  group?: string;
  /** Destination address. */
  ip: string;
  /** Destination port. */
  port: number;
  /** SSRC, if any. */
  ssrc?: number;
  /** Codec. */
  codec?: AudioBridgeCodec;
  /** Payload type. */
  ptype?: number;
  /** Whether SRTP is used. */
  srtp?: boolean;
  /** Whether it forwards silence while the room is empty. */
  always_on?: boolean;
}

/** Reply to `listforwarders`. */
export interface AudioBridgeForwardersResponse {
  /** Always `forwarders`. */
  audiobridge: 'forwarders';
  /** The room. */
  room: RoomId;
  /** The forwarders. */
  rtp_forwarders: AudioBridgeForwarder[];
}

/** `play_file`: play an Opus (`.opus`, Ogg) file into the mix. */
export interface AudioBridgePlayFileRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** The plugin's `admin_key`, when configured for forwarding. */
  admin_key?: string;
  /** The group (forwarders only). */
  group?: string;
  /** Id of the announcement; random when missing. */
  file_id?: string;
  /** Path of the `.opus` file on the server. */
  filename: string;
  /** Play it forever. Default `false`. */
  loop?: boolean;
}

/** Reply to `play_file` and `stop_file`. */
export interface AudioBridgeFileResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room. */
  room: RoomId;
  /** The announcement. */
  file_id: string;
}

/** `is_playing`, `stop_file`: one announcement. */
export interface AudioBridgeFileRequest {
  /** The room. */
  room: RoomId;
  /** The room secret, if it has one. */
  secret?: string;
  /** The announcement. */
  file_id: string;
}

/** Reply to `is_playing`. */
export interface AudioBridgeIsPlayingResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room. */
  room: RoomId;
  /** The announcement. */
  file_id: string;
  /** Whether it is still playing. */
  playing: boolean;
}

/** Reply to `stop_all_files`. @since Janus 1.3.2 */
export interface AudioBridgeStopAllFilesResponse {
  /** Always `success`. */
  audiobridge: 'success';
  /** The room. */
  room: RoomId;
  /** The announcements that were stopped. */
  file_id_list: string[];
}

/** Reply to `listannouncements`. @since Janus 1.2.4 */
export interface AudioBridgeAnnouncementsResponse {
  /** Always `announcements`. */
  audiobridge: 'announcements';
  /** The room. */
  room: RoomId;
  /** The announcements. */
  announcements: { file_id: string; filename: string; playing: boolean; loop: boolean }[];
}

/** `suspend`: take a participant out of the mix without removing it. @since Janus 1.2.1 */
export interface AudioBridgeSuspendRequest extends AudioBridgeParticipantRequest {
  /** Pause room events to it while suspended. Default `false`. */
  pause_events?: boolean;
  /** Stop its `.mjr` recording too. Default `false`. */
  stop_record?: boolean;
}

/** `resume`: bring a suspended participant back. @since Janus 1.2.1 */
export interface AudioBridgeResumeRequest extends AudioBridgeParticipantRequest {
  /** Record it to a `.mjr`. Default `false`. */
  record?: boolean;
  /** Basename of that `.mjr`. */
  filename?: string;
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
