/**
 * Exact wire types for the Janus VideoCall plugin (`janus.plugin.videocall`).
 *
 * Source of truth: `src/plugins/janus_videocall.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1). The plugin API did not change up to commit
 * 94408ffccbc1a7c39dac82d55e5dd475c807e770 (v1.4.1+4). Where the doc comment and the code disagree,
 * the code wins and the TSDoc says so.
 *
 * All requests are asynchronous: the answer is an `event` with the same transaction, shaped
 * `{ "videocall": "event", "result": { ... } }`; errors are `{ "videocall": "event", "error_code",
 * "error" }`. JSEP offers/answers travel next to `plugindata` and are not part of these types.
 *
 * @module
 */

import type { EmptyRequest } from '../common/request-body.js';
import type { JanusVideoCodec } from '../common/types.js';

// ---------------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------------

/** VideoCall error codes, from the `#define JANUS_VIDEOCALL_ERROR_*` macros in janus_videocall.c. */
export const VideoCallErrorCode = {
  /** `JANUS_VIDEOCALL_ERROR_UNKNOWN_ERROR`: internal error. */
  UNKNOWN_ERROR: 499,
  /** `JANUS_VIDEOCALL_ERROR_NO_MESSAGE`: the message body was missing. */
  NO_MESSAGE: 470,
  /** `JANUS_VIDEOCALL_ERROR_INVALID_JSON`: the body was not a JSON object. */
  INVALID_JSON: 471,
  /** `JANUS_VIDEOCALL_ERROR_INVALID_REQUEST`: unknown request. */
  INVALID_REQUEST: 472,
  /** `JANUS_VIDEOCALL_ERROR_REGISTER_FIRST`: `call` before `register`. */
  REGISTER_FIRST: 473,
  /** `JANUS_VIDEOCALL_ERROR_INVALID_ELEMENT`: a field has the wrong type or value. */
  INVALID_ELEMENT: 474,
  /** `JANUS_VIDEOCALL_ERROR_MISSING_ELEMENT`: a required field is missing. */
  MISSING_ELEMENT: 475,
  /** `JANUS_VIDEOCALL_ERROR_USERNAME_TAKEN`: `register` with a username in use. */
  USERNAME_TAKEN: 476,
  /** `JANUS_VIDEOCALL_ERROR_ALREADY_REGISTERED`: `register` twice on a handle. */
  ALREADY_REGISTERED: 477,
  /** `JANUS_VIDEOCALL_ERROR_NO_SUCH_USERNAME`: `call` to an unknown username. */
  NO_SUCH_USERNAME: 478,
  /** `JANUS_VIDEOCALL_ERROR_USE_ECHO_TEST`: `call` to yourself. */
  USE_ECHO_TEST: 479,
  /** `JANUS_VIDEOCALL_ERROR_ALREADY_IN_CALL`: `call` while in a call. */
  ALREADY_IN_CALL: 480,
  /** `JANUS_VIDEOCALL_ERROR_NO_CALL`: `accept` without an incoming call. */
  NO_CALL: 481,
  /** `JANUS_VIDEOCALL_ERROR_MISSING_SDP`: `call`/`accept` without JSEP. */
  MISSING_SDP: 482,
  /** `JANUS_VIDEOCALL_ERROR_INVALID_SDP`: the SDP could not be parsed or processed. */
  INVALID_SDP: 483,
} as const;

/** Any numeric value of {@link VideoCallErrorCode}. */
export type VideoCallErrorCodeValue = (typeof VideoCallErrorCode)[keyof typeof VideoCallErrorCode];

