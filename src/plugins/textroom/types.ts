/**
 * Exact wire types for the Janus TextRoom plugin (`janus.plugin.textroom`).
 *
 * Source of truth: `src/plugins/janus_textroom.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1); later changes (read against commit
 * 94408ffccbc1a7c39dac82d55e5dd475c807e770) are tagged `@since`. Where the doc comment and the code
 * disagree, the code wins and the TSDoc says so.
 *
 * The plugin has two channels:
 * - the Janus API (`message` with a `request` field): `setup`/`ack`/`restart` (asynchronous, to
 *   negotiate the data channel) and the room-management requests `list`, `listparticipants`,
 *   `exists`, `create`, `edit`, `destroy`, `allowed`, `kick`, `announcement` (synchronous);
 * - the data channel (JSON text with `textroom` + `transaction`): the same room-management
 *   requests plus `join`, `leave` and `message`. Replies carry the `transaction` back; unsolicited
 *   events (`join`, `leave`, `message`, `announcement`, `kicked`, `destroyed`) don't.
 *
 * @module
 */

import type { EmptyRequest } from '../common/request-body.js';
import type { RoomId } from '../common/types.js';

// ---------------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------------

/** TextRoom error codes, from the `#define JANUS_TEXTROOM_ERROR_*` macros in janus_textroom.c. */
export const TextRoomErrorCode = {
  /** `JANUS_TEXTROOM_ERROR_NO_MESSAGE`: the message body was missing. */
  NO_MESSAGE: 411,
  /** `JANUS_TEXTROOM_ERROR_INVALID_JSON`: the body was not a JSON object. */
  INVALID_JSON: 412,
  /** `JANUS_TEXTROOM_ERROR_MISSING_ELEMENT`: a required field is missing. */
  MISSING_ELEMENT: 413,
  /** `JANUS_TEXTROOM_ERROR_INVALID_ELEMENT`: a field has the wrong type or value. */
  INVALID_ELEMENT: 414,
  /** `JANUS_TEXTROOM_ERROR_INVALID_REQUEST`: unknown request. */
  INVALID_REQUEST: 415,
  /** `JANUS_TEXTROOM_ERROR_ALREADY_SETUP`: `setup` twice, or `restart` before `setup`. */
  ALREADY_SETUP: 416,
  /** `JANUS_TEXTROOM_ERROR_NO_SUCH_ROOM`: the room does not exist. */
  NO_SUCH_ROOM: 417,
  /** `JANUS_TEXTROOM_ERROR_ROOM_EXISTS`: `create` with an id that is already taken. */
  ROOM_EXISTS: 418,
  /** `JANUS_TEXTROOM_ERROR_UNAUTHORIZED`: wrong secret/pin/token/admin_key. */
  UNAUTHORIZED: 419,
  /** `JANUS_TEXTROOM_ERROR_USERNAME_EXISTS`: `join` with a username already in the room. */
  USERNAME_EXISTS: 420,
  /** `JANUS_TEXTROOM_ERROR_ALREADY_IN_ROOM`: `join` on a room already joined. */
  ALREADY_IN_ROOM: 421,
  /** `JANUS_TEXTROOM_ERROR_NOT_IN_ROOM`: `message`/`leave` on a room not joined. */
  NOT_IN_ROOM: 422,
  /** `JANUS_TEXTROOM_ERROR_NO_SUCH_USER`: `kick` of an unknown username. */
  NO_SUCH_USER: 423,
  /** `JANUS_TEXTROOM_ERROR_UNKNOWN_ERROR`: internal error. */
  UNKNOWN_ERROR: 499,
} as const;

/** Any numeric value of {@link TextRoomErrorCode}. */
export type TextRoomErrorCodeValue = (typeof TextRoomErrorCode)[keyof typeof TextRoomErrorCode];

/**
 * Error answer. The code writes `textroom: 'error'` for errors raised while processing a request
 * (data channel or Janus API) and `textroom: 'event'` only for errors raised before dispatch on the
 * Janus API (missing `request`, unknown request); the doc only shows `event`.
 */
export interface TextRoomErrorEvent {
  /** `error` (most errors) or `event` (early Janus API errors). */
  textroom: 'error' | 'event';
  /** One of {@link TextRoomErrorCode} (typed as `number` so future codes still parse). */
  error_code: number;
  /** Human readable cause. */
  error: string;
  /** The request's transaction (data channel replies only). */
  transaction?: string;
}

