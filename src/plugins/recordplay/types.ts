/**
 * Exact wire types for the Janus Record&Play plugin (`janus.plugin.recordplay`).
 *
 * Source of truth: `src/plugins/janus_recordplay.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1). Where the doc comment and the code disagree, the
 * code wins and the TSDoc says so:
 * - `list` entries carry `audio`/`video`/`data` as booleans (the doc says file names), plus `audio_red`;
 * - `configure` (synchronous), `pause` and `resume` exist in the code and not in the doc;
 * - `record` also takes `update`, `play` also takes `restart` (ICE restarts).
 *
 * `list`, `update` and `configure` are answered synchronously; `record`, `play`, `start`, `stop`,
 * `pause` and `resume` asynchronously, by an event `{ "recordplay": "event", "result": { ... } }`.
 * Errors are `{ "recordplay": "event", "error_code", "error" }`.
 *
 * @module
 */

import type { EmptyRequest } from '../common/request-body.js';

// ---------------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------------

/** Record&Play error codes, from the `#define JANUS_RECORDPLAY_ERROR_*` macros. */
export const RecordPlayErrorCode = {
  /** `JANUS_RECORDPLAY_ERROR_NO_MESSAGE`. */
  NO_MESSAGE: 411,
  /** `JANUS_RECORDPLAY_ERROR_INVALID_JSON`. */
  INVALID_JSON: 412,
  /** `JANUS_RECORDPLAY_ERROR_INVALID_REQUEST`: unknown request. */
  INVALID_REQUEST: 413,
  /** `JANUS_RECORDPLAY_ERROR_INVALID_ELEMENT`: a field has the wrong type or value. */
  INVALID_ELEMENT: 414,
  /** `JANUS_RECORDPLAY_ERROR_MISSING_ELEMENT`: a required field (or the SDP offer/answer) is missing. */
  MISSING_ELEMENT: 415,
  /** `JANUS_RECORDPLAY_ERROR_NOT_FOUND`: `play` of an unknown (or unfinished) recording. */
  NOT_FOUND: 416,
  /** `JANUS_RECORDPLAY_ERROR_INVALID_RECORDING`: the recording's files could not be opened. */
  INVALID_RECORDING: 417,
  /** `JANUS_RECORDPLAY_ERROR_INVALID_STATE`: e.g. `start` without a `play` first. */
  INVALID_STATE: 418,
  /** `JANUS_RECORDPLAY_ERROR_INVALID_SDP`. */
  INVALID_SDP: 419,
  /** `JANUS_RECORDPLAY_ERROR_RECORDING_EXISTS`: `record` with an `id` in use. */
  RECORDING_EXISTS: 420,
  /** `JANUS_RECORDPLAY_ERROR_UNKNOWN_ERROR`. */
  UNKNOWN_ERROR: 499,
} as const;

