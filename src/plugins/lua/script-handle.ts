/**
 * A typed-but-open handle for the script plugins (Lua and Duktape): every message goes to the script
 * unchanged and its reply comes back as is, typed by the caller's type parameters.
 * @module
 */
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, HandleHost, PluginEvent } from '../../plugin-handle.js';
import type { PluginReply } from '../../protocol/messages.js';
import { offerRequest } from '../common/client-offers.js';
import { MediaPluginHandle } from '../common/media-handle.js';
import type { MediaRequestOptions, PluginRequestOptions } from '../handle-helpers.js';
import type { ScriptData, ScriptRequest } from './types.js';

/** Options of {@link ScriptPluginHandle.negotiate}: the media options every plugin takes. */
export type ScriptMediaOptions = MediaRequestOptions;

/** Listener arguments of every event a script handle emits. */
export type ScriptEventMap = HandleEventMap & {
  /** Something the script pushed (`pushEvent`) that did not answer a request of ours. */
  'script-event': [PluginEvent<ScriptData>];
};

/**
 * A handle on a script plugin. `TRequest` types what {@link ScriptPluginHandle.send} takes, `TReply` what
 * it resolves with, both default to any JSON object. What the script pushes by itself arrives as `script-event`.
 */
export class ScriptPluginHandle<
  TRequest extends object = ScriptRequest,
  TReply extends object = ScriptData,
> extends MediaPluginHandle<ScriptEventMap> {
  /**
   * Sends `body` to the script as is (no field is checked or added: the script defines its API) and
   * resolves with its reply: the synchronous one, or the event the script pushes for this transaction. With `options.jsep` that JSEP goes along. A script error
   * (`handleMessage` returning a negative number) rejects as a `PLUGIN_ERROR` or `PLUGIN_MESSAGE` JanusError.
   */
  async send(body: TRequest, options: PluginRequestOptions = {}): Promise<PluginReply<TReply>> {
    return this.message<TReply>({ ...body } as Record<string, unknown>, options);
  }

  /**
   * Sends `body` with an offer of audio and video from `options.source` (default: a generated tone and
   * pattern; `audio`/`video`/`data` choose the kinds), applies the script's answer, and resolves with the
   * script's reply once the PeerConnection is up (`waitForMedia: false`: at the reply). A client option in
   * `body` (`source`, `recordTo`, a media direction) rejects with `INVALID_ARGUMENT`, nothing sent.
   */
  async negotiate(body: TRequest, options: ScriptMediaOptions = {}): Promise<PluginReply<TReply>> {
    return offerRequest<TReply>(this, undefined, body, options, { audio: true, video: true });
  }

  /** Emits `script-event` for every plugin event, then the generic `event`. */
  protected override onPluginEvent(event: PluginEvent): void {
    (this.emit as (name: string, ...args: unknown[]) => boolean)('script-event', event);
    super.onPluginEvent(event);
  }
}

/** Builds a descriptor for a script plugin registered as `plugin`. */
export function scriptDescriptor<TRequest extends object, TReply extends object>(
  plugin: string,
): PluginDescriptor<ScriptPluginHandle<TRequest, TReply>> {
  return {
    plugin,
    create: (host: HandleHost, actor) => new ScriptPluginHandle<TRequest, TReply>(host, actor, plugin),
  };
}
