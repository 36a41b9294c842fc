/**
 * Exact wire types for the Janus SIP plugin (`janus.plugin.sip`).
 *
 * Source of truth: `src/plugins/janus_sip.c` in meetecho/janus-gateway at tag `v1.1.2` (commit
 * e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1). Where the doc comment and the code disagree, the code wins
 * and the TSDoc says so:
 * - `register` needs `secret` or `ha1_secret` unless `type` is `guest` (the doc calls them optional);
 * - `transfer` reads the call to replace from `replace` (as documented) and also accepts `call_id`;
 * - `dtmf_info`, `reset` and `unsubscribe` exist in the code, not in the doc's request list;
 * - `keyframe` does not exist in 1.1.2 (added later, janus-gateway commit 8c9ce71d): 1.1.2 answers it
 *   with `INVALID_REQUEST` (442);
 * - `unregistered`, `declined`, `updatingcall`, `updated`, `holding`, `resuming`, `reset` are sent by the
 *   code; some are only hinted at in the doc;
 * - outside a call, `hold`, `unhold`, `hangup` and `decline` get no answer at all (the code drops them),
 *   and `info`, `dtmf_info`, `transfer` and `message` an error with `error_code` 0 ("Wrong state");
 * - a `guest` may `register` again (no `ALREADY_REGISTERED`): it is never registered in the plugin.
 *
 * Every request is answered asynchronously: `{ "sip": "event", "call_id"?, "result": { "event": ... } }`.
 * Errors are `{ "sip": "event", "error_code", "error" }`.
 *
 * @module
 */

import type { EmptyRequest } from '../common/request-body.js';

/** SIP plugin error codes, from the `#define JANUS_SIP_ERROR_*` macros. */
export const SipErrorCode = {
  /** `JANUS_SIP_ERROR_NO_MESSAGE`. */
  NO_MESSAGE: 440,
  /** `JANUS_SIP_ERROR_INVALID_JSON`. */
  INVALID_JSON: 441,
  /** `JANUS_SIP_ERROR_INVALID_REQUEST`: unknown request (also `keyframe` on 1.1.2). */
  INVALID_REQUEST: 442,
  /** `JANUS_SIP_ERROR_MISSING_ELEMENT`. */
  MISSING_ELEMENT: 443,
  /** `JANUS_SIP_ERROR_INVALID_ELEMENT`. */
  INVALID_ELEMENT: 444,
  /** `JANUS_SIP_ERROR_ALREADY_REGISTERED`. */
  ALREADY_REGISTERED: 445,
  /** `JANUS_SIP_ERROR_INVALID_ADDRESS`: a SIP URI could not be parsed. */
  INVALID_ADDRESS: 446,
  /** `JANUS_SIP_ERROR_WRONG_STATE`: e.g. `call` before `register`, `accept` without a call. */
  WRONG_STATE: 447,
  /** `JANUS_SIP_ERROR_MISSING_SDP`. */
  MISSING_SDP: 448,
  /** `JANUS_SIP_ERROR_LIBSOFIA_ERROR`. */
  LIBSOFIA_ERROR: 449,
  /** `JANUS_SIP_ERROR_IO_ERROR`. */
  IO_ERROR: 450,
  /** `JANUS_SIP_ERROR_RECORDING_ERROR`. */
  RECORDING_ERROR: 451,
  /** `JANUS_SIP_ERROR_TOO_STRICT`: SDES-SRTP required but not offered. */
  TOO_STRICT: 452,
  /** `JANUS_SIP_ERROR_HELPER_ERROR`: a helper without a valid master. */
  HELPER_ERROR: 453,
  /** `JANUS_SIP_ERROR_NO_SUCH_CALLID`. */
  NO_SUCH_CALLID: 454,
  /** `JANUS_SIP_ERROR_UNKNOWN_ERROR`. */
  UNKNOWN_ERROR: 499,
} as const;

