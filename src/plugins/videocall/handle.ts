/**
 * The typed VideoCall handle: register a username, call another one, accept, renegotiate, hang up, with
 * typed events for each step of a call.
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../../../machines/handle.machine.js';
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, HandleHost, PluginEvent } from '../../plugin-handle.js';
import type { Jsep } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { offerRequest } from '../common/client-offers.js';
import { JanusOffers } from '../common/janus-offers.js';
import { MediaPluginHandle } from '../common/media-handle.js';
import { type MediaRequestOptions, sendPluginRequest, typedEvent } from '../handle-helpers.js';
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
export class VideoCallHandle extends MediaPluginHandle<VideoCallEventMap> {
  /** Whether the handle answers by itself the offers the peer sends in `update` events. Default `true`. */
  autoRenegotiate = true;
  readonly #offers: JanusOffers;
  #peerUsername: string | undefined;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => this.autoRenegotiate,
      renegotiationBody: () => ({ request: 'set' }),
      onRenegotiationFailed: (error) => this.emit('renegotiation-failed', error),
      defaults: { audio: true, video: true },
    });
  }

  /**
   * The offer not answered yet, if any: the incoming call's (from `incomingcall`), or a peer's
   * renegotiation offer left unanswered with `autoRenegotiate = false`.
   */
  get incomingOffer(): Jsep | undefined {
    return this.#offers.pending;
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
   * generated tone and pattern) and resolves with `calling` once the callee accepted, its answer (from
   * the `accepted` event) is applied and the media is up (`webrtcup`); `options.timeoutMs` is how long it
   * rings (default 10 s). `waitForMedia: false` resolves once the answer is applied. With `options.jsep`
   * it sends that offer and resolves with `calling` at once.
   */
  async call(
    request: VideoCallCallRequest,
    options: MediaRequestOptions = {},
  ): Promise<VideoCallCallingEvent> {
    this.#peerUsername = request.username;
    const reply = await offerRequest<VideoCallCallingEvent>(this, 'call', request, options, {
      audio: true,
      video: true,
    });
    return reply.data;
  }

  /**
   * `accept`: accepts the incoming call, answering its offer ({@link VideoCallHandle.incomingOffer}) with
   * audio and video from `options.source` (default: a generated tone and pattern); or sends the answer in
   * `options.jsep`. Resolves with `accepted` once the media is up (`webrtcup`); `waitForMedia: false`
   * resolves at the reply.
   */
  async accept(
    request: VideoCallAcceptRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<VideoCallAcceptedEvent> {
    const reply = await this.#offers.answer<VideoCallAcceptedEvent>('accept', request, options);
    this.#offers.clear();
    return reply.data;
  }

  /**
   * `set`: changes what we relay (audio, video, bitrate, recording, simulcast layers). With media options
   * (`audio`, `video`, `data`, `source`, `iceRestart`) it renegotiates: our new offer goes to the peer,
   * whose handle answers it by itself, and resolves once that answer is applied. With `options.jsep` it
   * sends that JSEP.
   */
  async set(request: VideoCallSetRequest, options: MediaRequestOptions = {}): Promise<VideoCallSetEvent> {
    const renegotiate =
      !options.jsep &&
      this.mediaPeer !== undefined &&
      (options.audio !== undefined ||
        options.video !== undefined ||
        options.data !== undefined ||
        options.source !== undefined ||
        options.iceRestart === true);
    if (renegotiate) return (await offerRequest<VideoCallSetEvent>(this, 'set', request, options)).data;
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
    this.#offers.clear();
    this.#peerUsername = undefined;
    return reply.data;
  }

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyVideoCallEvent(event.data);
    const result = (event.data as { result?: { username?: unknown } }).result;
    if (name === 'incomingcall') {
      this.#offers.keep(event.jsep);
      if (typeof result?.username === 'string') this.#peerUsername = result.username;
    } else if (name === 'call-hangup') {
      this.#offers.clear();
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
    if (name === 'update') this.#offers.unsolicited(event.jsep);
  }
}

/** The VideoCall plugin: `session.attach(VideoCall)` resolves with a {@link VideoCallHandle}. */
export const VideoCall: PluginDescriptor<VideoCallHandle> = {
  plugin: 'janus.plugin.videocall',
  create: (host, actor) => new VideoCallHandle(host, actor, 'janus.plugin.videocall'),
};
