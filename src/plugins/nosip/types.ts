/**
 * Exact wire types for the Janus NoSIP plugin (`janus.plugin.nosip`): an RTP bridge between our WebRTC
 * PeerConnection and a plain RTP peer, with the signalling left to the application.
 *
 * Source of truth: `src/plugins/janus_nosip.c` in meetecho/janus-gateway at tag `v1.1.2` (commit
 * e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1). Where the doc comment and the code disagree, the code wins
 * and the TSDoc says so:
 * - `generate` and `process` also take `update` (renegotiation), and their results carry `update: true`
 *   for a renegotiation;
 * - every result is wrapped: `{ "nosip": "event", "result": { "event": ... } }` (the doc shows the
 *   `result` object's fields at the top level);
 * - `keyframe` does not exist in 1.1.2 (added later, janus-gateway commit 8c9ce71d): 1.1.2 answers it
 *   with `INVALID_REQUEST` (442).
 *
 * Every request is answered asynchronously; errors are `{ "nosip": "event", "error_code", "error" }`.
 *
 * @module
 */

import type { EmptyRequest } from '../common/request-body.js';

/** NoSIP error codes, from the `#define JANUS_NOSIP_ERROR_*` macros. */
export const NoSipErrorCode = {
  /** `JANUS_NOSIP_ERROR_NO_MESSAGE`. */
  NO_MESSAGE: 440,
  /** `JANUS_NOSIP_ERROR_INVALID_JSON`. */
  INVALID_JSON: 441,
  /** `JANUS_NOSIP_ERROR_INVALID_REQUEST`: unknown request (also `keyframe` on 1.1.2). */
  INVALID_REQUEST: 442,
  /** `JANUS_NOSIP_ERROR_MISSING_ELEMENT`. */
  MISSING_ELEMENT: 443,
  /** `JANUS_NOSIP_ERROR_INVALID_ELEMENT`. */
  INVALID_ELEMENT: 444,
  /** `JANUS_NOSIP_ERROR_WRONG_STATE`. */
  WRONG_STATE: 445,
  /** `JANUS_NOSIP_ERROR_MISSING_SDP`: no SDP, a bad type, or data channels offered. */
  MISSING_SDP: 446,
  /** `JANUS_NOSIP_ERROR_INVALID_SDP`: no audio nor video, or no remote address. */
  INVALID_SDP: 447,
  /** `JANUS_NOSIP_ERROR_IO_ERROR`: RTP/RTCP ports could not be allocated. */
  IO_ERROR: 448,
  /** `JANUS_NOSIP_ERROR_RECORDING_ERROR`: `recording` without anything to record. */
  RECORDING_ERROR: 449,
  /** `JANUS_NOSIP_ERROR_TOO_STRICT`: SDES-SRTP required but not offered by the peer. */
  TOO_STRICT: 450,
  /** `JANUS_NOSIP_ERROR_UNKNOWN_ERROR`. */
  UNKNOWN_ERROR: 499,
} as const;

/** An error answer of any NoSIP request. */
export interface NoSipErrorEvent {
  /** Always `event`. */
  nosip: 'event';
  /** One of {@link NoSipErrorCode}. */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

/** SDES-SRTP on the plain RTP leg: offered (`sdes_optional`) or required (`sdes_mandatory`). */
export type NoSipSrtp = 'sdes_optional' | 'sdes_mandatory';

/** SRTP profiles the plugin accepts (the AEAD ones only when libsrtp has AES-GCM). */
export type NoSipSrtpProfile =
  | 'AES_CM_128_HMAC_SHA1_32'
  | 'AES_CM_128_HMAC_SHA1_80'
  | 'AEAD_AES_128_GCM'
  | 'AEAD_AES_256_GCM';

/** `generate`: turn our JSEP offer or answer (sent with it) into a barebone SDP for the plain peer. */
export interface NoSipGenerateRequest {
  /** Opaque context string (reported to event handlers). */
  info?: string;
  /** SDES-SRTP on the plain leg. Default: none. */
  srtp?: NoSipSrtp;
  /** SRTP profile. Default `AES_CM_128_HMAC_SHA1_80`. */
  srtp_profile?: NoSipSrtpProfile;
  /** Renegotiation (not in the doc; the JSEP's own `update` is what the code reads). */
  update?: boolean;
}

/** `process`: hand the plugin the plain peer's barebone SDP; it answers with a JSEP for our PeerConnection. */
export interface NoSipProcessRequest {
  /** Whether `sdp` is the peer's offer or its answer. Required. */
  type: 'offer' | 'answer';
  /** The peer's barebone SDP. Required. */
  sdp: string;
  /** Opaque context string. */
  info?: string;
  /** SDES-SRTP on the plain leg. */
  srtp?: NoSipSrtp;
  /** SRTP profile. */
  srtp_profile?: NoSipSrtpProfile;
  /** Renegotiation (not in the doc). */
  update?: boolean;
}

/** `hangup`: close the PeerConnection and the plain RTP leg. No fields. */
export type NoSipHangupRequest = EmptyRequest;

/** `recording`: start or stop recording either side of the bridge. */
export interface NoSipRecordingRequest {
  /** `start` or `stop`. Required. */
  action: 'start' | 'stop';
  /** Our audio. Default `false`. */
  audio?: boolean;
  /** Our video. Default `false`. */
  video?: boolean;
  /** The plain peer's audio. Default `false`. */
  peer_audio?: boolean;
  /** The plain peer's video. Default `false`. */
  peer_video?: boolean;
  /** Base path of the files (`-user-audio`, `-peer-video`, ... and `.mjr` added). Default `nosip-<ptr>-<time>`. */
  filename?: string;
}

/** `keyframe` (after 1.1.2): ask for keyframes on either leg. */
export interface NoSipKeyframeRequest {
  /** Send a PLI to our WebRTC side. */
  user?: boolean;
  /** Send a PLI to the plain peer. */
  peer?: boolean;
}

/** `result` of `generate`. */
export interface NoSipGeneratedResult {
  /** Always `generated`. */
  event: 'generated';
  /** Whether `sdp` is an offer (we offered) or an answer. */
  type: 'offer' | 'answer';
  /** The barebone SDP for the plain peer. */
  sdp: string;
  /** Present on a renegotiation. */
  update?: true;
}

/** `result` of `process` (with a JSEP for our PeerConnection). */
export interface NoSipProcessedResult {
  /** Always `processed`. */
  event: 'processed';
  /** SDES-SRTP as the peer's SDP asked for it, when it did. */
  srtp?: NoSipSrtp;
  /** Present on a renegotiation. */
  update?: true;
}

/** `result` of `hangup`. */
export interface NoSipHangingUpResult {
  /** Always `hangingup`. */
  event: 'hangingup';
}

/** `result` of `recording`. */
export interface NoSipRecordingUpdatedResult {
  /** Always `recordingupdated`. */
  event: 'recordingupdated';
}

/** Any NoSIP result. */
export type NoSipResult =
  | NoSipGeneratedResult
  | NoSipProcessedResult
  | NoSipHangingUpResult
  | NoSipRecordingUpdatedResult;

/** An event carrying a {@link NoSipResult}. */
export interface NoSipEvent<R extends NoSipResult = NoSipResult> {
  /** Always `event`. */
  nosip: 'event';
  /** What happened. */
  result: R;
}
