/**
 * The typed Record&Play handle: record what we send into `.mjr` files, list the recordings, play one
 * back, with typed events for each status.
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
  RecordPlayConfigureRequest,
  RecordPlayConfigureResponse,
  RecordPlayDoneEvent,
  RecordPlayEmptyEvent,
  RecordPlayErrorEvent,
  RecordPlayListRequest,
  RecordPlayListResponse,
  RecordPlayPauseRequest,
  RecordPlayPlayRequest,
  RecordPlayRecordRequest,
  RecordPlayResult,
  RecordPlayStartRequest,
  RecordPlayStatusEvent,
  RecordPlayStopRequest,
  RecordPlayUpdateRequest,
  RecordPlayUpdateResponse,
} from './types.js';

/** Options of {@link RecordPlayHandle.play}. */
export interface RecordPlayPlayOptions extends MediaRequestOptions {
  /**
   * Answer the plugin's offer at once with a `start` request (receiving only, unless `audio`/`video` say
   * otherwise). `false` resolves with the `preparing` event and keeps the offer in
   * {@link RecordPlayHandle.pendingOffer} for a later {@link RecordPlayHandle.start}. Default `true`.
   */
  autoStart?: boolean;
}

/** Listener arguments of every event a {@link RecordPlayHandle} emits. */
export type RecordPlayEventMap = HandleEventMap & {
  /** The recording or the playout is over: the PeerConnection went away (`result: 'done'`). */
  done: [PluginEvent<RecordPlayDoneEvent>];
  /** An event with a `result.status` (`recording`, `preparing`, `playing`, `stopped`, ...). */
  status: [PluginEvent<RecordPlayStatusEvent>];
  /** The plugin sees packet loss (`result.status` `slow_link`). */
  'slow-link': [PluginEvent<RecordPlayStatusEvent<Extract<RecordPlayResult, { status: 'slow_link' }>>>];
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<RecordPlayErrorEvent>];
};

/** Names of the Record&Play-specific events. */
export type RecordPlayEventName = Exclude<keyof RecordPlayEventMap, keyof HandleEventMap>;

/** Names the typed event a Record&Play `plugindata.data` object is, or `undefined`. */
export function classifyRecordPlayEvent(data: Record<string, unknown>): RecordPlayEventName | undefined {
  if ('error_code' in data) return 'plugin-error';
  const result = data.result;
  if (result === 'done') return 'done';
  if (typeof result === 'object' && result !== null) {
    return (result as { status?: unknown }).status === 'slow_link' ? 'slow-link' : 'status';
  }
  return undefined;
}

/**
 * A handle on the Record&Play plugin. Attach with `session.attach(RecordPlay)`.
 *
 * `list`, `update` and `configure` are answered synchronously; the others by an event. A plugin error
 * rejects as a `PLUGIN_ERROR` JanusError whose `janusCode` is one of `RecordPlayErrorCode`.
 */
