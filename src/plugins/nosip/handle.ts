/**
 * The typed NoSIP handle: bridges our WebRTC PeerConnection to a plain RTP peer whose signalling the
 * application does itself. `generate` turns our side into a barebone SDP for the peer, `process` turns
 * the peer's barebone SDP into a JSEP for our PeerConnection.
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../../../machines/handle.machine.js';
import { JanusError } from '../../errors.js';
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, HandleHost, PluginEvent } from '../../plugin-handle.js';
import type { Jsep, PluginReply } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { withDeadline } from '../../util/deadline.js';
import { JanusOffers } from '../common/janus-offers.js';
import { MediaPluginHandle } from '../common/media-handle.js';
import { mediaUp } from '../common/media-up.js';
import { assertJanusBody } from '../common/request-body.js';
import { type MediaRequestOptions, negotiation, sendPluginRequest, typedEvent } from '../handle-helpers.js';
import type {
  NoSipErrorEvent,
  NoSipEvent,
  NoSipGeneratedResult,
  NoSipGenerateRequest,
  NoSipHangingUpResult,
  NoSipHangupRequest,
  NoSipKeyframeRequest,
  NoSipProcessedResult,
  NoSipProcessRequest,
  NoSipRecordingRequest,
  NoSipRecordingUpdatedResult,
} from './types.js';

/** Options of {@link NoSipHandle.generate}. */
export interface NoSipGenerateOptions extends MediaRequestOptions {
  /**
   * When we offer: how long our offer waits for the peer's answer (a `process` of type `answer`) before it
   * is abandoned. Default 60,000 ms.
   */
  answerTimeoutMs?: number;
}

/** Options of {@link NoSipHandle.process}. */
export interface NoSipProcessOptions extends CallOptions {
  /** Never used by `process` (it sends no JSEP of ours); present so the media-up rule reads one shape. */
  jsep?: undefined;
  /**
   * With the peer's answer to our offer: resolve only once the PeerConnection is up (`webrtcup`). `false`
   * resolves once the answer is applied. Default `true`.
   */
  waitForMedia?: boolean;
}

/** Listener arguments of every event a {@link NoSipHandle} emits (NoSIP only sends replies in 1.1.2). */
export type NoSipEventMap = HandleEventMap & {
  /** A `generated` result outside the reply to a request. */
  generated: [PluginEvent<NoSipEvent<NoSipGeneratedResult>>];
  /** A `processed` result outside the reply to a request. */
  processed: [PluginEvent<NoSipEvent<NoSipProcessedResult>>];
  /** A `hangingup` result outside the reply to a request. */
  hangingup: [PluginEvent<NoSipEvent<NoSipHangingUpResult>>];
  /** A `recordingupdated` result outside the reply to a request. */
  recordingupdated: [PluginEvent<NoSipEvent<NoSipRecordingUpdatedResult>>];
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<NoSipErrorEvent>];
};

/** Names of the NoSIP-specific events. */
export type NoSipEventName = Exclude<keyof NoSipEventMap, keyof HandleEventMap>;

/** Names the typed event a NoSIP `plugindata.data` object is, or `undefined`. */
export function classifyNoSipEvent(data: Record<string, unknown>): NoSipEventName | undefined {
  if ('error_code' in data) return 'plugin-error';
  const event = (data.result as { event?: unknown } | undefined)?.event;
  switch (event) {
    case 'generated':
    case 'processed':
    case 'hangingup':
    case 'recordingupdated':
      return event;
    default:
      return undefined;
  }
}

/** Our offer, sent with `generate`, waiting for the peer's answer from `process`. */
interface OpenOffer {
  /** Settles with the `generate` reply. */
  generated: { resolve(reply: PluginReply): void; reject(error: unknown): void };
  /** Gives the JSEP answer `process` brought to the waiting offer. */
  answer?: (jsep: Jsep) => void;
  /** The whole negotiation (resolves once the answer is applied). */
  done?: Promise<unknown>;
  /** Withdraws the wait for the answer. */
  cancel?: (error: unknown) => void;
  /** How long to wait for the answer. */
  answerTimeoutMs: number;
}

