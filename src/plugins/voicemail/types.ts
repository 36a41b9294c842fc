/**
 * Exact wire types for the Janus VoiceMail plugin (`janus.plugin.voicemail`).
 *
 * Source of truth: `src/plugins/janus_voicemail.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1). Where the doc comment and the code disagree, the
 * code wins and the TSDoc says so:
 * - the doc says the plugin sends the offer; the code answers the client's offer (`record` must carry
 *   a JSEP offer, the plugin answers with Opus only and rejects video);
 * - `update` (renegotiation / ICE restart) exists in the code only;
 * - after `done` the plugin ends the handle (`end_session`): a `detached` follows.
 *
 * Every request is answered asynchronously by `{ "voicemail": "event", "status": ... }`; errors are
 * `{ "voicemail": "event", "error_code", "error" }`. Recording stops by itself 10 s after `started`.
 *
 * @module
 */

import type { EmptyRequest } from '../common/request-body.js';

/** VoiceMail error codes, from the `#define JANUS_VOICEMAIL_ERROR_*` macros. */
export const VoiceMailErrorCode = {
  /** `JANUS_VOICEMAIL_ERROR_NO_MESSAGE`. */
  NO_MESSAGE: 460,
  /** `JANUS_VOICEMAIL_ERROR_INVALID_JSON`. */
  INVALID_JSON: 461,
  /** `JANUS_VOICEMAIL_ERROR_INVALID_REQUEST`: unknown request. */
  INVALID_REQUEST: 462,
  /** `JANUS_VOICEMAIL_ERROR_MISSING_ELEMENT`. */
  MISSING_ELEMENT: 463,
  /** `JANUS_VOICEMAIL_ERROR_INVALID_ELEMENT`: e.g. an end-to-end encrypted offer. */
  INVALID_ELEMENT: 464,
  /** `JANUS_VOICEMAIL_ERROR_ALREADY_RECORDING`: `record` twice. */
  ALREADY_RECORDING: 465,
  /** `JANUS_VOICEMAIL_ERROR_IO_ERROR`: the `.opus` file could not be opened. */
  IO_ERROR: 466,
  /** `JANUS_VOICEMAIL_ERROR_LIBOGG_ERROR`. */
  LIBOGG_ERROR: 467,
  /** `JANUS_VOICEMAIL_ERROR_INVALID_STATE`: `update` while not recording. */
  INVALID_STATE: 468,
  /** `JANUS_VOICEMAIL_ERROR_UNKNOWN_ERROR`. */
  UNKNOWN_ERROR: 499,
} as const;

/** An error answer of any VoiceMail request. */
export interface VoiceMailErrorEvent {
  /** Always `event`. */
  voicemail: 'event';
  /** One of {@link VoiceMailErrorCode}. */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

/** `record`: start recording (carries our JSEP offer). No fields. */
export type VoiceMailRecordRequest = EmptyRequest;

/** `update` (in the code, not in the doc): renegotiate while recording (carries a new offer). No fields. */
export type VoiceMailUpdateRequest = EmptyRequest;

/** `stop`: stop recording before the 10 s are up. No fields. */
export type VoiceMailStopRequest = EmptyRequest;

/** A status event: the reply to `record` (`starting`, or `started` if media was already up), `update`. */
export interface VoiceMailStatusEvent {
  /** Always `event`. */
  voicemail: 'event';
  /** `starting`, `started` (pushed when the PeerConnection is up), `updating`, or `done`. */
  status: 'starting' | 'started' | 'updating' | 'done';
}

/** The `done` event: the reply to `stop`, or pushed by itself 10 s after `started`. */
export interface VoiceMailDoneEvent {
  /** Always `event`. */
  voicemail: 'event';
  /** Always `done`. */
  status: 'done';
  /**
   * Where the `.opus` file is: `<base>/janus-voicemail-<id>.opus`, with the plugin's configured `base`
   * (a URL prefix or folder; the file itself is in the configured `path`).
   */
  recording?: string;
}
