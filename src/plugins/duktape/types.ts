/**
 * Wire types for the Janus Duktape plugin (`janus.plugin.duktape`), which hands every message to a
 * JavaScript script run by the embedded Duktape engine.
 *
 * Source of truth: `src/plugins/janus_duktape.c` in meetecho/janus-gateway at tag `v1.1.2` (commit
 * e8d1395d3de9caa5e244605ec1a7281cd7d3ecf1). As with Lua, the plugin defines no requests: the script's
 * `handleMessage(id, transaction, message, jsep)` returns a JSON string (synchronous reply), a positive
 * number (answered later with `pushEvent`) or a negative number (an error). The Debian sample
 * `echotest.js` registers as `janus.plugin.echojs`. The Lua module's request and reply types apply.
 *
 * @module
 */
export type {
  LuaEchoTestReply as DuktapeEchoTestReply,
  LuaEchoTestRequest as DuktapeEchoTestRequest,
} from '../lua/types.js';

/** The package the Duktape plugin registers as when its script does not rename it. */
export const DUKTAPE_PACKAGE = 'janus.plugin.duktape';

/** The package the Debian sample script `/usr/share/janus/duktape/echotest.js` registers as. */
export const DUKTAPE_ECHOTEST_PACKAGE = 'janus.plugin.echojs';