// ---------------------------------------------------------------------------------------------------
// Shared substructures
// ---------------------------------------------------------------------------------------------------

/** A room as listed by `list`. */
export interface TextRoomRoomInfo {
  /** Room id. */
  room: RoomId;
  /** Room description. */
  description: string;
  /** Whether a PIN is required to join. */
  pin_required: boolean;
  /** Number of participants. */
  num_participants: number;
  /** Size of the room history (0 = none). Sent by the 1.1.2 code, only documented later. */
  history: number;
}

/** A participant as listed by `listparticipants` and in the `join` reply. */
export interface TextRoomParticipant {
  /** Unique username in the room. */
  username: string;
  /** Display name, if any. */
  display?: string;
}

// ---------------------------------------------------------------------------------------------------
// Janus API: PeerConnection setup (asynchronous)
// ---------------------------------------------------------------------------------------------------

/** `setup`: ask the plugin for a JSEP offer with a data channel. No fields. */
export type TextRoomSetupRequest = EmptyRequest;

/** `ack`: send the JSEP answer to the plugin's offer. No fields. */
export type TextRoomAckRequest = EmptyRequest;

/** `restart`: ask for a new offer with an ICE restart (after `setup`). No fields. */
export type TextRoomRestartRequest = EmptyRequest;

/** Answer to `setup`/`ack`/`restart` (with a JSEP offer for `setup`/`restart`). */
export interface TextRoomResultEvent {
  /** Always `event`. */
  textroom: 'event';
  /** Always `ok`. */
  result: 'ok';
}

// ---------------------------------------------------------------------------------------------------
// Room management (Janus API `request` or data channel `textroom`)
// ---------------------------------------------------------------------------------------------------

/** `list`: list the rooms. */
export interface TextRoomListRequest {
  /** Plugin admin key; if given and valid, private rooms are listed too. */
  admin_key?: string;
}

/** Reply to `list`. The 1.1.2 doc names the array `rooms`; the code sends `list`. */
export interface TextRoomListResponse {
  /** Always `success`. */
  textroom: 'success';
  /** The rooms. */
  list: TextRoomRoomInfo[];
  /** Transaction (data channel only). */
  transaction?: string;
}

/** `listparticipants`: list the participants of a room. */
export interface TextRoomListParticipantsRequest {
  /** Room. Required. */
  room: RoomId;
}

/**
 * Reply to `listparticipants`. In 1.1.2 it has no `textroom` field at all (the code forgets it);
 * it is `success` from 1.3.2.
 */
export interface TextRoomListParticipantsResponse {
  /** `success` from 1.3.2; absent in 1.1.2. @since 1.3.2 */
  textroom?: 'success';
  /** Room id. */
  room: RoomId;
  /** Participants. */
  participants: TextRoomParticipant[];
  /** Transaction (data channel only). */
  transaction?: string;
}

/** `exists`: check whether a room exists. */
export interface TextRoomExistsRequest {
  /** Room. Required. */
  room: RoomId;
}

/** Reply to `exists`. */
export interface TextRoomExistsResponse {
  /** Always `success`. */
  textroom: 'success';
  /** Room id. */
  room: RoomId;
  /** Whether the room exists. */
  exists: boolean;
  /** Transaction (data channel only). */
  transaction?: string;
}

/** `create`: create a room (`create_parameters`). */
export interface TextRoomCreateRequest {
  /** Room id; chosen by the plugin if missing. */
  room?: RoomId;
  /** Plugin admin key; required when `admin_key` is configured. */
  admin_key?: string;
  /** Description. */
  description?: string;
  /** Secret to edit/destroy the room. */
  secret?: string;
  /** PIN to join the room. */
  pin?: string;
  /**
   * Whether the room is hidden from `list`. The doc says the default is `true`; the code defaults
   * to `false`.
   */
  is_private?: boolean;
  /** Number of messages kept and sent to new participants. Default 0 (no history). */
  history?: number;
  /** HTTP backend to POST every incoming message to. */
  post?: string;
  /** Tokens allowed to join; providing it enables the ACL (not in the doc). */
  allowed?: string[];
  /** Whether to save the room to the config file. Default `false`. */
  permanent?: boolean;
}

