/**
 * What every typed plugin handle (VideoRoom, TextRoom, VideoCall) shares: sending a named request with
 * the `request` field added, the options each request method takes, and a small helper to wrap a plugin
 * event in its typed form.
 * @module
 */
import type { PluginEvent, PluginHandle } from '../plugin-handle.js';
import type { Jsep, PluginReply } from '../protocol/messages.js';
import type { CallOptions } from '../util/abort.js';

/**
 * Options of a request method on a typed handle: the usual `signal`/`timeoutMs`, plus an optional JSEP
 * to send with the request when the caller negotiates the PeerConnection itself.
 */
export interface PluginRequestOptions extends CallOptions {
  /** A JSEP offer or answer to send along with the request. Defaults to none. */
  jsep?: Jsep | undefined;
}

/**
 * Sends `{ request, ...body }` to the plugin and resolves with its real reply (`data` and `jsep`).
 * Rejects like {@link PluginHandle.message}: `PLUGIN_ERROR` with `janusCode` when the plugin answers
 * with an error, `TIMEOUT`, the signal's reason, or `InvalidStateError` unless attached.
 *
 * @param handle - the handle to send on
 * @param request - the request name as Janus spells it, e.g. `listparticipants`
 * @param body - the request's other fields
 * @param options - JSEP, `signal` and `timeoutMs`
 */
export function sendPluginRequest<TResponse>(
  // biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
  handle: PluginHandle<any>,
  request: string,
  body: object | undefined,
  options: PluginRequestOptions = {},
): Promise<PluginReply<TResponse>> {
  return handle.message<TResponse>({ ...(body ?? {}), request }, options);
}

/** The same plugin event with its `data` typed as `TData` (a cast: the caller classified it first). */
export function typedEvent<TData>(event: PluginEvent): PluginEvent<TData> {
  return event as unknown as PluginEvent<TData>;
}

/** Drops the keys whose value is `undefined`, so they do not reach the wire as absent-but-present fields. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = entry;
  return out as T;
}
