/**
 * The typed VideoCall handle: register a username, call another one, accept, renegotiate, hang up, with
 * typed events for each step of a call.
 * @module
 */
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, PluginEvent } from '../../plugin-handle.js';
import { PluginHandle } from '../../plugin-handle.js';
import type { Jsep } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { type MediaRequestOptions, negotiation, sendPluginRequest, typedEvent } from '../handle-helpers.js';
import type {
  VideoCallAcceptedEvent,
  VideoCallAcceptRequest,
  VideoCallCallingEvent,
  VideoCallCallRequest,
  VideoCallErrorEvent,
  VideoCallHangupEvent,
  VideoCallHangupRequest,
  VideoCallIncomingCallEvent,
  VideoCallListEvent,
  VideoCallListRequest,
  VideoCallRegisteredEvent,
  VideoCallRegisterRequest,
  VideoCallSetEvent,
  VideoCallSetRequest,
  VideoCallSimulcastEvent,
  VideoCallSlowLinkEvent,
  VideoCallUpdateEvent,
} from './types.js';

/**
 * Listener arguments of every event a {@link VideoCallHandle} emits. The plugin's `hangup` result is
 * `call-hangup` (typed), and is also emitted as `hangup` (`{ reason, raw }`), the core event of every handle
 * that also fires when the PeerConnection closes: tell them apart by `raw.janus` (`event` or `hangup`).
 */
export type VideoCallEventMap = HandleEventMap & {
  /** An unsolicited `registered`. */
  registered: [PluginEvent<VideoCallRegisteredEvent>];
  /** An unsolicited `calling`. */
  calling: [PluginEvent<VideoCallCallingEvent>];
  /** Somebody calls us: `result.username` is the caller, `jsep` its offer (kept for `accept`). */
  incomingcall: [PluginEvent<VideoCallIncomingCallEvent>];
  /** The callee accepted our call: `jsep` is its answer. */
  accepted: [PluginEvent<VideoCallAcceptedEvent>];
  /** The peer renegotiated: `jsep` is its new offer or answer. */
  update: [PluginEvent<VideoCallUpdateEvent>];
  /** An unsolicited `set`. */
  set: [PluginEvent<VideoCallSetEvent>];
  /** The call ended (`result.username` hung up, `result.reason` says why). */
  'call-hangup': [PluginEvent<VideoCallHangupEvent>];
  /** The simulcast substream or temporal layer we receive changed. */
  simulcast: [PluginEvent<VideoCallSimulcastEvent>];
  /** The plugin sees many NACKs on this handle. */
  'slow-link': [PluginEvent<VideoCallSlowLinkEvent>];
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<VideoCallErrorEvent>];
  /** Answering an offer the peer sent in an `update` event failed. */
  'renegotiation-failed': [unknown];
};

/** Names of the VideoCall-specific events. */
export type VideoCallEventName = Exclude<keyof VideoCallEventMap, keyof HandleEventMap>;

/** Names the typed event a VideoCall `plugindata.data` object is, or `undefined` (e.g. a `list` result). */
export function classifyVideoCallEvent(data: Record<string, unknown>): VideoCallEventName | undefined {
  if ('error_code' in data) return 'plugin-error';
  const result = data.result as { event?: unknown } | undefined;
  switch (result?.event) {
    case 'registered':
    case 'calling':
    case 'incomingcall':
    case 'accepted':
    case 'update':
    case 'set':
    case 'simulcast':
      return result.event;
    case 'hangup':
      return 'call-hangup';
    case 'slow_link':
      return 'slow-link';
    default:
      return undefined;
  }
}

/**
 * A handle on the VideoCall plugin. Attach with `session.attach(VideoCall)`.
 *
 * Every request is answered asynchronously by the plugin; each method resolves with that typed answer
 * and rejects a plugin error as a `PLUGIN_ERROR` JanusError whose `janusCode` is one of `VideoCallErrorCode`.
 */
export class VideoCallHandle extends PluginHandle<VideoCallEventMap> {
  /** Whether the handle answers by itself the offers the peer sends in `update` events. Default `true`. */
  autoRenegotiate = true;
  #incomingOffer: Jsep | undefined;
  #peerUsername: string | undefined;

  /** The offer of the incoming call not accepted yet, if any (from `incomingcall`). */
  get incomingOffer(): Jsep | undefined {
    return this.#incomingOffer;
  }

  /** The username of the other side of the current or incoming call, if any. */
  get peerUsername(): string | undefined {
    return this.#peerUsername;
  }

  /** `list`: the registered usernames. */
  async list(request: VideoCallListRequest = {}, options: CallOptions = {}): Promise<VideoCallListEvent> {
    return (await sendPluginRequest<VideoCallListEvent>(this, 'list', request, options)).data;
  }

  /** `register`: claims a username (freed when the handle goes away). */
  async register(
    request: VideoCallRegisterRequest,
    options: CallOptions = {},
  ): Promise<VideoCallRegisteredEvent> {
    return (await sendPluginRequest<VideoCallRegisteredEvent>(this, 'register', request, options)).data;
  }

