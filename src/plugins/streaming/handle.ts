/**
 * The typed Streaming handle: one method per request of `janus.plugin.streaming`, typed events, and
 * the viewer's PeerConnection (Janus offers, the handle answers with `start`).
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../../../machines/handle.machine.js';
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, HandleHost, PluginEvent } from '../../plugin-handle.js';
import type { Jsep } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { JanusOffers, requireOffer } from '../common/janus-offers.js';
import { MediaPluginHandle } from '../common/media-handle.js';
import { type MediaRequestOptions, sendPluginRequest, typedEvent } from '../handle-helpers.js';
import type {
  StreamingConfiguredEvent,
  StreamingConfigureRequest,
  StreamingErrorEvent,
  StreamingLayerEvent,
  StreamingStatusEvent,
  StreamingSwitchedEvent,
  StreamingSwitchRequest,
  StreamingSyncRequests,
  StreamingViewerRequest,
  StreamingWatchRequest,
} from './types.js';

/** Listener arguments of every event a {@link StreamingHandle} emits, besides the base handle events. */
export type StreamingEventMap = HandleEventMap & {
  /** The viewer's status changed (`preparing`, `starting`, `started`, `pausing`, `stopping`, `stopped`...). */
  status: [PluginEvent<StreamingStatusEvent>];
  /** An unsolicited `switched`. */
  switched: [PluginEvent<StreamingSwitchedEvent>];
  /** An unsolicited `configured`. */
  configured: [PluginEvent<StreamingConfiguredEvent>];
  /** The simulcast substream/temporal layer or SVC layer we receive changed. */
  layer: [PluginEvent<StreamingLayerEvent>];
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<StreamingErrorEvent>];
  /** Answering an offer Janus sent on its own failed. */
  'renegotiation-failed': [unknown];
};

/** Names of the Streaming-specific events. */
export type StreamingEventName = Exclude<keyof StreamingEventMap, keyof HandleEventMap>;

/** Names the typed event a Streaming `plugindata.data` object is, or `undefined`. Pure; exported for tests. */
export function classifyStreamingEvent(data: Record<string, unknown>): StreamingEventName | undefined {
  if (data.streaming !== 'event') return undefined;
  if ('error_code' in data) return 'plugin-error';
  const result = data.result as Record<string, unknown> | undefined;
  if (!result || typeof result !== 'object') return undefined;
  if (typeof result.status === 'string') return 'status';
  if (result.switched !== undefined) return 'switched';
  if (result.event === 'configured') return 'configured';
  if (
    'substream' in result ||
    'temporal' in result ||
    'spatial_layer' in result ||
    'temporal_layer' in result
  ) {
    return 'layer';
  }
  return undefined;
}

/** Options of {@link StreamingHandle.watch}. */
export interface StreamingWatchOptions extends MediaRequestOptions {
  /**
   * Answer Janus's offer with `start` at once (`true`), or keep it in `pendingOffer` for a later
   * `start()` (`false`). Default `true`.
   */
  autoStart?: boolean;
}

type Sync<K extends keyof StreamingSyncRequests> = StreamingSyncRequests[K];

/**
 * A handle on the Streaming plugin. Attach with `session.attach(Streaming)`.
 *
 * Mountpoint management (`list`, `info`, `create`, `edit`, `destroy`, `recording`, `enable`,
 * `disable`, `kickAll`) works on any handle. A viewer `watch`es a mountpoint (Janus offers, the handle
 * answers with `start` and resolves once the media is up), then can `pause`, `start` again, `switch`
 * to another mountpoint, `configure` what it receives, and `stop`. Plugin errors reject with a
 * `PLUGIN_ERROR` JanusError whose `janusCode` is one of `StreamingErrorCode`.
 */
