/**
 * A typed-but-open handle for the script plugins (Lua and Duktape): every message goes to the script
 * unchanged and its reply comes back as is, typed by the caller's type parameters.
 * @module
 */
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, HandleHost, PluginEvent } from '../../plugin-handle.js';
import { PluginHandle } from '../../plugin-handle.js';
import type { PluginReply } from '../../protocol/messages.js';
import {
  type MediaRequestOptions,
  negotiation,
  type PluginRequestOptions,
  waitForWebrtcUp,
} from '../handle-helpers.js';
import type { ScriptData, ScriptRequest } from './types.js';

/** Options of {@link ScriptPluginHandle.negotiate}. */
export interface ScriptMediaOptions extends MediaRequestOptions {
  /**
   * Resolve only once the PeerConnection is up (`webrtcup`), within `timeoutMs`. `false` resolves with
   * the script's reply, before media flows. Default `true`.
   */
  waitForMedia?: boolean;
}

/** Listener arguments of every event a script handle emits. */
export type ScriptEventMap<TEvent extends object = ScriptData> = HandleEventMap & {
  /** Something the script pushed (`pushEvent`) that did not answer a request of ours. */
  'script-event': [PluginEvent<TEvent>];
};

/**
 * A handle on a script plugin. `TRequest` types what {@link ScriptPluginHandle.send} takes, `TReply` what
 * it resolves with, `TEvent` what the script pushes by itself; all default to any JSON object.
 */
export class ScriptPluginHandle<
  TRequest extends object = ScriptRequest,
  TReply extends object = ScriptData,
  TEvent extends object = ScriptData,
> extends PluginHandle<ScriptEventMap<TEvent>> {
  /**
   * Sends `body` to the script as is and resolves with its reply: the synchronous one, or the event the
   * script pushes for this transaction. With `options.jsep` that JSEP goes along. A script error
   * (`handleMessage` returning a negative number) rejects as a `PLUGIN_ERROR` or `PLUGIN_MESSAGE` JanusError.
   */
  async send(body: TRequest, options: PluginRequestOptions = {}): Promise<PluginReply<TReply>> {
    return this.message<TReply>({ ...body } as Record<string, unknown>, options);
  }

  /**
   * Sends `body` with an offer of audio and video from `options.source` (default: a generated tone and
   * pattern; `audio`/`video`/`data` choose the kinds), applies the script's answer, and resolves with the
   * script's reply once the PeerConnection is up (`waitForMedia: false`: at the reply).
   */
  async negotiate(body: TRequest, options: ScriptMediaOptions = {}): Promise<PluginReply<TReply>> {
    if (options.jsep) return this.send(body, options);
    const reply = await this.offer(
      { ...body } as Record<string, unknown>,
      negotiation(options, { audio: true, video: true }),
    );
    if (options.waitForMedia !== false) {
      await waitForWebrtcUp(this, { timeoutMs: options.timeoutMs, signal: options.signal });
    }
    return reply as PluginReply<TReply>;
  }

  /** Emits `script-event` for every plugin event, then the generic `event`. */
  protected override onPluginEvent(event: PluginEvent): void {
    (this.emit as (name: string, ...args: unknown[]) => boolean)('script-event', event);
    super.onPluginEvent(event);
  }
}

/** Builds a descriptor for a script plugin registered as `plugin`. */
export function scriptDescriptor<TRequest extends object, TReply extends object, TEvent extends object>(
  plugin: string,
): PluginDescriptor<ScriptPluginHandle<TRequest, TReply, TEvent>> {
  return {
    plugin,
    create: (host: HandleHost, actor) =>
      new ScriptPluginHandle<TRequest, TReply, TEvent>(host, actor, plugin),
  };
}