/**
 * A handle on the NoSIP plugin. Attach with `session.attach(NoSip)`.
 *
 * Calling out: `generate()` offers our media and resolves with the barebone offer for the peer; give the
 * peer's answer to `process({ type: 'answer', sdp })`. Called: `process({ type: 'offer', sdp })` with the
 * peer's offer, then `generate()` answers it and resolves with the barebone answer for the peer.
 * A plugin error rejects as a `PLUGIN_ERROR` JanusError whose `janusCode` is one of `NoSipErrorCode`.
 */
export class NoSipHandle extends MediaPluginHandle<NoSipEventMap> {
  readonly #offers: JanusOffers;
  #open: OpenOffer | undefined;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    // NoSIP offers only in the reply to `process` of the peer's offer; `generate` answers it.
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => false,
      renegotiationBody: () => ({ request: 'generate' }),
      onRenegotiationFailed: () => {},
    });
  }

  /** Janus's offer from `process` of the peer's offer, not answered by `generate` yet. */
  get pendingOffer(): Jsep | undefined {
    return this.#offers.pending;
  }

  /**
   * `generate`: with no pending offer, offers audio and video from `options.source` (default: a generated
   * tone and pattern; `audio`/`video` choose the kinds) and resolves with the barebone `offer` for the
   * peer, while our offer waits (up to `answerTimeoutMs`) for the answer `process` brings. With a pending
   * offer (after `process` of the peer's offer), answers it and resolves with the barebone `answer` once
   * media is up (`waitForMedia: false`: at the reply). With `options.jsep`, sends that JSEP as is.
   */
  async generate(
    request: NoSipGenerateRequest = {},
    options: NoSipGenerateOptions = {},
  ): Promise<NoSipEvent<NoSipGeneratedResult>> {
    type Reply = NoSipEvent<NoSipGeneratedResult>;
    if (options.jsep || this.#offers.pending) {
      return (await this.#offers.answer<Reply>('generate', request, options)).data;
    }
    assertJanusBody('generate', request);
    if (this.#open)
      throw new JanusError('INVALID_STATE', 'an offer is already waiting for the answer from process');
    const generated = new Promise<PluginReply>((resolve, reject) => {
      this.#open = { generated: { resolve, reject }, answerTimeoutMs: options.answerTimeoutMs ?? 60_000 };
    });
    const open = this.#open as unknown as OpenOffer;
    const media = negotiation(options, { audio: true, video: true });
    open.done = this.offer({ ...request, request: 'generate' }, media);
    open.done.then(
      () => {},
      (error: unknown) => {
        if (this.#open === open) this.#open = undefined;
        open.generated.reject(error);
      },
    );
    const reply = await generated;
    return reply.data as unknown as Reply;
  }

  /**
   * `process`: gives the plugin the peer's barebone SDP. An `answer` completes the offer `generate` made
   * and resolves once media is up (`waitForMedia: false`: once the answer is applied). An `offer` makes
   * Janus offer to us: the offer is kept ({@link NoSipHandle.pendingOffer}) for `generate` to answer.
   */
  async process(
    request: NoSipProcessRequest,
    options: NoSipProcessOptions = {},
  ): Promise<NoSipEvent<NoSipProcessedResult>> {
    type Reply = NoSipEvent<NoSipProcessedResult>;
    const call = { timeoutMs: options.timeoutMs, signal: options.signal };
    const reply = await sendPluginRequest<Reply>(this, 'process', request, call);
    const jsep = reply.jsep;
    if (!jsep) return reply.data;
    const open = this.#open;
    if (jsep.type === 'answer' && open?.answer) {
      this.#open = undefined;
      open.answer(jsep);
      await open.done;
      await mediaUp(this, options);
    } else {
      this.#offers.keep(jsep);
    }
    return reply.data;
  }

  /**
   * `hangup` (the plugin request): closes the PeerConnection and the plain RTP leg; resolves with
   * `hangingup`. Called with only call options (as the base class's `hangup` is), it does the same.
   */
  override hangup(options?: CallOptions): Promise<void>;
  override hangup(
    request: NoSipHangupRequest,
    options?: CallOptions,
  ): Promise<NoSipEvent<NoSipHangingUpResult>>;
  override async hangup(
    request: NoSipHangupRequest | CallOptions = {},
    options?: CallOptions,
  ): Promise<unknown> {
    const both = request as CallOptions;
    const callOptions = options ?? { signal: both.signal, timeoutMs: both.timeoutMs };
    this.#offers.clear();
    this.#open?.cancel?.(new JanusError('CLOSED', 'hung up before the answer came'));
    const reply = await sendPluginRequest<NoSipEvent<NoSipHangingUpResult>>(this, 'hangup', {}, callOptions);
    return reply.data;
  }

  /** `recording`: starts or stops recording our side and/or the peer's side into `.mjr` files. */
  async recording(
    request: NoSipRecordingRequest,
    options: CallOptions = {},
  ): Promise<NoSipEvent<NoSipRecordingUpdatedResult>> {
    return (
      await sendPluginRequest<NoSipEvent<NoSipRecordingUpdatedResult>>(this, 'recording', request, options)
    ).data;
  }

  /**
   * `keyframe`: asks for keyframes on either leg. Added to the plugin after 1.1.2 (janus-gateway commit
   * 8c9ce71d): a 1.1.2 server rejects it with `PLUGIN_ERROR`, `janusCode` 442 (`INVALID_REQUEST`).
   */
  async keyframe(request: NoSipKeyframeRequest = {}, options: CallOptions = {}): Promise<NoSipEvent> {
    return (await sendPluginRequest<NoSipEvent>(this, 'keyframe', request, options)).data;
  }

  /**
   * Sends the `generate` of our own offer (through {@link PluginHandle.offer}) and hands its reply to
   * `generate()`; then makes the offer wait for the answer that `process` brings, as if the reply had
   * carried it. Every other message goes out unchanged.
   */
  override async message<TData = Record<string, unknown>>(
    body: Record<string, unknown>,
    options: CallOptions & { jsep?: Jsep | undefined } = {},
  ): Promise<PluginReply<TData>> {
    const open = this.#open;
    if (!open || open.answer || body.request !== 'generate' || options.jsep?.type !== 'offer') {
      return super.message<TData>(body, options);
    }
    let reply: PluginReply<TData>;
    try {
      reply = await super.message<TData>(body, options);
    } catch (error) {
      open.generated.reject(error);
      throw error;
    }
    const answer = this.#waitForAnswer(open, open.answerTimeoutMs, options.signal);
    open.generated.resolve(reply as PluginReply);
    return { ...reply, jsep: await answer };
  }

  #waitForAnswer(open: OpenOffer, timeoutMs: number, signal: AbortSignal | undefined): Promise<Jsep> {
    return withDeadline<Jsep>('the answer of the peer (process)', { timeoutMs, signal }, (settle) => {
      open.answer = settle.resolve;
      open.cancel = settle.reject;
      return () => {
        open.answer = undefined;
        open.cancel = undefined;
        if (this.#open === open) this.#open = undefined;
      };
    });
  }

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyNoSipEvent(event.data);
    if (name) (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
    super.onPluginEvent(event);
  }
}

/** The NoSIP plugin: `session.attach(NoSip)` resolves with a {@link NoSipHandle}. */
export const NoSip: PluginDescriptor<NoSipHandle> = {
  plugin: 'janus.plugin.nosip',
  create: (host, actor) => new NoSipHandle(host, actor, 'janus.plugin.nosip'),
};