export class StreamingHandle extends MediaPluginHandle<StreamingEventMap> {
  /** Whether offers Janus sends on its own are answered by themselves. Default `true`. */
  autoRenegotiate = true;
  readonly #offers: JanusOffers;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => this.autoRenegotiate,
      renegotiationBody: () => ({ request: 'start' }),
      onRenegotiationFailed: (error) => this.emit('renegotiation-failed', error),
    });
  }

  /** Janus's offer not answered yet (after `watch` with `autoStart: false`), if any. */
  get pendingOffer(): Jsep | undefined {
    return this.#offers.pending;
  }

  // --- mountpoints (synchronous) -------------------------------------------------------------------

  /** `list`: the public mountpoints. */
  list(request: Sync<'list'>['request'] = {}, options?: CallOptions): Promise<Sync<'list'>['response']> {
    return this.#sync('list', request, options);
  }

  /** `info`: a mountpoint's details (private ones with its secret). */
  info(request: Sync<'info'>['request'], options?: CallOptions): Promise<Sync<'info'>['response']> {
    return this.#sync('info', request, options);
  }

  /** `create`: creates an `rtp`, `live`, `ondemand` or `rtsp` mountpoint. */
  create(request: Sync<'create'>['request'], options?: CallOptions): Promise<Sync<'create'>['response']> {
    return this.#sync('create', request, options);
  }

  /** `edit`: changes a mountpoint's description, metadata, secret, PIN or privacy. */
  edit(request: Sync<'edit'>['request'], options?: CallOptions): Promise<Sync<'edit'>['response']> {
    return this.#sync('edit', request, options);
  }

  /** `destroy`: removes a mountpoint; its viewers get `status: 'stopped'`. */
  destroy(request: Sync<'destroy'>['request'], options?: CallOptions): Promise<Sync<'destroy'>['response']> {
    return this.#sync('destroy', request, options);
  }

  /** `recording`: starts or stops recording an RTP mountpoint's streams to `.mjr` files. */
  recording(
    request: Sync<'recording'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'recording'>['response']> {
    return this.#sync('recording', request, options);
  }

  /** `enable`: lets viewers watch a disabled mountpoint again. */
  enable(request: Sync<'enable'>['request'], options?: CallOptions): Promise<Sync<'enable'>['response']> {
    return this.#sync('enable', request, options);
  }

  /** `disable`: stops relaying a mountpoint to its viewers. */
  disable(request: Sync<'disable'>['request'], options?: CallOptions): Promise<Sync<'disable'>['response']> {
    return this.#sync('disable', request, options);
  }

  /** `kick_all`: stops every viewer of a mountpoint. */
  kickAll(
    request: Sync<'kick_all'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'kick_all'>['response']> {
    return this.#sync('kick_all', request, options);
  }

  // --- viewer (asynchronous) -----------------------------------------------------------------------

  /**
   * `watch`: asks for an offer of the mountpoint's streams and, by default, answers it with `start`
   * (receive only; `options.recordTo` records what arrives) and resolves with the `start` reply once the
   * media is up (`webrtcup`; `waitForMedia: false` resolves at the reply). With `autoStart: false`
   * resolves with the `watch` reply (`preparing`), the offer kept for `start()`. With `restart: true`
   * (an ICE restart of a viewer) the new offer is answered the same way.
   */
  async watch(
    request: StreamingWatchRequest,
    options: StreamingWatchOptions = {},
  ): Promise<StreamingStatusEvent> {
    const { autoStart = true, ...media } = options;
    const reply = await sendPluginRequest<StreamingStatusEvent>(this, 'watch', request, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    this.#offers.keep(requireOffer('Streaming watch', reply));
    if (!autoStart) return reply.data;
    return (await this.#offers.answer<StreamingStatusEvent>('start', {}, media)).data;
  }

  /**
   * `start`: answers the pending offer (from `watch` with `autoStart: false`) and resolves once the media
   * is up; or, with no offer pending, resumes the delivery after `pause`. Resolves with `starting` for a
   * first start and `started` for a resume (the 1.1.2 code; its doc says `starting` for both).
   */
  async start(
    request: StreamingViewerRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<StreamingStatusEvent> {
    return (await this.#offers.answer<StreamingStatusEvent>('start', request, options)).data;
  }

  /** `pause`: pauses the delivery (`start` resumes it). Resolves with `pausing`. */
  async pause(
    request: StreamingViewerRequest = {},
    options: CallOptions = {},
  ): Promise<StreamingStatusEvent> {
    return (await sendPluginRequest<StreamingStatusEvent>(this, 'pause', request, options)).data;
  }

  /** `configure`: changes what we receive (a stream on or off, simulcast/SVC layers, playout delay). */
  async configure(
    request: StreamingConfigureRequest,
    options: CallOptions = {},
  ): Promise<StreamingConfiguredEvent> {
    return (await sendPluginRequest<StreamingConfiguredEvent>(this, 'configure', request, options)).data;
  }

  /** `switch`: moves to another mountpoint with the same media, without renegotiating. */
  async switch(request: StreamingSwitchRequest, options: CallOptions = {}): Promise<StreamingSwitchedEvent> {
    return (await sendPluginRequest<StreamingSwitchedEvent>(this, 'switch', request, options)).data;
  }

  /** `stop`: stops watching; Janus closes the PeerConnection. Resolves with `stopping`. */
  async stop(request: StreamingViewerRequest = {}, options: CallOptions = {}): Promise<StreamingStatusEvent> {
    const reply = await sendPluginRequest<StreamingStatusEvent>(this, 'stop', request, options);
    this.#offers.clear();
    return reply.data;
  }

  // --- events --------------------------------------------------------------------------------------

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyStreamingEvent(event.data);
    if (name) (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
    super.onPluginEvent(event);
    if (event.jsep?.type === 'offer') this.#offers.unsolicited(event.jsep);
  }

  async #sync<K extends keyof StreamingSyncRequests>(
    name: K,
    request: StreamingSyncRequests[K]['request'],
    options: CallOptions = {},
  ): Promise<StreamingSyncRequests[K]['response']> {
    return (await sendPluginRequest<StreamingSyncRequests[K]['response']>(this, name, request, options)).data;
  }
}

/** The Streaming plugin: `session.attach(Streaming)` resolves with a {@link StreamingHandle}. */
export const Streaming: PluginDescriptor<StreamingHandle> = {
  plugin: 'janus.plugin.streaming',
  create: (host, actor) => new StreamingHandle(host, actor, 'janus.plugin.streaming'),
};
