/**
 * Wire types of the AudioBridge room-management requests (synchronous): rooms, moderation, forwarders,
 * recordings, announcements. Same sources and conventions as `types.ts`.
 * @module
 */
import type { EmptyRequest } from '../common/request-body.js';
import type { ParticipantId, RoomId } from '../common/types.js';

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
