/**
 * The Lua plugin: a typed-but-open handle ({@link ScriptPluginHandle}) whose messages go to the Lua script
 * the server runs.
 * @module
 */
import type { PluginDescriptor } from '../../janus-session.js';
import { type ScriptPluginHandle, scriptDescriptor } from './script-handle.js';
import {
  LUA_ECHOTEST_PACKAGE,
  LUA_PACKAGE,
  type LuaEchoTestReply,
  type LuaEchoTestRequest,
  type ScriptData,
  type ScriptRequest,
} from './types.js';

export { type ScriptEventMap, type ScriptMediaOptions, ScriptPluginHandle } from './script-handle.js';

/** A handle on the Lua plugin. */
export type LuaHandle<
  TRequest extends object = ScriptRequest,
  TReply extends object = ScriptData,
> = ScriptPluginHandle<TRequest, TReply>;

/** The Lua plugin under its own package, `janus.plugin.lua` (a script that does not rename it). */
export const Lua: PluginDescriptor<LuaHandle> = scriptDescriptor(LUA_PACKAGE);

/**
 * The Lua plugin under the package its script registers (`getPackage()`), with the script's request,
 * reply and event types, e.g. `luaScript<MyRequest, MyReply>('janus.plugin.mine')`.
 */
export function luaScript<TRequest extends object = ScriptRequest, TReply extends object = ScriptData>(
  plugin: string,
): PluginDescriptor<LuaHandle<TRequest, TReply>> {
  return scriptDescriptor<TRequest, TReply>(plugin);
}

/** The Debian sample `/usr/share/janus/lua/echotest.lua`, registered as `janus.plugin.echolua`. */
export const LuaEchoTest: PluginDescriptor<LuaHandle<LuaEchoTestRequest, LuaEchoTestReply>> = luaScript<
  LuaEchoTestRequest,
  LuaEchoTestReply
>(LUA_ECHOTEST_PACKAGE);