/**
 * Reply to `create`: `created` on the Janus API, `success` on the data channel (the doc only
 * shows `success`).
 */
export interface TextRoomCreateResponse {
  /** `created` (Janus API) or `success` (data channel). */
  textroom: 'created' | 'success';
  /** Id of the new room. */
  room: RoomId;
  /** Whether the room was saved to the config file. */
  permanent: boolean;
  /** Transaction (data channel only). */
  transaction?: string;
}

/** `edit`: change some properties of a room (`edit_parameters`). */
export interface TextRoomEditRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** New description. */
  new_description?: string;
  /** New secret. */
  new_secret?: string;
  /** New PIN. */
  new_pin?: string;
  /** New HTTP backend (parsed by the code, missing from the doc). */
  new_post?: string;
  /** New private flag. */
  new_is_private?: boolean;
  /** Whether to save the change to the config file. Default `false`. */
  permanent?: boolean;
}

/** Reply to `edit`: `edited` on the Janus API, `success` on the data channel. */
export interface TextRoomEditResponse {
  /** `edited` (Janus API) or `success` (data channel). */
  textroom: 'edited' | 'success';
  /** Room id. */
  room: RoomId;
  /** Whether the change was saved to the config file. */
  permanent: boolean;
  /** Transaction (data channel only). */
  transaction?: string;
}

/** `destroy`: destroy a room. */
export interface TextRoomDestroyRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Whether to also remove the room from the config file. Default `false`. */
  permanent?: boolean;
}

/** Reply to `destroy`: `destroyed` on the Janus API, `success` on the data channel. */
export interface TextRoomDestroyResponse {
  /** `destroyed` (Janus API) or `success` (data channel). */
  textroom: 'destroyed' | 'success';
  /** Room id. */
  room: RoomId;
  /** Whether the room was removed from the config file. */
  permanent: boolean;
  /** Transaction (data channel only). */
  transaction?: string;
}

/** Action of an `allowed` request. */
export type TextRoomAllowedAction = 'enable' | 'disable' | 'add' | 'remove';

/** `allowed`: manage the room's token ACL. */
export interface TextRoomAllowedRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** `enable`/`disable` the ACL, or `add`/`remove` tokens. Required. */
  action: TextRoomAllowedAction;
  /** Tokens to add or remove (only for `add`/`remove`). */
  allowed?: string[];
}

/** Reply to `allowed`. */
export interface TextRoomAllowedResponse {
  /** Always `success`. */
  textroom: 'success';
  /** Room id. */
  room: RoomId;
  /** Complete updated token list; absent for `disable`. */
  allowed?: string[];
  /** Transaction (data channel only). */
  transaction?: string;
}

/** `kick`: kick a participant out of a room. */
export interface TextRoomKickRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Username to kick. Required. */
  username: string;
}

/** Reply to `kick` from 1.3.2 on. */
export interface TextRoomKickSuccessResponse {
  /** Always `success`. */
  textroom: 'success';
  /** Transaction (data channel only). */
  transaction?: string;
}

/**
 * Reply to `kick` up to 1.3.1 (including our 1.1.2 servers): the code misspells the key as
 * `textbridge` (fixed in 1.3.2), and the doc says `textroom`.
 */
export interface TextRoomKickLegacyResponse {
  /** Always `success`, under the misspelled key. */
  textbridge: 'success';
  /** Transaction (data channel only). */
  transaction?: string;
}

/** Reply to `kick`: `{ "textbridge": "success" }` on 1.1.2, `{ "textroom": "success" }` from 1.3.2. */
export type TextRoomKickResponse = TextRoomKickSuccessResponse | TextRoomKickLegacyResponse;

/** `announcement`: send a message from the room itself (needs the secret). */
export interface TextRoomAnnouncementRequest {
  /** Room. Required. */
  room: RoomId;
  /** Room secret; required if the room has one. */
  secret?: string;
  /** Content of the announcement. Required. */
  text: string;
}

/** Plain `{ "textroom": "success" }` reply (`announcement`, `leave`, acked `message`). */
export interface TextRoomSuccessResponse {
  /** Always `success`. */
  textroom: 'success';
  /** Transaction (data channel only). */
  transaction?: string;
}

