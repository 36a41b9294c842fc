/**
 * Exact wire types for the Janus EchoTest plugin (`janus.plugin.echotest`).
 *
 * Source of truth: `src/plugins/janus_echotest.c` in meetecho/janus-gateway at tag `v1.1.2`
 * (commit e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1); later changes (read against commit
 * 94408ffccbc1a7c39dac82d55e5dd475c807e770) are tagged `@since`. Where the doc comment and the code
 * disagree, the code wins and the TSDoc says so.
 *
 * The plugin has a single, unnamed, asynchronous request: the message body has no `request`
 * field at all. Its answer is `{ "echotest": "event", "result": "ok" }` (plus a JSEP answer when an
 * offer was sent).
 *
 * @module
 */

import type { JanusAudioCodec, JanusVideoCodec } from '../common/types.js';

// ---------------------------------------------------------------------------------------------------
// Error codes
// ---------------------------------------------------------------------------------------------------

/** EchoTest error codes, from the `#define JANUS_ECHOTEST_ERROR_*` macros in janus_echotest.c. */
export const EchoTestErrorCode = {
  /** `JANUS_ECHOTEST_ERROR_NO_MESSAGE`: the message body was missing. */
  NO_MESSAGE: 411,
  /** `JANUS_ECHOTEST_ERROR_INVALID_JSON`: the body was not a JSON object. */
  INVALID_JSON: 412,
  /** `JANUS_ECHOTEST_ERROR_INVALID_ELEMENT`: a field has the wrong type or value. */
  INVALID_ELEMENT: 413,
  /** `JANUS_ECHOTEST_ERROR_INVALID_SDP`: the SDP could not be parsed or processed. */
  INVALID_SDP: 414,
} as const;

/** Any numeric value of {@link EchoTestErrorCode}. */
export type EchoTestErrorCodeValue = (typeof EchoTestErrorCode)[keyof typeof EchoTestErrorCode];

/** Error answer. */
export interface EchoTestErrorEvent {
  /** Always `event`. */
  echotest: 'event';
  /** One of {@link EchoTestErrorCode} (typed as `number` so future codes still parse). */
  error_code: number;
  /** Human readable cause. */
  error: string;
}

// ---------------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------------

/**
 * The single EchoTest request (`request_parameters`); every field is optional. Sent as the whole
 * message body: there is no `request` field.
 */
export interface EchoTestRequest {
  /** Whether to bounce audio back. */
  audio?: boolean;
  /** Whether to bounce video back (re-enabling sends a PLI). */
  video?: boolean;
  /** Bitrate cap (REMB), e.g. 128000. */
  bitrate?: number;
  /** Whether to record the session. */
  record?: boolean;
  /** Base path/file for the recordings. */
  filename?: string;
  /** Simulcast substream to receive back (0-2). */
  substream?: 0 | 1 | 2;
  /** Simulcast temporal layer to receive back (0-2). */
  temporal?: 0 | 1 | 2;
  /** Microseconds without packets before dropping a substream (default 250000; not in the doc). */
  fallback?: number;
  /**
   * SVC spatial layer to receive back (0-2).
   * @since 1.1.4
   */
  spatial_layer?: 0 | 1 | 2;
  /**
   * SVC temporal layer to receive back (0-2).
   * @since 1.1.4
   */
  temporal_layer?: 0 | 1 | 2;
  /** Audio codec to force; only when negotiating a PeerConnection. */
  audiocodec?: JanusAudioCodec;
  /** Video codec to force; only when negotiating a PeerConnection. */
  videocodec?: JanusVideoCodec;
  /** Profile to force (VP9: `0`/`2`, H.264: e.g. `42e01f`); only when negotiating. */
  videoprofile?: string;
  /** Whether to negotiate Opus RED (not in the doc). */
  opusred?: boolean;
  /** Minimum playout delay, in blocks of 10 ms (playout-delay extension; not in the doc). */
  min_delay?: number;
  /** Maximum playout delay, in blocks of 10 ms (playout-delay extension; not in the doc). */
  max_delay?: number;
}

// ---------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------

/** Answer to a request. */
export interface EchoTestOkEvent {
  /** Always `event`. */
  echotest: 'event';
  /** Always `ok`. */
  result: 'ok';
}

/** The PeerConnection went away: the test is over. */
export interface EchoTestDoneEvent {
  /** Always `event`. */
  echotest: 'event';
  /** Always `done`. */
  result: 'done';
}

/**
 * Simulcast layer change (not in the doc). In 1.1.2 exactly one of `substream`/`temporal` is set;
 * later versions send both, with `tot_temporal_layers`.
 */
export interface EchoTestSimulcastEvent {
  /** Always `event`. */
  echotest: 'event';
  /** Video codec in use. */
  videocodec: JanusVideoCodec;
  /** Substream now received back. */
  substream?: number;
  /** Temporal layer now received back. */
  temporal?: number;
  /** Number of temporal layers detected. @since 1.3.2 */
  tot_temporal_layers?: number;
}

/**
 * SVC layer change (not in the doc).
 * @since 1.1.4
 */
export interface EchoTestSvcEvent {
  /** Always `event`. */
  echotest: 'event';
  /** Video codec in use. */
  videocodec: JanusVideoCodec;
  /** Spatial layer now received back. */
  spatial_layer: number;
  /** Temporal layer now received back. */
  temporal_layer: number;
  /** Number of spatial layers detected. @since 1.3.2 */
  tot_spatial_layers?: number;
  /** Number of temporal layers detected. @since 1.3.2 */
  tot_temporal_layers?: number;
}

/** Too many NACKs downstream (not in the doc; note the key is `event`, not `result`). */
export interface EchoTestSlowLinkEvent {
  /** Always `event`. */
  echotest: 'event';
  /** Always `slow_link`. */
  event: 'slow_link';
  /** Which media is affected. */
  media: 'audio' | 'video';
  /** Current bitrate cap (video only). */
  'current-bitrate'?: number;
}

/**
 * Every `plugindata.data` object the EchoTest plugin sends. All share `echotest: 'event'`; narrow
 * with `'result' in ev`, `'error_code' in ev`, `'event' in ev`, `'spatial_layer' in ev`.
 */
export type EchoTestEvent =
  | EchoTestOkEvent
  | EchoTestDoneEvent
  | EchoTestSimulcastEvent
  | EchoTestSvcEvent
  | EchoTestSlowLinkEvent
  | EchoTestErrorEvent;

// ---------------------------------------------------------------------------------------------------
// Request → response map
// ---------------------------------------------------------------------------------------------------

/**
 * Request map. The plugin's only request has no name on the wire; `configure` is our name for it.
 */
export interface EchoTestRequests {
  /** The unnamed EchoTest request. */
  configure: { request: EchoTestRequest; response: EchoTestOkEvent };
}

/** Any EchoTest request name (ours, never sent). */
export type EchoTestRequestName = keyof EchoTestRequests;

/** The request as sent on the wire: the body itself, with no `request` field. */
export type EchoTestWireRequest = EchoTestRequest;
