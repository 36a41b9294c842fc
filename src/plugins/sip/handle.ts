/**
 * The typed SIP handle: register an account (or a guest, or a helper), call and be called with media
 * bridged to our PeerConnection, hold, transfer, send MESSAGE/INFO/DTMF, subscribe, record, with typed
 * events for each step.
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../../../machines/handle.machine.js';
import { JanusError } from '../../errors.js';
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleHost, PluginEvent } from '../../plugin-handle.js';
import type { Jsep, PluginReply } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { offerRequest } from '../common/client-offers.js';
import { JanusOffers } from '../common/janus-offers.js';
import { MediaPluginHandle } from '../common/media-handle.js';
import { type MediaRequestOptions, sendPluginRequest, typedEvent } from '../handle-helpers.js';
import { classifySipEvent, type SipEventMap, type SipEventName, waitForSipEvent } from './events.js';
import type {
  SipAcceptedResult,
  SipAcceptRequest,
  SipAck,
  SipCallRequest,
  SipDeclineRequest,
  SipDtmfInfoRequest,
  SipEvent,
  SipHangupRequest,
  SipHangupResult,
  SipHoldRequest,
  SipInfoRequest,
  SipKeyframeRequest,
  SipMessageRequest,
  SipRecordingRequest,
  SipRegisteredResult,
  SipRegisterRequest,
  SipResetRequest,
  SipSubscribeRequest,
  SipTransferRequest,
  SipUnholdRequest,
  SipUnregisterRequest,
  SipUnsubscribeRequest,
  SipUpdateRequest,
} from './types.js';

export { classifySipEvent, type SipEventMap, type SipEventName } from './events.js';

/** Options of `register`/`unregister`. */
export interface SipRegisterOptions extends CallOptions {
  /**
   * Resolve with the registrar's verdict (`registered`/`unregistered`; `registration_failed` rejects with
   * `PLUGIN_ERROR`, `janusCode` the SIP status) rather than the plugin's `registering` reply. Within
   * `timeoutMs`. Default `true`.
   */
  waitForRegistrar?: boolean;
}

/** Options of `call` and `accept`: the media options every plugin takes. */
export type SipMediaOptions = MediaRequestOptions;

/**
 * A handle on the SIP plugin. Attach with `session.attach(Sip)`.
 *
 * Every request is answered asynchronously by the plugin; a plugin error rejects as a `PLUGIN_ERROR`
 * JanusError whose `janusCode` is one of `SipErrorCode`. What the SIP peer does later arrives as typed
 * events (`registered`, `incomingcall`, `ringing`, `accepted`, `call-hangup`, ...).
 */