// ---------------------------------------------------------------------------------------------------
// Data channel only
// ---------------------------------------------------------------------------------------------------

/** `join` (data channel): join a room. */
export interface TextRoomJoinRequest {
  /** Room. Required. */
  room: RoomId;
  /** Unique username in the room. Required. */
  username: string;
  /** PIN; required if the room has one. */
  pin?: string;
  /** Invitation token, if the room has an ACL. */
  token?: string;
  /** Display name. */
  display?: string;
  /** Whether to receive the stored history. Default `true`. */
  history?: boolean;
}

/** Reply to `join`: the other participants currently in the room. */
export interface TextRoomJoinResponse {
  /** Always `success`. */
  textroom: 'success';
  /** Participants already in the room (not including us). */
  participants: TextRoomParticipant[];
  /** Transaction. */
  transaction?: string;
}

/** `leave` (data channel): leave a room. */
export interface TextRoomLeaveRequest {
  /** Room. Required. */
  room: RoomId;
}

/** `message` (data channel): send a public message or a whisper. */
export interface TextRoomMessageRequest {
  /** Room. Required. */
  room: RoomId;
  /** Content (any string, e.g. serialized JSON). Required. */
  text: string;
  /** Whisper to a single username (exclusive with `tos`). */
  to?: string;
  /** Whisper to several usernames (exclusive with `to`). */
  tos?: string[];
  /** Whether to get a `success` reply. Default `true`. */
  ack?: boolean;
}

/** Reply to `message` (only when `ack` is not `false`). */
export interface TextRoomMessageResponse {
  /** Always `success`. */
  textroom: 'success';
  /** For whispers: recipient username → whether it was delivered (not in the doc). */
  sent?: Record<string, boolean>;
  /** Transaction. */
  transaction?: string;
}

// ---------------------------------------------------------------------------------------------------
// Data channel events
// ---------------------------------------------------------------------------------------------------

/** Somebody joined a room (also echoed to the joiner). */
export interface TextRoomJoinEvent {
  /** Always `join`. */
  textroom: 'join';
  /** Room id. */
  room: RoomId;
  /** Username of the new participant. */
  username: string;
  /** Display name, if any. */
  display?: string;
}

/** Somebody left a room (also echoed to the leaver). */
export interface TextRoomLeaveEvent {
  /** Always `leave`. */
  textroom: 'leave';
  /** Room id. */
  room: RoomId;
  /** Username of the participant who left. */
  username: string;
}

/** An incoming public message or whisper (also replayed from the history on `join`). */
export interface TextRoomMessageEvent {
  /** Always `message`. */
  textroom: 'message';
  /** Room id. */
  room: RoomId;
  /** Sender username. */
  from: string;
  /** Send time, `strftime("%FT%T%z")`, e.g. `2023-01-17T15:36:18+0100`. */
  date: string;
  /** Content. */
  text: string;
  /** Present and `true` for private messages (the code omits it for public ones). */
  whisper?: true;
  /** Sender display name; only in messages replayed from the history. */
  display?: string;
}

/** An announcement from the room (also replayed from the history on `join`). */
export interface TextRoomAnnouncementEvent {
  /** Always `announcement`. */
  textroom: 'announcement';
  /** Room id. */
  room: RoomId;
  /** Send time, `strftime("%FT%T%z")`. */
  date: string;
  /** Content. */
  text: string;
}

/** A participant was kicked out of a room (sent to everybody in the room). */
export interface TextRoomKickedEvent {
  /** Always `kicked`. */
  textroom: 'kicked';
  /** Room id. */
  room: RoomId;
  /** Username of the kicked participant. */
  username: string;
}

/** A room was destroyed (sent to everybody in the room). */
export interface TextRoomDestroyedEvent {
  /** Always `destroyed`. */
  textroom: 'destroyed';
  /** Room id. */
  room: RoomId;
}

/** Unsolicited events received on the data channel (no `transaction`). */
export type TextRoomDataEvent =
  | TextRoomJoinEvent
  | TextRoomLeaveEvent
  | TextRoomMessageEvent
  | TextRoomAnnouncementEvent
  | TextRoomKickedEvent
  | TextRoomDestroyedEvent;