/** An error answer of any Record&Play request. */
export interface RecordPlayErrorEvent {
  /** Always `event`. */
  recordplay: 'event';
  /** One of {@link RecordPlayErrorCode}. */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

// ---------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------

/** `list`: no fields. */
export type RecordPlayListRequest = EmptyRequest;

/** `update`: rescan the recordings folder. No fields. */
export type RecordPlayUpdateRequest = EmptyRequest;

/** `configure` (in the code, not in the doc): the video settings of this handle's recording. */
export interface RecordPlayConfigureRequest {
  /** Video bitrate cap (REMB) while recording, bits per second. Default 1024000 per the plugin. */
  'video-bitrate-max'?: number;
  /** Seconds between keyframe requests (PLI) while recording. Default 15 s per the plugin. */
  'video-keyframe-interval'?: number;
}

/** `record`: record what this handle's PeerConnection sends (carries our JSEP offer). */
export interface RecordPlayRecordRequest {
  /** Pretty name of the recording. Required, non-empty. */
  name: string;
  /** Unique positive id; chosen by the plugin when missing. */
  id?: number;
  /** Base path/name of the files (the plugin adds `-audio`, `-video`, `-data` and `.mjr`). Default `rec-<id>`. */
  filename?: string;
  /** Audio codec to record, among those offered. Default: the first offered. */
  audiocodec?: string;
  /** Video codec to record, among those offered. Default: the first offered. */
  videocodec?: string;
  /** Video profile (VP9 profile, H.264 profile-level-id). */
  videoprofile?: string;
  /** Negotiate Opus RED when offered. Default `false`. */
  opusred?: boolean;
  /** Whether a recorded data channel carries text (`true`, default) or binary data. */
  textdata?: boolean;
  /** With an `update` JSEP: renegotiate the existing recorder (ICE restart). Not in the doc. */
  update?: boolean;
}

/** `play`: prepare the playout of a recording; the plugin answers with its JSEP offer. */
export interface RecordPlayPlayRequest {
  /** The recording's id. Required. */
  id: number;
  /** Send a fresh offer for the current playout (ICE restart). Not in the doc. Default `false`. */
  restart?: boolean;
}

/** `start`: start the playout (carries our JSEP answer). No fields. */
export type RecordPlayStartRequest = EmptyRequest;

/** `stop`: stop recording or playing; the plugin closes the PeerConnection. No fields. */
export type RecordPlayStopRequest = EmptyRequest;

/** `pause` / `resume` (in the code, not in the doc): pause or resume the recording. No fields. */
export type RecordPlayPauseRequest = EmptyRequest;

// ---------------------------------------------------------------------------------------------------
// Replies and events
// ---------------------------------------------------------------------------------------------------

/** One recording in a `list` reply. */
export interface RecordPlayRecording {
  /** Unique id. */
  id: number;
  /** Pretty name. */
  name: string;
  /** Date the recording was made, `YYYY-MM-DD HH:MM:SS`. */
  date: string;
  /** Whether it has audio (a boolean in the code; the doc says a file name). */
  audio: boolean;
  /** Audio codec, when it has audio. */
  audio_codec?: string;
  /** Present (`true`) when the audio was recorded with Opus RED. */
  audio_red?: true;
  /** Whether it has video (a boolean in the code; the doc says a file name). */
  video: boolean;
  /** Video codec, when it has video. */
  video_codec?: string;
  /** Whether it has data (a boolean in the code; the doc says a file name). */
  data: boolean;
}

/** Reply to `list`. */
export interface RecordPlayListResponse {
  /** Always `list`. */
  recordplay: 'list';
  /** Every completed recording (ongoing ones are left out). */
  list: RecordPlayRecording[];
}

/** Reply to `update`. */
export interface RecordPlayUpdateResponse {
  /** Always `ok`. */
  recordplay: 'ok';
}

/** Reply to `configure`. */
export interface RecordPlayConfigureResponse {
  /** Always `configure`. */
  recordplay: 'configure';
  /** Always `ok`. */
  status: 'ok';
  /** The settings now in force. */
  settings: { 'video-keyframe-interval': number; 'video-bitrate-max': number };
}

/** The `result` of an asynchronous request's event, by its `status`. */
export type RecordPlayResult =
  | { status: 'recording'; id: number }
  | { status: 'preparing' | 'restarting'; id: number; warning?: string }
  | { status: 'playing' }
  | { status: 'stopped'; id?: number }
  | { status: 'paused' | 'resumed'; id: number }
  | { status: 'slow_link'; media: 'audio' | 'video'; 'current-bitrate'?: number; uplink: 0 | 1 };

/** An event with a {@link RecordPlayResult} (the reply of `record`, `play`, `start`, `stop`, ...). */
export interface RecordPlayStatusEvent<R extends RecordPlayResult = RecordPlayResult> {
  /** Always `event`. */
  recordplay: 'event';
  /** What happened. */
  result: R;
}

/** The event the plugin sends when the PeerConnection went away: the recording or playout is over. */
export interface RecordPlayDoneEvent {
  /** Always `event`. */
  recordplay: 'event';
  /** Always the string `done`. */
  result: 'done';
}

/** `pause` and `resume` answer nothing but an event without `result` when nothing is being recorded. */
export interface RecordPlayEmptyEvent {
  /** Always `event`. */
  recordplay: 'event';
}
