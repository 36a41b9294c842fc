/**
 * "Janus offers, we answer": the flow of every handle whose PeerConnection Janus offers (VideoRoom
 * subscribers, VideoCall callees, TextRoom, Streaming, AudioBridge with `generate_offer`, RecordPlay,
 * SIP incoming calls...). It keeps the offer not answered yet, answers it on request (and by default
 * waits for the media), and answers by itself the offers Janus sends later to renegotiate, reporting a
 * failure as the handle's `renegotiation-failed` event.
 * @module
 */
import { JanusError } from '../../errors.js';
import type { NegotiationOptions } from '../../media/handle-media.js';
import type { PluginHandle } from '../../plugin-handle.js';
import type { Jsep, PluginReply } from '../../protocol/messages.js';
import { type MediaRequestOptions, negotiation, sendPluginRequest } from '../handle-helpers.js';
import { mediaUp } from './media-up.js';
import { assertJanusBody } from './request-body.js';

/** How a handle plugs into {@link JanusOffers}. */
export interface JanusOffersOptions {
  /** Whether unsolicited offers are answered by themselves (read each time: the handle's `autoRenegotiate`). */
  autoRenegotiate(): boolean;
  /** The body that goes with an automatic answer, e.g. `{ request: 'start' }`. */
  renegotiationBody(offer: Jsep): Record<string, unknown>;
  /** Reports an automatic answer that failed (the handle emits `renegotiation-failed`). */
  onRenegotiationFailed(error: unknown): void;
  /** Media defaults of an answer, e.g. `{ audio: 'recvonly' }`. Default: receive what is offered. */
  defaults?: NegotiationOptions;
}

/** One handle's offers from Janus: the one pending, answering it, and automatic renegotiation. */
export class JanusOffers {
  // biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
  readonly #handle: PluginHandle<any>;
  readonly #options: JanusOffersOptions;
  #pending: Jsep | undefined;

  /**
   * Creates the offer keeper of one handle; it holds no offer until one arrives.
   * @param handle - the handle whose offers these are
   * @param options - the handle's renegotiation policy
   */
  // biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
  constructor(handle: PluginHandle<any>, options: JanusOffersOptions) {
    this.#handle = handle;
    this.#options = options;
  }

  /** The last offer Janus sent that was not answered yet, if any. */
  get pending(): Jsep | undefined {
    return this.#pending;
  }

  /** Keeps `jsep` when it is an offer (from a reply or an event); returns whether it was one. */
  keep(jsep: Jsep | undefined): boolean {
    if (jsep?.type !== 'offer') return false;
    this.#pending = jsep;
    return true;
  }

  /** Forgets the pending offer (answered some other way, or the call ended). */
  clear(): void {
    this.#pending = undefined;
  }

  /**
   * Answers the pending offer with `{ request, ...body }` and the handle's werift peer (receiving what is
   * offered, sending as `options` say), and resolves with the plugin's reply once the media is up (unless
   * `waitForMedia: false`). With `options.jsep`, or with no offer pending, sends the request as is (the
   * caller's answer, or a request that needs none: a resume after `pause`).
   * Rejects with `INVALID_ARGUMENT` (nothing sent) when `body` holds a client option.
   */
  async answer<TData>(
    request: string,
    body: object,
    options: MediaRequestOptions = {},
  ): Promise<PluginReply<TData>> {
    assertJanusBody(request, body);
    const offer = this.#pending;
    if (options.jsep || !offer) {
      const reply = await sendPluginRequest<TData>(this.#handle, request, body, options);
      if (options.jsep) this.#pending = undefined;
      return reply;
    }
    this.#pending = undefined;
    const reply = await this.#handle.answer(
      offer,
      { ...body, request },
      negotiation(options, this.#options.defaults),
    );
    await mediaUp(this.#handle, options);
    return reply as PluginReply<TData>;
  }

  /**
   * Answers the pending offer if there is one and the handle has a PeerConnection (a renegotiation asked
   * by a request of ours: `update`, `configure` with `restart`...). Resolves at once otherwise.
   */
  async renegotiate(options: MediaRequestOptions = {}): Promise<void> {
    const offer = this.#pending;
    if (!offer || !this.#handle.mediaPeer) return;
    this.#pending = undefined;
    await this.#handle.answer(offer, this.#options.renegotiationBody(offer), {
      ...negotiation(options, this.#options.defaults),
    });
  }

  /**
   * An offer Janus sent on its own (an `updated` event...): kept, and answered at once when the handle has
   * a PeerConnection and `autoRenegotiate()` allows; a failure goes to `onRenegotiationFailed`.
   */
  unsolicited(jsep: Jsep | undefined): void {
    if (!this.keep(jsep)) return;
    if (!this.#options.autoRenegotiate() || !this.#handle.mediaPeer) return;
    this.renegotiate().catch((error: unknown) => this.#options.onRenegotiationFailed(error));
  }
}

/** Throws `PROTOCOL` unless `reply` carries Janus's offer; returns it. */
export function requireOffer(what: string, reply: PluginReply<unknown>): Jsep {
  if (reply.jsep?.type !== 'offer') throw new JanusError('PROTOCOL', `${what} came back without an offer`);
  return reply.jsep;
}