/** Every JSON message that can arrive on the TextRoom data channel: events, replies and errors. */
export type TextRoomDataMessage =
  | TextRoomDataEvent
  | TextRoomErrorEvent
  | TextRoomListResponse
  | TextRoomListParticipantsResponse
  | TextRoomExistsResponse
  | TextRoomCreateResponse
  | TextRoomEditResponse
  | TextRoomDestroyResponse
  | TextRoomAllowedResponse
  | TextRoomKickResponse
  | TextRoomSuccessResponse
  | TextRoomJoinResponse
  | TextRoomMessageResponse;

/** Every `plugindata.data` object received over the Janus API. */
export type TextRoomApiMessage =
  | TextRoomResultEvent
  | TextRoomErrorEvent
  | TextRoomListResponse
  | TextRoomListParticipantsResponse
  | TextRoomExistsResponse
  | TextRoomCreateResponse
  | TextRoomEditResponse
  | TextRoomDestroyResponse
  | TextRoomAllowedResponse
  | TextRoomKickResponse
  | TextRoomSuccessResponse;

// ---------------------------------------------------------------------------------------------------
// Request → response maps
// ---------------------------------------------------------------------------------------------------

/** Room-management requests accepted both on the Janus API and on the data channel. */
export interface TextRoomManagementRequests {
  /** List rooms. */
  list: { request: TextRoomListRequest; response: TextRoomListResponse };
  /** List participants. */
  listparticipants: { request: TextRoomListParticipantsRequest; response: TextRoomListParticipantsResponse };
  /** Check whether a room exists. */
  exists: { request: TextRoomExistsRequest; response: TextRoomExistsResponse };
  /** Create a room. */
  create: { request: TextRoomCreateRequest; response: TextRoomCreateResponse };
  /** Edit a room. */
  edit: { request: TextRoomEditRequest; response: TextRoomEditResponse };
  /** Destroy a room. */
  destroy: { request: TextRoomDestroyRequest; response: TextRoomDestroyResponse };
  /** Manage the ACL. */
  allowed: { request: TextRoomAllowedRequest; response: TextRoomAllowedResponse };
  /** Kick a participant. */
  kick: { request: TextRoomKickRequest; response: TextRoomKickResponse };
  /** Send an announcement. */
  announcement: { request: TextRoomAnnouncementRequest; response: TextRoomSuccessResponse };
}

/** Requests sent over the Janus API (`{ "request": ... }` in a `message`). */
export interface TextRoomRequests extends TextRoomManagementRequests {
  /** Ask for an offer (asynchronous; answered by an event with a JSEP offer). */
  setup: { request: TextRoomSetupRequest; response: TextRoomResultEvent };
  /** Send the JSEP answer (asynchronous). */
  ack: { request: TextRoomAckRequest; response: TextRoomResultEvent };
  /** ICE restart (asynchronous; answered by an event with a JSEP offer). Not in the 1.1.2 doc. */
  restart: { request: TextRoomRestartRequest; response: TextRoomResultEvent };
}

/** Requests sent over the data channel (`{ "textroom": ..., "transaction": ... }`). */
export interface TextRoomDataRequests extends TextRoomManagementRequests {
  /** Join a room. */
  join: { request: TextRoomJoinRequest; response: TextRoomJoinResponse };
  /** Leave a room. */
  leave: { request: TextRoomLeaveRequest; response: TextRoomSuccessResponse };
  /** Send a message (reply only if `ack` is not `false`). */
  message: { request: TextRoomMessageRequest; response: TextRoomMessageResponse };
}

/** Any Janus API TextRoom request name. */
export type TextRoomRequestName = keyof TextRoomRequests;

/** Any data channel TextRoom request name. */
export type TextRoomDataRequestName = keyof TextRoomDataRequests;

/** A Janus API request as sent on the wire (body plus the `request` literal). */
export type TextRoomWireRequest<K extends TextRoomRequestName = TextRoomRequestName> =
  K extends TextRoomRequestName ? { request: K } & TextRoomRequests[K]['request'] : never;

/** A data channel request as sent on the wire (body plus `textroom` and the required `transaction`). */
export type TextRoomDataWireRequest<K extends TextRoomDataRequestName = TextRoomDataRequestName> =
  K extends TextRoomDataRequestName
    ? { textroom: K; transaction: string } & TextRoomDataRequests[K]['request']
    : never;