export class RecordPlayHandle extends MediaPluginHandle<RecordPlayEventMap> {
  readonly #offers: JanusOffers;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    // Record&Play sends no offer of its own accord: only `play` (and `play` with `restart`) bring one.
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => false,
      renegotiationBody: () => ({ request: 'start' }),
      onRenegotiationFailed: () => {},
    });
  }

  /** The plugin's offer from `play` not answered yet (after `play` with `autoStart: false`). */
  get pendingOffer(): Jsep | undefined {
    return this.#offers.pending;
  }

  /** `list`: every completed recording. */
  async list(
    request: RecordPlayListRequest = {},
    options: CallOptions = {},
  ): Promise<RecordPlayListResponse> {
    return (await sendPluginRequest<RecordPlayListResponse>(this, 'list', request, options)).data;
  }

  /** `update`: rescan the recordings folder for `.nfo` files added by hand. */
  async update(
    request: RecordPlayUpdateRequest = {},
    options: CallOptions = {},
  ): Promise<RecordPlayUpdateResponse> {
    return (await sendPluginRequest<RecordPlayUpdateResponse>(this, 'update', request, options)).data;
  }

  /** `configure`: video bitrate cap and keyframe interval of this handle's recordings. */
  async configure(
    request: RecordPlayConfigureRequest,
    options: CallOptions = {},
  ): Promise<RecordPlayConfigureResponse> {
    return (await sendPluginRequest<RecordPlayConfigureResponse>(this, 'configure', request, options)).data;
  }

  /**
   * `record`: offers audio and video from `options.source` (default: a generated tone and pattern; set
   * `audio`/`video` to change the kinds) and records them. Resolves with the `recording` result (its `id`
   * names the recording) once the PeerConnection is up, or at the plugin's answer with
   * `waitForMedia: false`. With `options.jsep` it sends that offer as is.
   */
  async record(
    request: RecordPlayRecordRequest,
    options: MediaRequestOptions = {},
  ): Promise<RecordPlayStatusEvent<Extract<RecordPlayResult, { status: 'recording' }>>> {
    type Reply = RecordPlayStatusEvent<Extract<RecordPlayResult, { status: 'recording' }>>;
    const reply = await offerRequest<Reply>(this, 'record', request, options, { audio: true, video: true });
    return reply.data;
  }

  /**
   * `play`: asks for a recording's playout. The plugin answers `preparing` with its offer; by default the
   * handle answers it at once (a `start` request, receiving only unless `audio`/`video` say otherwise) and
   * resolves with the `preparing` result once media is up. `autoStart: false` resolves at `preparing`
   * and keeps the offer for {@link RecordPlayHandle.start}; `waitForMedia: false` resolves at `playing`.
   */
  async play(
    request: RecordPlayPlayRequest,
    options: RecordPlayPlayOptions = {},
  ): Promise<RecordPlayStatusEvent<Extract<RecordPlayResult, { status: 'preparing' | 'restarting' }>>> {
    type Reply = RecordPlayStatusEvent<Extract<RecordPlayResult, { status: 'preparing' | 'restarting' }>>;
    const { jsep: _jsep, autoStart, ...rest } = options;
    const reply = await sendPluginRequest<Reply>(this, 'play', request, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if (!this.#offers.keep(reply.jsep) || autoStart === false) return reply.data;
    await this.start({}, rest);
    return reply.data;
  }

  /**
   * `start`: answers the offer `play` brought ({@link RecordPlayHandle.pendingOffer}) and starts the
   * playout; or sends the answer in `options.jsep`. Resolves with `playing` once media is up, or at the
   * plugin's reply with `waitForMedia: false`.
   */
  async start(
    request: RecordPlayStartRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<RecordPlayStatusEvent<{ status: 'playing' }>> {
    type Reply = RecordPlayStatusEvent<{ status: 'playing' }>;
    return (await this.#offers.answer<Reply>('start', request, options)).data;
  }

  /** `stop`: stops recording or playing; the plugin closes the PeerConnection and a `done` event follows. */
  async stop(
    request: RecordPlayStopRequest = {},
    options: CallOptions = {},
  ): Promise<RecordPlayStatusEvent<{ status: 'stopped'; id?: number }>> {
    return (
      await sendPluginRequest<RecordPlayStatusEvent<{ status: 'stopped'; id?: number }>>(
        this,
        'stop',
        request,
        options,
      )
    ).data;
  }

  /** `pause` (in the code, not in the doc): pauses the recording. Answers with no `result` when not recording. */
  async pause(
    request: RecordPlayPauseRequest = {},
    options: CallOptions = {},
  ): Promise<RecordPlayStatusEvent<{ status: 'paused'; id: number }> | RecordPlayEmptyEvent> {
    return (
      await sendPluginRequest<RecordPlayStatusEvent<{ status: 'paused'; id: number }>>(
        this,
        'pause',
        request,
        options,
      )
    ).data;
  }

  /** `resume` (in the code, not in the doc): resumes a paused recording and asks for a keyframe. */
  async resume(
    request: RecordPlayPauseRequest = {},
    options: CallOptions = {},
  ): Promise<RecordPlayStatusEvent<{ status: 'resumed'; id: number }> | RecordPlayEmptyEvent> {
    return (
      await sendPluginRequest<RecordPlayStatusEvent<{ status: 'resumed'; id: number }>>(
        this,
        'resume',
        request,
        options,
      )
    ).data;
  }

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyRecordPlayEvent(event.data);
    if (name === 'done') this.#offers.clear();
    if (name) (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
    super.onPluginEvent(event);
  }
}

/** The Record&Play plugin: `session.attach(RecordPlay)` resolves with a {@link RecordPlayHandle}. */
export const RecordPlay: PluginDescriptor<RecordPlayHandle> = {
  plugin: 'janus.plugin.recordplay',
  create: (host, actor) => new RecordPlayHandle(host, actor, 'janus.plugin.recordplay'),
};
