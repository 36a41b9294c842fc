/**
 * Configs of the script plugins (Lua, Duktape) for a private server: each runs the EchoTest sample that
 * Debian's `janus` package ships. The Lua sample needs Debian's `lua-json` and `lua-ansicolors`.
 *
 * @module
 */
import { jcfgFile } from '../jcfg.js';

/** Where Debian's `janus` package puts the Lua samples. */
export const LUA_SAMPLES_DIR = '/usr/share/janus/lua';

/** Where Debian's `janus` package puts the Duktape (JavaScript) samples. */
export const DUKTAPE_SAMPLES_DIR = '/usr/share/janus/duktape';

/** `janus.plugin.lua.jcfg`: the sample `echotest.lua` (registers as `janus.plugin.echolua`). */
export function luaTemplate(): { text: string } {
  return {
    text: jcfgFile([['general', { path: LUA_SAMPLES_DIR, script: `${LUA_SAMPLES_DIR}/echotest.lua` }]]),
  };
}

/** `janus.plugin.duktape.jcfg`: the sample `echotest.js` (registers as `janus.plugin.echojs`). */
export function duktapeTemplate(): { text: string } {
  return {
    text: jcfgFile([
      ['general', { path: DUKTAPE_SAMPLES_DIR, script: `${DUKTAPE_SAMPLES_DIR}/echotest.js` }],
    ]),
  };
}
