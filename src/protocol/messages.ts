/**
 * The Janus API on the wire: what a client sends and what the server sends back.
 * @module
 */

export type { Jsep, ServerInfo, TrickleCandidate } from '../../machines/types.js';

import type { Jsep, TrickleCandidate } from '../../machines/types.js';

/** What `trickle` takes: a candidate, several, or `null` for end-of-candidates (`{ completed: true }`). */
export type TrickleInput = TrickleCandidate | TrickleCandidate[] | null;

/** Any request to the Janus API, before the client adds `transaction`, secrets and ids. */
export interface JanusRequestBody {
  /** The request verb: create, attach, message, trickle, keepalive, ... */
  janus: string;
  /** The session the request targets. */
  session_id?: number;
  /** The handle the request targets. */
  handle_id?: number;
  /** Any other field of the request. */
  [key: string]: unknown;
}

/** A request as it goes on the wire. */
export interface JanusWireRequest extends JanusRequestBody {
  /** Correlates the replies. */
  transaction: string;
  /** The API secret, when the server has one. */
  apisecret?: string;
  /** The auth token, when the server uses token auth. */
  token?: string;
}

/** The `plugindata` of a plugin reply or event. */
export interface PluginData<TData = Record<string, unknown>> {
  /** Package name of the plugin, e.g. `janus.plugin.echotest`. */
  plugin: string;
  /** The plugin's own payload. */
  data: TData;
}

/** Any message the server sends. Fields are present depending on `janus`. */
export interface JanusMessage {
  /** The message kind: success, error, ack, event, webrtcup, media, ... */
  janus: string;
  /** The transaction of the request this answers, when it answers one. */
  transaction?: string;
  /** The session the message is about. */
  session_id?: number;
  /** The handle the message is about. */
  sender?: number;
  /** Set on `success` replies to create/attach. */
  data?: { id?: number; [key: string]: unknown };
  /** Set on `error` replies. */
  error?: { code: number; reason: string };
  /** Set on plugin replies and events. */
  plugindata?: PluginData;
  /** A JSEP that came with the message. */
  jsep?: Jsep;
  /** Any other field. */
  [key: string]: unknown;
}

/** The reply `message()` resolves with: the plugin's data and, if present, the JSEP. */
export interface PluginReply<TData = Record<string, unknown>> {
  /** The plugin's payload (`plugindata.data`). */
  data: TData;
  /** The JSEP the plugin sent with its reply, if any. */
  jsep?: Jsep;
}

/** Core events Janus sends about a handle, besides plugin `event`s. */
export const HANDLE_CORE_EVENTS = [
  'webrtcup',
  'media',
  'slowlink',
  'hangup',
  'ice-failed',
  'detached',
  'trickle',
] as const;

/** One of {@link HANDLE_CORE_EVENTS}. */
export type HandleCoreEventName = (typeof HANDLE_CORE_EVENTS)[number];