  /**
   * `call`: calls a registered user. The handle offers audio and video from `options.source` (default: a
   * generated tone and pattern) and resolves with `calling` once the callee accepted and its answer (from
   * the `accepted` event) is applied; `options.timeoutMs` is how long it rings (default 10 s). With
   * `options.jsep` it sends that offer and resolves with `calling` at once.
   */
  async call(
    request: VideoCallCallRequest,
    options: MediaRequestOptions = {},
  ): Promise<VideoCallCallingEvent> {
    this.#peerUsername = request.username;
    if (options.jsep) {
      return (await sendPluginRequest<VideoCallCallingEvent>(this, 'call', request, options)).data;
    }
    const reply = await this.offer(
      { ...request, request: 'call' },
      negotiation(options, { audio: true, video: true }),
    );
    return reply.data as unknown as VideoCallCallingEvent;
  }

  /**
   * `accept`: accepts the incoming call, answering its offer ({@link VideoCallHandle.incomingOffer}) with
   * audio and video from `options.source` (default: a generated tone and pattern); or sends the answer in
   * `options.jsep`. Resolves with `accepted`; `webrtcup` follows.
   */
  async accept(
    request: VideoCallAcceptRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<VideoCallAcceptedEvent> {
    const offer = this.#incomingOffer;
    if (options.jsep || !offer) {
      const reply = await sendPluginRequest<VideoCallAcceptedEvent>(this, 'accept', request, options);
      this.#incomingOffer = undefined;
      return reply.data;
    }
    this.#incomingOffer = undefined;
    const reply = await this.answer(
      offer,
      { ...request, request: 'accept' },
      negotiation(options, { audio: true, video: true }),
    );
    return reply.data as unknown as VideoCallAcceptedEvent;
  }

  /**
   * `set`: changes what we relay (audio, video, bitrate, recording, simulcast layers). With media options
   * (`audio`, `video`, `data`, `source`, `iceRestart`) it renegotiates: our new offer goes to the peer,
   * whose handle answers it by itself, and resolves once that answer is applied. With `options.jsep` it
   * sends that JSEP.
   */
  async set(request: VideoCallSetRequest, options: MediaRequestOptions = {}): Promise<VideoCallSetEvent> {
    const media = negotiation(options);
    const renegotiate =
      !options.jsep &&
      this.peer !== undefined &&
      (media.audio !== undefined ||
        media.video !== undefined ||
        media.data !== undefined ||
        media.source !== undefined ||
        media.iceRestart === true);
    if (renegotiate) {
      const reply = await this.offer({ ...request, request: 'set' }, media);
      return reply.data as unknown as VideoCallSetEvent;
    }
    return (await sendPluginRequest<VideoCallSetEvent>(this, 'set', request, options)).data;
  }

  /**
   * `hangup` (the plugin request): hangs up, cancels or declines a call, with an optional `reason` for the
   * peer; the plugin closes both PeerConnections. Resolves with the plugin's `hangup` result. Called with
   * only call options (as the base class's `hangup` is), it does the same with the default reason.
   */
  override hangup(options?: CallOptions): Promise<void>;
  override hangup(request: VideoCallHangupRequest, options?: CallOptions): Promise<VideoCallHangupEvent>;
  override async hangup(
    request: VideoCallHangupRequest | CallOptions = {},
    options?: CallOptions,
  ): Promise<unknown> {
    const both = request as VideoCallHangupRequest & CallOptions;
    const callOptions = options ?? { signal: both.signal, timeoutMs: both.timeoutMs };
    const body: VideoCallHangupRequest = both.reason === undefined ? {} : { reason: both.reason };
    const reply = await sendPluginRequest<VideoCallHangupEvent>(this, 'hangup', body, callOptions);
    this.#incomingOffer = undefined;
    this.#peerUsername = undefined;
    return reply.data;
  }

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyVideoCallEvent(event.data);
    const result = (event.data as { result?: { username?: unknown } }).result;
    if (name === 'incomingcall') {
      this.#incomingOffer = event.jsep;
      if (typeof result?.username === 'string') this.#peerUsername = result.username;
    } else if (name === 'call-hangup') {
      this.#incomingOffer = undefined;
      this.#peerUsername = undefined;
    }
    if (name) (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
    if (name === 'call-hangup') {
      // The event name: `hangup` also fires for the plugin's hangup result (raw.janus 'event'),
      // besides the core `hangup` when the PeerConnection closes (raw.janus 'hangup').
      const reason = (result as { reason?: unknown } | undefined)?.reason;
      this.emitEvent('hangup', { reason: typeof reason === 'string' ? reason : 'hangup', raw: event.raw });
    }
    super.onPluginEvent(event);
    if (name === 'update' && event.jsep?.type === 'offer' && this.autoRenegotiate && this.peer) {
      this.answer(event.jsep, { request: 'set' }).catch((error: unknown) =>
        this.emit('renegotiation-failed', error),
      );
    }
  }
}

/** The VideoCall plugin: `session.attach(VideoCall)` resolves with a {@link VideoCallHandle}. */
export const VideoCall: PluginDescriptor<VideoCallHandle> = {
  plugin: 'janus.plugin.videocall',
  create: (host, actor) => new VideoCallHandle(host, actor, 'janus.plugin.videocall'),
};
