/**
 * What every typed plugin handle (VideoRoom, TextRoom, VideoCall) shares: sending a named request with
 * the `request` field added, the options each request method takes, and a small helper to wrap a plugin
 * event in its typed form.
 * @module
 */
import { JanusError } from '../errors.js';
import type { NegotiationOptions } from '../media/handle-media.js';
import type { JanusPeer } from '../media/janus-peer.js';
import { RtpCounter } from '../media/rtp-counter.js';
import type { PluginEvent, PluginHandle } from '../plugin-handle.js';
import type { Jsep, PluginReply } from '../protocol/messages.js';
import type { CallOptions } from '../util/abort.js';
import { withDeadline } from '../util/deadline.js';
import { assertJanusBody } from './common/request-body.js';

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
 * with an error, `INVALID_ARGUMENT` (nothing sent) when `body` holds a client option (`source`,
 * `recordTo`, a media direction: see `assertJanusBody`), `TIMEOUT`, the signal's reason, or `InvalidStateError` unless attached.
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
  try {
    assertJanusBody(request, body);
  } catch (error) {
    return Promise.reject(error);
  }
  return handle.message<TResponse>({ ...(body ?? {}), request }, options);
}

/** The same plugin event with its `data` typed as `TData` (a cast: the caller classified it first). */
export function typedEvent<TData>(event: PluginEvent): PluginEvent<TData> {
  return event as unknown as PluginEvent<TData>;
}

/** Options of the request methods that negotiate media: what to negotiate, or a JSEP made by the caller. */
export interface MediaRequestOptions extends NegotiationOptions {
  /**
   * Whether the method resolves once the media is up (`webrtcup`, waited for at most `timeoutMs`,
   * default {@link DEFAULT_WEBRTCUP_TIMEOUT_MS}) rather than at the plugin's reply. Default `true`;
   * `false` resolves at the reply (then `waitForWebrtcUp(handle)` waits for the media). Ignored with
   * `jsep` (the caller applies the answer, so the media cannot be up before the method returns).
   */
  waitForMedia?: boolean | undefined;
  /**
   * A JSEP the caller negotiated itself: sent as is, and the handle's own peer is not used. Default: the
   * handle negotiates with its werift peer.
   */
  jsep?: Jsep | undefined;
}

/** The media fields of {@link MediaRequestOptions} (what `offer`/`answer` take), without `jsep`. */
export function negotiation(
  options: MediaRequestOptions,
  defaults: NegotiationOptions = {},
): NegotiationOptions {
  const { jsep: _jsep, waitForMedia: _wait, ...rest } = options;
  const out: NegotiationOptions = { ...defaults };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** How long a media-starting method waits for `webrtcup` unless told otherwise: 10 seconds. */
export const DEFAULT_WEBRTCUP_TIMEOUT_MS = 10_000;

/**
 * Resolves once the handle's PeerConnection is up (`webrtcup`), at once if it already is. Rejects with
 * `TIMEOUT` after `timeoutMs` (default {@link DEFAULT_WEBRTCUP_TIMEOUT_MS}), with the signal's reason
 * when aborted, with `INVALID_STATE` when the handle detaches first, and with our side's error when the
 * PeerConnection fails here first (`peer-failed`, e.g. `DTLS_FINGERPRINT`).
 */
export function waitForWebrtcUp(
  // biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
  handle: PluginHandle<any>,
  options: CallOptions = {},
): Promise<void> {
  if (handle.webrtcActive) return Promise.resolve();
  const base = handle as PluginHandle;
  return withDeadline<void>(
    'webrtcup',
    { ...options, defaultTimeoutMs: DEFAULT_WEBRTCUP_TIMEOUT_MS },
    ({ resolve, reject }) => {
      // Our DTLS side may still be checking Janus's certificate when `webrtcup` arrives.
      const onUp = (): void => {
        const peer = handle.mediaPeer;
        if (!peer) resolve();
        else peer.settled().then(resolve, reject);
      };
      const onDetached = (): void =>
        reject(new JanusError('INVALID_STATE', 'the handle detached before webrtcup'));
      const onFailed = (error: JanusError): void => reject(error);
      base.on('webrtcup', onUp);
      base.on('detached', onDetached);
      base.on('peer-failed', onFailed);
      return () => {
        base.off('webrtcup', onUp);
        base.off('detached', onDetached);
        base.off('peer-failed', onFailed);
      };
    },
  );
}

/** Live RTP packet counts per mid of a peer's receiving transceivers. */
export interface MidPacketCounts {
  /** Distinct RTP packets received so far on the m-line `mid` (0 if none). */
  get(mid: string): number;
  /** Every mid seen so far → distinct packets received. */
  snapshot(): Record<string, number>;
  /** Stops counting. */
  stop(): void;
}

/**
 * Counts the RTP packets a peer receives per m-line (`mid`): what `peer.stats()` sums per kind, split by
 * stream, e.g. to tell the publishers of a multistream subscription apart.
 */
export function countPacketsByMid(peer: JanusPeer): MidPacketCounts {
  const counter = new RtpCounter();
  const stops: (() => void)[] = [];
  const watched = new Set<unknown>();
  const watchAll = (): void => {
    for (const transceiver of peer.pc.getTransceivers()) {
      const mid = transceiver.mid;
      if (!mid) continue;
      for (const track of transceiver.receiver.tracks) {
        if (watched.has(track)) continue;
        watched.add(track);
        stops.push(counter.watch(mid, track));
      }
    }
  };
  watchAll();
  const subscription = peer.pc.onTrack.subscribe(() => watchAll());
  return {
    get: (mid) => {
      watchAll();
      return counter.get(mid).distinct;
    },
    snapshot: () => {
      watchAll();
      const out: Record<string, number> = {};
      for (const transceiver of peer.pc.getTransceivers()) {
        if (transceiver.mid) out[transceiver.mid] = counter.get(transceiver.mid).distinct;
      }
      return out;
    },
    stop: () => {
      subscription.unSubscribe();
      for (const stop of stops.splice(0)) stop();
    },
  };
}