/** Error answer to any VideoCall request. */
export interface VideoCallErrorEvent {
  /** Always `event`. */
  videocall: 'event';
  /** One of {@link VideoCallErrorCode} (typed as `number` so future codes still parse). */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

// ---------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------

/** `list`: list the registered usernames. No fields. */
export type VideoCallListRequest = EmptyRequest;

/** `register`: claim a username (first come, first served; freed when the handle goes away). */
export interface VideoCallRegisterRequest {
  /** Desired unique username. Required. */
  username: string;
}

/** `call`: call a registered user (must carry a JSEP offer). */
export interface VideoCallCallRequest {
  /** Username to call. Required. */
  username: string;
}

/** `accept`: accept the incoming call (must carry a JSEP answer). No fields. */
export type VideoCallAcceptRequest = EmptyRequest;

/**
 * `set`: change media settings of the call, or renegotiate (with JSEP). All fields are optional
 * (`set_parameters`, plus `substream`/`temporal`/`fallback` checked by hand).
 */
export interface VideoCallSetRequest {
  /** Whether to relay our audio to the peer. */
  audio?: boolean;
  /** Whether to relay our video to the peer (re-enabling sends a PLI). */
  video?: boolean;
  /** Bitrate cap (REMB) for our sending side, e.g. 128000; 0 removes the cap. */
  bitrate?: number;
  /** Whether to record our contribution. */
  record?: boolean;
  /** Base path/file for the recordings. */
  filename?: string;
  /** Ask for an ICE restart (not in the doc). */
  restart?: boolean;
  /** Simulcast substream to receive from the peer (0-2). */
  substream?: 0 | 1 | 2;
  /** Simulcast temporal layer to receive from the peer (0-2). */
  temporal?: 0 | 1 | 2;
  /** Microseconds without packets before dropping to a lower substream (default 250000). */
  fallback?: number;
}

/** `hangup`: hang up, cancel or decline a call. */
export interface VideoCallHangupRequest {
  /**
   * Reason sent to the peer in its `hangup` event (parsed by the code, not in the doc).
   * Default `We did the hangup`.
   */
  reason?: string;
}

// ---------------------------------------------------------------------------------------------------
// Results (the `result` object of an event)
// ---------------------------------------------------------------------------------------------------

/** `result` of `list`. */
export interface VideoCallListResult {
  /** Registered usernames. */
  list: string[];
}

/** `result` of `register`. */
export interface VideoCallRegisteredResult {
  /** Always `registered`. */
  event: 'registered';
  /** The registered username. */
  username: string;
}

/** `result` of `call` (the doc adds a `username`; the code doesn't send one). */
export interface VideoCallCallingResult {
  /** Always `calling`. */
  event: 'calling';
}

/** `result` pushed to the callee (with the caller's JSEP offer). */
export interface VideoCallIncomingCallResult {
  /** Always `incomingcall`. */
  event: 'incomingcall';
  /** The caller's username. */
  username: string;
}

/**
 * `result` of `accept`. The callee's own answer has no `username`; the caller receives it with the
 * callee's username (the doc says "caller username") and the JSEP answer.
 */
export interface VideoCallAcceptedResult {
  /** Always `accepted`. */
  event: 'accepted';
  /** The callee's username (only in the event pushed to the caller). */
  username?: string;
}

/** `result` of `set`. */
export interface VideoCallSetResult {
  /** Always `set`. */
  event: 'set';
}

/** `result` pushed to the peer when the other side renegotiated (with the new JSEP). */
export interface VideoCallUpdateResult {
  /** Always `update`. */
  event: 'update';
}

/**
 * `result` of `hangup`, and pushed to both parties whenever a call ends. Reasons seen in the code:
 * `Explicit hangup` (to whoever sent `hangup`), the request's `reason` or `We did the hangup` (to the
 * peer), `Remote WebRTC hangup`, `User busy`.
 */
export interface VideoCallHangupResult {
  /** Always `hangup`. */
  event: 'hangup';
  /** Username of whoever closed the call. */
  username: string;
  /** Why the call ended. */
  reason: string;
}

/** `result` of a simulcast layer change (not in the doc); one of `substream`/`temporal` is set. */
export interface VideoCallSimulcastResult {
  /** Always `simulcast`. */
  event: 'simulcast';
  /** Video codec of the peer. */
  videocodec: JanusVideoCodec;
  /** Substream now received. */
  substream?: number;
  /** Temporal layer now received. */
  temporal?: number;
}

/** `result` when the plugin sees too many NACKs downstream (not in the doc). */
export interface VideoCallSlowLinkResult {
  /** Always `slow_link`. */
  event: 'slow_link';
  /** Which media is affected. */
  media: 'audio' | 'video';
  /** Current bitrate cap (video only). */
  'current-bitrate'?: number;
}

/** Every `result` object a VideoCall event can carry; narrow on `event` (or `'list' in r`). */
export type VideoCallResult =
  | VideoCallListResult
  | VideoCallRegisteredResult
  | VideoCallCallingResult
  | VideoCallIncomingCallResult
  | VideoCallAcceptedResult
  | VideoCallSetResult
  | VideoCallUpdateResult
  | VideoCallHangupResult
  | VideoCallSimulcastResult
  | VideoCallSlowLinkResult;

// ---------------------------------------------------------------------------------------------------
// Events (the full `plugindata.data` objects)
// ---------------------------------------------------------------------------------------------------

/** A VideoCall event carrying a given `result`. */
export interface VideoCallResultEvent<R extends VideoCallResult = VideoCallResult> {
  /** Always `event`. */
  videocall: 'event';
  /** The result. */
  result: R;
}

/** Answer to `list`. */
export type VideoCallListEvent = VideoCallResultEvent<VideoCallListResult>;
/** Answer to `register`. */
export type VideoCallRegisteredEvent = VideoCallResultEvent<VideoCallRegisteredResult>;
/** Answer to `call`. */
export type VideoCallCallingEvent = VideoCallResultEvent<VideoCallCallingResult>;
/** Incoming call notification (with JSEP offer). */
export type VideoCallIncomingCallEvent = VideoCallResultEvent<VideoCallIncomingCallResult>;
/** Answer to `accept`, and notification to the caller (with JSEP answer). */
export type VideoCallAcceptedEvent = VideoCallResultEvent<VideoCallAcceptedResult>;
/** Answer to `set`. */
export type VideoCallSetEvent = VideoCallResultEvent<VideoCallSetResult>;
/** Renegotiation notification (with JSEP). */
export type VideoCallUpdateEvent = VideoCallResultEvent<VideoCallUpdateResult>;
/** Answer to `hangup`, and notification when a call ends. */
export type VideoCallHangupEvent = VideoCallResultEvent<VideoCallHangupResult>;
/** Simulcast layer change notification. */
export type VideoCallSimulcastEvent = VideoCallResultEvent<VideoCallSimulcastResult>;
/** Slow link notification. */
export type VideoCallSlowLinkEvent = VideoCallResultEvent<VideoCallSlowLinkResult>;

/**
 * Every `plugindata.data` object the VideoCall plugin sends: narrow with `'error_code' in ev`,
 * then on `ev.result.event`.
 */
export type VideoCallEvent =
  | VideoCallListEvent
  | VideoCallRegisteredEvent
  | VideoCallCallingEvent
  | VideoCallIncomingCallEvent
  | VideoCallAcceptedEvent
  | VideoCallSetEvent
  | VideoCallUpdateEvent
  | VideoCallHangupEvent
  | VideoCallSimulcastEvent
  | VideoCallSlowLinkEvent
  | VideoCallErrorEvent;

// ---------------------------------------------------------------------------------------------------
// Request → response map
// ---------------------------------------------------------------------------------------------------

/** Every VideoCall request name → `{ request, response }`. */
export interface VideoCallRequests {
  /** List registered users. */
  list: { request: VideoCallListRequest; response: VideoCallListEvent };
  /** Register a username. */
  register: { request: VideoCallRegisterRequest; response: VideoCallRegisteredEvent };
  /** Call somebody (with a JSEP offer). */
  call: { request: VideoCallCallRequest; response: VideoCallCallingEvent };
  /** Accept a call (with a JSEP answer). */
  accept: { request: VideoCallAcceptRequest; response: VideoCallAcceptedEvent };
  /** Change settings / renegotiate. */
  set: { request: VideoCallSetRequest; response: VideoCallSetEvent };
  /** Hang up. */
  hangup: { request: VideoCallHangupRequest; response: VideoCallHangupEvent };
}

/** Any VideoCall request name. */
export type VideoCallRequestName = keyof VideoCallRequests;

/** A request as sent on the wire (body plus the `request` literal). */
export type VideoCallWireRequest<K extends VideoCallRequestName = VideoCallRequestName> =
  K extends VideoCallRequestName ? { request: K } & VideoCallRequests[K]['request'] : never;