export class SipHandle extends MediaPluginHandle<SipEventMap> {
  /** Whether the handle answers by itself the offers of re-INVITEs (`updatingcall` with a JSEP). Default `true`. */
  autoRenegotiate = true;
  readonly #offers: JanusOffers;
  #callId: string | undefined;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => this.autoRenegotiate,
      renegotiationBody: () => ({ request: 'update' }),
      onRenegotiationFailed: (error) => this.emit('renegotiation-failed', error),
      defaults: { audio: true, video: false },
    });
  }

  /**
   * The offer not answered yet, if any: the incoming call's (from `incomingcall`), or a re-INVITE's left
   * unanswered with `autoRenegotiate = false`.
   */
  get incomingOffer(): Jsep | undefined {
    return this.#offers.pending;
  }

  /** The SIP Call-ID of the current or incoming call, if any. */
  get callId(): string | undefined {
    return this.#callId;
  }

  /**
   * `register`: registers the account at `request.proxy` (or, for `type: 'guest'`/`'helper'` or
   * `send_register: false`, only sets it up). Resolves with `registered` once the registrar accepted;
   * `registration_failed` rejects with `PLUGIN_ERROR` (`janusCode`: the SIP status). With
   * `waitForRegistrar: false`, resolves with the plugin's reply (`registering`).
   */
  async register(
    request: SipRegisterRequest,
    options: SipRegisterOptions = {},
  ): Promise<SipEvent<SipRegisteredResult> | SipAck<'registering'>> {
    const verdict = this.#registrarVerdict('registered', options);
    const reply = await sendPluginRequest<SipEvent<SipRegisteredResult> | SipAck<'registering'>>(
      this,
      'register',
      request,
      options,
    ).catch((error: unknown) => {
      verdict?.cancel();
      throw error;
    });
    if (reply.data.result.event !== 'registering' || !verdict) {
      verdict?.cancel();
      return reply.data;
    }
    return (await verdict.promise).data as unknown as SipEvent<SipRegisteredResult>;
  }

  /** `unregister`: resolves with `unregistered` (`waitForRegistrar: false`: with `unregistering`). */
  async unregister(
    request: SipUnregisterRequest = {},
    options: SipRegisterOptions = {},
  ): Promise<SipEvent<SipRegisteredResult> | SipAck<'unregistering'>> {
    const verdict = this.#registrarVerdict('unregistered', options);
    const reply = await sendPluginRequest<SipAck<'unregistering'>>(
      this,
      'unregister',
      request,
      options,
    ).catch((error: unknown) => {
      verdict?.cancel();
      throw error;
    });
    if (!verdict) return reply.data;
    return (await verdict.promise).data as unknown as SipEvent<SipRegisteredResult>;
  }

  #registrarVerdict(
    name: 'registered' | 'unregistered',
    options: SipRegisterOptions,
  ): { promise: Promise<PluginEvent>; cancel(): void } | undefined {
    if (options.waitForRegistrar === false) return undefined;
    const stop = new AbortController();
    const promise = waitForSipEvent(this, {
      done: (event) => (event.data as unknown as SipEvent).result?.event === name,
      fail: (event) => classifySipEvent(event.data) === 'registration-failed',
      what: name,
      timeoutMs: options.timeoutMs,
      signal: options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal,
    });
    promise.catch(() => {});
    return { promise, cancel: () => stop.abort() };
  }

  /**
   * `call`: offers audio from `options.source` (default: a generated tone; audio only unless `video` is
   * set) in an INVITE to `request.uri`. Resolves with the `accepted` (or `progress`) event whose SDP
   * answered it, once media is up (`waitForMedia: false`: once the answer is applied). `timeoutMs` is how
   * long it may ring (default 10 s). A `hangup` before the answer (busy, declined, ...) rejects with
   * `PLUGIN_ERROR` whose `janusCode` is the SIP status. With `options.jsep`, sends that offer and
   * resolves with `calling`.
   */
  async call(
    request: SipCallRequest,
    options: SipMediaOptions = {},
  ): Promise<SipEvent<SipAcceptedResult> | SipAck<'calling'>> {
    if (options.jsep)
      return (await sendPluginRequest<SipAck<'calling'>>(this, 'call', request, options)).data;
    const ended = new AbortController();
    let answered: PluginEvent<SipEvent<SipAcceptedResult>> | undefined;
    let hungUp: JanusError | undefined;
    const onEvent = (event: PluginEvent): void => {
      const name = classifySipEvent(event.data);
      if ((name === 'accepted' || name === 'progress') && event.jsep && !answered) {
        answered = typedEvent(event);
      } else if (name === 'call-hangup' && !answered) {
        hungUp = hangupError(event.data as unknown as SipEvent<SipHangupResult>);
        ended.abort(hungUp);
      }
    };
    this.on('event', onEvent);
    try {
      // A hangup before the answer withdraws the wait for it (and for the media).
      const signal = options.signal ? AbortSignal.any([options.signal, ended.signal]) : ended.signal;
      await offerRequest(this, 'call', request, { ...options, signal }, { audio: true, video: false });
    } catch (error) {
      throw hungUp ?? error;
    } finally {
      this.off('event', onEvent);
    }
    return (answered?.data ?? { sip: 'event', result: { event: 'accepted' } }) as SipEvent<SipAcceptedResult>;
  }

  /**
   * `accept`: accepts the incoming call, answering its offer ({@link SipHandle.incomingOffer}) with audio
   * from `options.source` (default: a generated tone; audio only unless `video` is set); for an offerless
   * INVITE it offers instead. Resolves with the plugin's reply (`accepted`, or `accepting` for an
   * offerless INVITE) once media is up (`waitForMedia: false`: at the reply). With `options.jsep`, sends
   * that JSEP.
   */
  async accept(
    request: SipAcceptRequest = {},
    options: SipMediaOptions = {},
  ): Promise<SipAck<'accepting'> | SipEvent<SipAcceptedResult>> {
    type Reply = SipAck<'accepting'> | SipEvent<SipAcceptedResult>;
    // An offerless INVITE: we offer in the `accept`, the caller answers in its ACK.
    if (!options.jsep && !this.#offers.pending) {
      return (await offerRequest<Reply>(this, 'accept', request, options, { audio: true, video: false }))
        .data;
    }
    return (await this.#offers.answer<Reply>('accept', request, options)).data;
  }

  /**
   * `decline`: refuses the incoming call (486 unless `code` says otherwise); resolves with `declining`.
   * Without an incoming call 1.1.2 does not answer (`TIMEOUT`).
   */
  async decline(request: SipDeclineRequest = {}, options: CallOptions = {}): Promise<SipAck<'declining'>> {
    const reply = await sendPluginRequest<SipAck<'declining'>>(this, 'decline', request, options);
    this.#offers.clear();
    return reply.data;
  }

  /**
   * `update`: renegotiates the call with a re-INVITE: our new offer (media options as for `call`, e.g.
   * `{ iceRestart: true }`), or the answer to a pending re-INVITE's offer. Resolves once the answer is
   * applied. With `options.jsep`, sends that JSEP.
   */
  async update(
    request: SipUpdateRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<SipAck<'updating' | 'updated'>> {
    type Reply = SipAck<'updating' | 'updated'>;
    if (options.jsep || this.#offers.pending)
      return (await this.#offers.answer<Reply>('update', request, options)).data;
    return (await offerRequest<Reply>(this, 'update', request, options)).data;
  }

  /**
   * `hold`: puts the call on hold with a re-INVITE on the SIP side (`direction` default `sendonly`).
   * Outside a call 1.1.2 does not answer: the promise rejects with `TIMEOUT` after `timeoutMs`. Nor does it
   * while a re-INVITE of its own is still unanswered (its `call_status` in admin `handle_info` is
   * `incall_reinviting`, not `incall`): a `hold`/`unhold` right after the other can go unanswered.
   */
  async hold(request: SipHoldRequest = {}, options: CallOptions = {}): Promise<SipAck<'holding'>> {
    return (await sendPluginRequest<SipAck<'holding'>>(this, 'hold', request, options)).data;
  }

  /**
   * `unhold`: restores the media direction from before `hold`. Outside a call, or while the `hold` re-INVITE
   * is still unanswered, 1.1.2 does not answer (`TIMEOUT`); see {@link SipHandle.hold}.
   */
  async unhold(request: SipUnholdRequest = {}, options: CallOptions = {}): Promise<SipAck<'resuming'>> {
    return (await sendPluginRequest<SipAck<'resuming'>>(this, 'unhold', request, options)).data;
  }

  /**
   * `hangup` (the plugin request): sends BYE (or CANCEL while ringing); resolves with `hangingup`. Called
   * with only call options (as the base class's `hangup` is), it does the same. Outside a call 1.1.2 does
   * not answer: the promise rejects with `TIMEOUT` after `timeoutMs`.
   */
  override hangup(request: SipHangupRequest, options?: CallOptions): Promise<SipAck<'hangingup'>>;
  override hangup(options?: CallOptions): Promise<void>;
  override async hangup(
    request: SipHangupRequest | CallOptions = {},
    options?: CallOptions,
  ): Promise<unknown> {
    const both = request as SipHangupRequest & CallOptions;
    const callOptions = options ?? { signal: both.signal, timeoutMs: both.timeoutMs };
    const body: SipHangupRequest = both.headers === undefined ? {} : { headers: both.headers };
    const reply = await sendPluginRequest<SipAck<'hangingup'>>(this, 'hangup', body, callOptions);
    this.#offers.clear();
    return reply.data;
  }

  /** `transfer`: sends a REFER (blind, or attended with `replace`); resolves with `transferring`. */
  async transfer(request: SipTransferRequest, options: CallOptions = {}): Promise<SipAck<'transferring'>> {
    return (await sendPluginRequest<SipAck<'transferring'>>(this, 'transfer', request, options)).data;
  }

  /**
   * `message` (the plugin request): sends a SIP MESSAGE in the call, or out of dialog with `uri`; resolves
   * with `messagesent` (a `messagedelivery` event reports the peer's answer). Called with a body that has
   * a `request` field, it is the generic {@link PluginHandle.message}.
   */
  override message(request: SipMessageRequest, options?: CallOptions): Promise<SipAck<'messagesent'>>;
  override message<TData = Record<string, unknown>>(
    body: Record<string, unknown>,
    options?: CallOptions & { jsep?: Jsep | undefined },
  ): Promise<PluginReply<TData>>;
  override async message(
    body: Record<string, unknown> | SipMessageRequest,
    options: CallOptions & { jsep?: Jsep | undefined } = {},
  ): Promise<unknown> {
    const fields = body as Record<string, unknown>;
    if (typeof fields.request !== 'string' && typeof fields.content === 'string') {
      return (await super.message<SipAck<'messagesent'>>({ ...fields, request: 'message' }, options)).data;
    }
    return super.message(fields, options);
  }

  /** `info`: sends a SIP INFO in the call; resolves with `infosent`. */
  async info(request: SipInfoRequest, options: CallOptions = {}): Promise<SipAck<'infosent'>> {
    return (await sendPluginRequest<SipAck<'infosent'>>(this, 'info', request, options)).data;
  }

  /** `dtmf_info`: sends a DTMF digit as a SIP INFO (`application/dtmf-relay`); resolves with `dtmfsent`. */
  async dtmfInfo(request: SipDtmfInfoRequest, options: CallOptions = {}): Promise<SipAck<'dtmfsent'>> {
    return (await sendPluginRequest<SipAck<'dtmfsent'>>(this, 'dtmf_info', request, options)).data;
  }

  /** `recording`: starts or stops recording our side and/or the peer's; resolves with `recordingupdated`. */
  async recording(
    request: SipRecordingRequest,
    options: CallOptions = {},
  ): Promise<SipAck<'recordingupdated'>> {
    return (await sendPluginRequest<SipAck<'recordingupdated'>>(this, 'recording', request, options)).data;
  }

  /** `subscribe`: sends a SUBSCRIBE; resolves with `subscribing` (`subscribe_succeeded`/`_failed` and `notify` follow). */
  async subscribe(request: SipSubscribeRequest, options: CallOptions = {}): Promise<SipAck<'subscribing'>> {
    return (await sendPluginRequest<SipAck<'subscribing'>>(this, 'subscribe', request, options)).data;
  }

  /** `unsubscribe` (in the code only): ends a subscription; resolves with `unsubscribing`. */
  async unsubscribe(
    request: SipUnsubscribeRequest,
    options: CallOptions = {},
  ): Promise<SipAck<'unsubscribing'>> {
    return (await sendPluginRequest<SipAck<'unsubscribing'>>(this, 'unsubscribe', request, options)).data;
  }

  /** `reset` (in the code only): clears a stuck call state when idle; resolves with `reset`. */
  async reset(request: SipResetRequest = {}, options: CallOptions = {}): Promise<SipAck<'reset'>> {
    return (await sendPluginRequest<SipAck<'reset'>>(this, 'reset', request, options)).data;
  }

  /**
   * `keyframe`: asks for keyframes on either leg. Added to the plugin after 1.1.2 (janus-gateway commit
   * 8c9ce71d): a 1.1.2 server rejects it with `PLUGIN_ERROR`, `janusCode` 442 (`INVALID_REQUEST`).
   */
  async keyframe(request: SipKeyframeRequest = {}, options: CallOptions = {}): Promise<SipEvent> {
    return (await sendPluginRequest<SipEvent>(this, 'keyframe', request, options)).data;
  }

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name: SipEventName | undefined = classifySipEvent(event.data);
    const data = event.data as unknown as SipEvent;
    if (typeof data.call_id === 'string') this.#callId = data.call_id;
    if (name === 'incomingcall') this.#offers.keep(event.jsep);
    else if (name === 'call-hangup') this.#offers.clear();
    if (name) (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
    if (name === 'call-hangup') {
      // The event name: `hangup` also fires for the plugin's hangup (raw.janus 'event'), besides
      // the core `hangup` when the PeerConnection closes (raw.janus 'hangup').
      const result = (data as SipEvent<SipHangupResult>).result;
      this.emitEvent('hangup', { reason: `${result.code} ${result.reason}`, raw: event.raw });
    }
    super.onPluginEvent(event);
    if (name === 'updatingcall') this.#offers.unsolicited(event.jsep);
  }
}

/** The error a call ends with when the peer hangs up before answering. */
function hangupError(data: SipEvent<SipHangupResult>): JanusError {
  const { code, reason } = data.result;
  return new JanusError('PLUGIN_ERROR', `the call ended before it was answered: ${code} ${reason}`, {
    janusCode: code,
    data,
  });
}

/** The SIP plugin: `session.attach(Sip)` resolves with a {@link SipHandle}. */
export const Sip: PluginDescriptor<SipHandle> = {
  plugin: 'janus.plugin.sip',
  create: (host, actor) => new SipHandle(host, actor, 'janus.plugin.sip'),
};
