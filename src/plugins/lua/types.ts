/**
 * Wire types for the Janus Lua plugin (`janus.plugin.lua`), which hands every message to a Lua script.
 *
 * Source of truth: `src/plugins/janus_lua.c` in meetecho/janus-gateway at tag `v1.1.2` (commit
 * e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1). The plugin defines no requests of its own: the script's
 * `handleMessage(id, transaction, message, jsep)` decides. It returns a JSON string for a synchronous
 * reply (`success` with that `plugindata.data`), a positive number to answer later with `pushEvent`
 * (an asynchronous `event`), or a negative number for an error. A script may rename the plugin
 * (`getPackage()`): the Debian sample `echotest.lua` registers as `janus.plugin.echolua`.
 *
 * @module
 */

/** Any JSON object a script takes as a request. */
export type ScriptRequest = Record<string, unknown>;

/** Any JSON object a script answers or pushes. */
export type ScriptData = Record<string, unknown>;

/** The package the Lua plugin registers as when its script does not rename it. */
export const LUA_PACKAGE = 'janus.plugin.lua';

/** The package the Debian sample script `/usr/share/janus/lua/echotest.lua` registers as. */
export const LUA_ECHOTEST_PACKAGE = 'janus.plugin.echolua';

/** Reply of the sample `echotest.lua` to a message without JSEP (synchronous) or with one (the event). */
export interface LuaEchoTestReply {
  /** `response` (synchronous reply) or `event` (the asynchronous answer to a message with an offer). */
  echotest: 'response' | 'event';
  /** Always `ok` in the sample. */
  result: 'ok';
}

/** A message the sample `echotest.lua` understands (the EchoTest API subset it implements). */
export interface LuaEchoTestRequest {
  /** Relay audio back. */
  audio?: boolean;
  /** Relay video back (re-enabling sends a PLI). */
  video?: boolean;
  /** Bitrate cap (REMB), bits per second. */
  bitrate?: number;
  /** Start or stop recording. */
  record?: boolean;
  /** Base name of the recordings. */
  filename?: string;
  /** Preferred audio codec of the answer. */
  audiocodec?: string;
  /** Preferred video codec of the answer. */
  videocodec?: string;
  /** Other fields go to the script unchanged. */
  [key: string]: unknown;
}