/** An error answer of any SIP request. */
export interface SipErrorEvent {
  /** Always `event`. */
  sip: 'event';
  /** One of {@link SipErrorCode}. */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

/** Custom SIP headers: header name → value. */
export type SipHeaders = Record<string, string>;

/** SDES-SRTP towards the SIP peer: offered (`sdes_optional`) or required (`sdes_mandatory`). */
export type SipSrtp = 'sdes_optional' | 'sdes_mandatory';

// ---------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------

/** `register`: register an account (or act as a guest, or as a helper of a registered master). */
export interface SipRegisterRequest {
  /** `guest` (no REGISTER sent) or `helper` (attached to `master_id`). Default: a regular account. */
  type?: 'guest' | 'helper';
  /** `false`: do not send a REGISTER. Default `true` (except guests and helpers). */
  send_register?: boolean;
  /** Force UDP for SIP signalling. Default `false`. */
  force_udp?: boolean;
  /** Force TCP for SIP signalling. Default `false`. */
  force_tcp?: boolean;
  /** Also configure a SIPS URI. Default `false`. */
  sips?: boolean;
  /** CANCEL pending INVITEs without waiting for a provisional response. Default `false`. */
  rfc2543_cancel?: boolean;
  /** The SIP URI to register, e.g. `sip:alice@example.com`. Required. */
  username: string;
  /** Password. Required (or `ha1_secret`) unless `type` is `guest` — the doc says optional, the code requires it. */
  secret?: string;
  /** Pre-hashed password (HA1), instead of `secret`. */
  ha1_secret?: string;
  /** User to authenticate as (overrides the URI's user). */
  authuser?: string;
  /** Display name in the REGISTER. */
  display_name?: string;
  /** User-Agent of the REGISTER. Default: the plugin's configured one. */
  user_agent?: string;
  /** Registrar, e.g. `sip:example.com:5060`. Needed when a REGISTER is sent. */
  proxy?: string;
  /** Outbound proxy. */
  outbound_proxy?: string;
  /** Custom headers of the REGISTER. */
  headers?: SipHeaders;
  /** Custom Contact URI parameters. */
  contact_params?: Record<string, string>;
  /** Prefixes of custom incoming headers to report in events. */
  incoming_header_prefixes?: string[];
  /** Re-REGISTER as an update of the existing registration. Default `false`. */
  refresh?: boolean;
  /** The `master_id` of the registered session a `helper` belongs to. */
  master_id?: number;
  /** Registration expiry, seconds. Default: the plugin's `register_ttl` (3600). */
  register_ttl?: number;
}

/** `unregister`: no fields. */
export type SipUnregisterRequest = EmptyRequest;

/** `call`: send an INVITE (carries our JSEP offer). */
export interface SipCallRequest {
  /** SIP URI to call. Required. */
  uri: string;
  /** Call-ID to use. Default: a random one. */
  call_id?: string;
  /** Custom headers of the INVITE. */
  headers?: SipHeaders;
  /** SDES-SRTP towards the peer. Default: none. */
  srtp?: SipSrtp;
  /** SRTP profile. Default `AES_CM_128_HMAC_SHA1_80`. */
  srtp_profile?: string;
  /** Answer re-INVITEs with 200 OK without asking us. Default `true`. */
  autoaccept_reinvites?: boolean;
  /** The `refer_id` of a `transfer` event this call follows up on. */
  refer_id?: number;
  /** Password for an authenticated INVITE when no REGISTER was sent. */
  secret?: string;
  /** Pre-hashed password for the same. */
  ha1_secret?: string;
  /** User to authenticate as. */
  authuser?: string;
}

/** `accept`: answer an incoming call (carries our JSEP answer, or an offer for an offerless INVITE). */
export interface SipAcceptRequest {
  /** SDES-SRTP towards the peer. */
  srtp?: SipSrtp;
  /** Custom headers of the 200 OK. */
  headers?: SipHeaders;
  /** Answer re-INVITEs with 200 OK without asking us. Default `true`. */
  autoaccept_reinvites?: boolean;
}

/** `decline`: refuse an incoming call. */
export interface SipDeclineRequest {
  /** SIP status code. Default 486. */
  code?: number;
  /** Custom headers. */
  headers?: SipHeaders;
  /** Decline a transfer (`refer_id` of the `transfer` event) instead of a call. */
  refer_id?: number;
}

/** `update`: renegotiate the call (re-INVITE; carries a new JSEP offer or the answer to an `updatingcall`). */
export type SipUpdateRequest = EmptyRequest;

/** `hold`: put the call on hold (re-INVITE on the SIP side only). */
export interface SipHoldRequest {
  /** Direction offered to the peer. Default `sendonly`. */
  direction?: 'sendonly' | 'recvonly' | 'inactive';
}

/** `unhold`: no fields. */
export type SipUnholdRequest = EmptyRequest;

/** `hangup`: send BYE (or CANCEL). */
export interface SipHangupRequest {
  /** Custom headers of the BYE. */
  headers?: SipHeaders;
}

/** `transfer`: send a REFER to the peer. */
export interface SipTransferRequest {
  /** Where to send the peer. Required. */
  uri: string;
  /** Call-ID of the call an attended transfer replaces. Default: blind transfer. */
  replace?: string;
  /** Validated by the code alongside `uri` (not in the doc). */
  call_id?: string;
}

/** `message`: send a SIP MESSAGE, in dialog or (with `uri`) out of dialog. */
export interface SipMessageRequest {
  /** The text. Required. */
  content: string;
  /** Content type. Default `text/plain`. */
  content_type?: string;
  /** Peer URI for an out-of-dialog MESSAGE. */
  uri?: string;
  /** Custom headers. */
  headers?: SipHeaders;
  /** Call-ID to use. */
  call_id?: string;
}

/** `info`: send a SIP INFO in the call. */
export interface SipInfoRequest {
  /** Content type. Required. */
  type: string;
  /** Body. Required. */
  content: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `dtmf_info`: send a DTMF digit as a SIP INFO (`application/dtmf-relay`). */
export interface SipDtmfInfoRequest {
  /** The digit (`0`-`9`, `*`, `#`, `A`-`D`). Required. */
  digit: string;
  /** Duration, ms. Default 160. */
  duration?: number;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `subscribe`: send a SUBSCRIBE. */
export interface SipSubscribeRequest {
  /** Event package, e.g. `message-summary`. Required. */
  event: string;
  /** Target URI. Default: our own identity. */
  to?: string;
  /** Accept header. */
  accept?: string;
  /** Subscription expiry, seconds. */
  subscribe_ttl?: number;
  /** Call-ID to use. */
  call_id?: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `unsubscribe` (in the code only): end a subscription. */
export interface SipUnsubscribeRequest {
  /** Event package. Required. */
  event: string;
  /** Target URI. */
  to?: string;
  /** Call-ID of the subscription. */
  call_id?: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `recording`: start or stop recording either side of the call. */
export interface SipRecordingRequest {
  /** `start` or `stop`. Required. */
  action: 'start' | 'stop';
  /** Our audio. Default `false`. */
  audio?: boolean;
  /** Our video. Default `false`. */
  video?: boolean;
  /** The peer's audio. Default `false`. */
  peer_audio?: boolean;
  /** The peer's video. Default `false`. */
  peer_video?: boolean;
  /** Ask the peer for a keyframe. Default `false`. */
  send_peer_pli?: boolean;
  /** Base path of the files. */
  filename?: string;
}

/** `reset` (in the code only): clear a stuck "establishing" flag when idle. No fields. */
export type SipResetRequest = EmptyRequest;

/** `keyframe` (after 1.1.2): ask for keyframes on either leg. */
export interface SipKeyframeRequest {
  /** PLI to our WebRTC side. */
  user?: boolean;
  /** PLI to the SIP peer. */
  peer?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Results (the `result` object of an event)
// ---------------------------------------------------------------------------------------------------

/** `registered` / `unregistered` (and the reply to a guest or helper `register`). */
export interface SipRegisteredResult {
  /** `registered` or `unregistered`. */
  event: 'registered' | 'unregistered';
  /** The account's SIP URI user. */
  username: string;
  /** Whether a REGISTER was sent. */
  register_sent?: boolean;
  /** The id helpers name as `master_id`. */
  master_id?: number;
  /** Custom headers of the answer. */
  headers?: SipHeaders;
}

/** `registration_failed`. */
export interface SipRegistrationFailedResult {
  /** Always `registration_failed`. */
  event: 'registration_failed';
  /** SIP status code. */
  code: number;
  /** SIP reason phrase. */
  reason: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `incomingcall` / `updatingcall` (a re-INVITE). */
export interface SipIncomingCallResult {
  /** `incomingcall` or `updatingcall`. */
  event: 'incomingcall' | 'updatingcall';
  /** The caller's SIP URI. */
  username: string;
  /** The caller's display name. */
  displayname?: string;
  /** The SIP URI that was called. */
  callee?: string;
  /** Call-ID (also at the top level). */
  call_id?: string;
  /** Transferor, for a transferred call. */
  referred_by?: string;
  /** Call-ID this call replaces (attended transfer). */
  replaces?: string;
  /** SDES-SRTP as the caller asked for it. */
  srtp?: SipSrtp;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `accepted` / `progress` (183 with SDP): the callee answered; the JSEP answer comes with it. */
export interface SipAcceptedResult {
  /** `accepted` or `progress`. */
  event: 'accepted' | 'progress';
  /** The callee's SIP URI. */
  username?: string;
  /** Present when the callee is a focus (conference). */
  isfocus?: true;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `hangup`: the call ended (BYE, a final error response, ...). */
export interface SipHangupResult {
  /** Always `hangup`. */
  event: 'hangup';
  /** SIP status code (200 for a BYE). */
  code: number;
  /** SIP reason phrase. */
  reason: string;
  /** Reason header text, when the peer sent one. */
  reason_header?: string;
  /** Reason header protocol. */
  reason_header_protocol?: string;
  /** Reason header cause. */
  reason_header_cause?: string;
}

/** `proceeding`: a provisional response other than 180/183. */
export interface SipProceedingResult {
  /** Always `proceeding`. */
  event: 'proceeding';
  /** SIP status code. */
  code: number;
}

/** `ringing`: 180 Ringing. */
export interface SipRingingResult {
  /** Always `ringing`. */
  event: 'ringing';
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `missed_call`: a call arrived while busy. */
export interface SipMissedCallResult {
  /** Always `missed_call`. */
  event: 'missed_call';
  /** The caller's SIP URI. */
  caller: string;
  /** The caller's display name. */
  displayname?: string;
  /** The SIP URI that was called. */
  callee: string;
}

/** `transfer`: the peer sent a REFER. */
export interface SipTransferResult {
  /** Always `transfer`. */
  event: 'transfer';
  /** Id to pass as `refer_id` in the `call` (or `decline`) that follows up. */
  refer_id: number;
  /** Where to call. */
  refer_to: string;
  /** The transferor. */
  referred_by?: string;
  /** Call-ID to replace (attended transfer). */
  replaces?: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `info`: an incoming SIP INFO. */
export interface SipInfoResult {
  /** Always `info`. */
  event: 'info';
  /** Sender URI. */
  sender: string;
  /** Sender display name. */
  displayname?: string;
  /** Content type. */
  type: string;
  /** Body. */
  content: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `message`: an incoming SIP MESSAGE. */
export interface SipMessageResult {
  /** Always `message`. */
  event: 'message';
  /** Sender URI. */
  sender: string;
  /** Sender display name. */
  displayname?: string;
  /** Content type. */
  content_type?: string;
  /** Body. */
  content: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `messagedelivery`: the answer to a MESSAGE we sent. */
export interface SipMessageDeliveryResult {
  /** Always `messagedelivery`. */
  event: 'messagedelivery';
  /** SIP status code. */
  code: number;
  /** SIP reason phrase. */
  reason: string;
}

/** `notify`: an incoming NOTIFY. */
export interface SipNotifyResult {
  /** Always `notify`. */
  event: 'notify';
  /** The event package. */
  notify?: string;
  /** Subscription state. */
  substate?: string;
  /** Content type. */
  'content-type'?: string;
  /** Body. */
  content: string;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** `subscribe_succeeded` / `subscribe_failed`. */
export interface SipSubscribeResult {
  /** `subscribe_succeeded` or `subscribe_failed`. */
  event: 'subscribe_succeeded' | 'subscribe_failed';
  /** SIP status code. */
  code: number;
  /** SIP reason phrase. */
  reason: string;
  /** Expiry granted, seconds. */
  expires?: number;
  /** Custom headers. */
  headers?: SipHeaders;
}

/** Replies that carry only their name. */
export interface SipAckResult {
  /** The reply's name. */
  event:
    | 'registering'
    | 'unregistering'
    | 'calling'
    | 'accepting'
    | 'updating'
    | 'updated'
    | 'declining'
    | 'declined'
    | 'holding'
    | 'resuming'
    | 'hangingup'
    | 'transferring'
    | 'messagesent'
    | 'infosent'
    | 'dtmfsent'
    | 'recordingupdated'
    | 'subscribing'
    | 'unsubscribing'
    | 'reset';
  /** The call-ID, on some (`declining`). */
  call_id?: string;
}

/** Any SIP result. */
export type SipResult =
  | SipRegisteredResult
  | SipRegistrationFailedResult
  | SipIncomingCallResult
  | SipAcceptedResult
  | SipHangupResult
  | SipProceedingResult
  | SipRingingResult
  | SipMissedCallResult
  | SipTransferResult
  | SipInfoResult
  | SipMessageResult
  | SipMessageDeliveryResult
  | SipNotifyResult
  | SipSubscribeResult
  | SipAckResult;

/** An event carrying a {@link SipResult}. */
export interface SipEvent<R extends SipResult = SipResult> {
  /** Always `event`. */
  sip: 'event';
  /** The SIP Call-ID the event is about, when there is one. */
  call_id?: string;
  /** What happened. */
  result: R;
}

/** A reply that carries only its name `E`. */
export type SipAck<E extends SipAckResult['event']> = SipEvent<{ event: E; call_id?: string }>;
