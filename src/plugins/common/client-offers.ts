/**
 * "We offer, Janus answers": the flow of every request that carries our offer (EchoTest `start`,
 * VideoRoom `publish`/`joinandconfigure`/`configure`, VideoCall `call`/`set`, AudioBridge `join`/
 * `configure`, ...). One place checks the body, sends the caller's own JSEP as is or negotiates with the
 * handle's werift peer, and waits for the media as {@link mediaUp} says.
 * @module
 */
import type { NegotiationOptions } from '../../media/handle-media.js';
import type { PluginHandle } from '../../plugin-handle.js';
import type { PluginReply } from '../../protocol/messages.js';
import { type MediaRequestOptions, negotiation, sendPluginRequest } from '../handle-helpers.js';
import { mediaUp } from './media-up.js';
import { assertJanusBody } from './request-body.js';

/**
 * Sends `{ request, ...body }` with an offer and resolves with the plugin's reply once its answer is
 * applied and (by default) the media is up.
 *
 * - With `options.jsep`: sends that JSEP as is and resolves at the reply.
 * - Otherwise: the handle's werift peer offers what `options` ask for (`audio`, `video`, `data`,
 *   `source`...; `defaults` fill in what the caller left out), the answer from the reply (or the next
 *   event that carries one) is applied, and it resolves at `webrtcup` unless `waitForMedia: false`.
 *
 * Rejects with `INVALID_ARGUMENT` (nothing sent) when `body` holds a client option, `PLUGIN_ERROR` when
 * the plugin refuses, `TIMEOUT` when the answer or `webrtcup` does not come within `options.timeoutMs`.
 *
 * @param handle - the handle to negotiate on
 * @param request - the Janus request name, or `undefined` for a plugin without one (EchoTest)
 * @param body - the request's fields, with Janus's names
 * @param options - media, JSEP, `waitForMedia`, `signal` and `timeoutMs`
 * @param defaults - media defaults, e.g. `{ audio: true, video: true }`
 */
export async function offerRequest<TData>(
  // biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
  handle: PluginHandle<any>,
  request: string | undefined,
  body: object,
  options: MediaRequestOptions = {},
  defaults: NegotiationOptions = {},
): Promise<PluginReply<TData>> {
  assertJanusBody(request ?? handle.plugin, body);
  const wire = request === undefined ? { ...body } : { ...body, request };
  if (options.jsep) {
    if (request === undefined) return handle.message<TData>(wire, options);
    return sendPluginRequest<TData>(handle, request, body, options);
  }
  const reply = await handle.offer(wire, negotiation(options, defaults));
  await mediaUp(handle, options);
  return reply as PluginReply<TData>;
}
