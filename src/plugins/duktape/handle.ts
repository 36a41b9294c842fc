/**
 * The Duktape plugin: the same typed-but-open handle as Lua ({@link ScriptPluginHandle}), whose messages go
 * to the JavaScript script the server runs.
 * @module
 */
import type { PluginDescriptor } from '../../janus-session.js';
import { type ScriptPluginHandle, scriptDescriptor } from '../lua/script-handle.js';
import type { LuaEchoTestReply, LuaEchoTestRequest, ScriptData, ScriptRequest } from '../lua/types.js';
import { DUKTAPE_ECHOTEST_PACKAGE, DUKTAPE_PACKAGE } from './types.js';

/** A handle on the Duktape plugin. */
export type DuktapeHandle<
  TRequest extends object = ScriptRequest,
  TReply extends object = ScriptData,
> = ScriptPluginHandle<TRequest, TReply>;

/** The Duktape plugin under its own package, `janus.plugin.duktape` (a script that does not rename it). */
export const Duktape: PluginDescriptor<DuktapeHandle> = scriptDescriptor(DUKTAPE_PACKAGE);

/** The Duktape plugin under the package its script registers (`getPackage()`), with the script's types. */
export function duktapeScript<TRequest extends object = ScriptRequest, TReply extends object = ScriptData>(
  plugin: string,
): PluginDescriptor<DuktapeHandle<TRequest, TReply>> {
  return scriptDescriptor<TRequest, TReply>(plugin);
}

/** The Debian sample `/usr/share/janus/duktape/echotest.js`, registered as `janus.plugin.echojs`. */
export const DuktapeEchoTest: PluginDescriptor<DuktapeHandle<LuaEchoTestRequest, LuaEchoTestReply>> =
  duktapeScript<LuaEchoTestRequest, LuaEchoTestReply>(DUKTAPE_ECHOTEST_PACKAGE);
