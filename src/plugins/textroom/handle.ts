/**
 * The typed TextRoom handle: room management over the Janus API, and chat over the data channel the
 * handle negotiates itself (`setup`).
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../../../machines/handle.machine.js';
import { JanusError } from '../../errors.js';
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, HandleHost } from '../../plugin-handle.js';
import { PluginHandle } from '../../plugin-handle.js';
import type { Jsep, PluginReply } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { JanusOffers, requireOffer } from '../common/janus-offers.js';
import { sendPluginRequest } from '../handle-helpers.js';
import { DEFAULT_TEXTROOM_DATA_TIMEOUT_MS, TextRoomDataLink } from './data-link.js';
import type {
  TextRoomAnnouncementEvent,
  TextRoomDataEvent,
  TextRoomDestroyedEvent,
  TextRoomJoinEvent,
  TextRoomJoinRequest,
  TextRoomJoinResponse,
  TextRoomKickedEvent,
  TextRoomLeaveEvent,
  TextRoomLeaveRequest,
  TextRoomManagementRequests,
  TextRoomMessageEvent,
  TextRoomMessageRequest,
  TextRoomMessageResponse,
  TextRoomSuccessResponse,
} from './types.js';

/** Listener arguments of every event a {@link TextRoomHandle} emits (data channel events are plain objects). */
export type TextRoomEventMap = HandleEventMap & {
  /** Somebody joined a room we are in (our own join included). */
  join: [TextRoomJoinEvent];
  /** Somebody left a room we are in (our own leave included). */
  leave: [TextRoomLeaveEvent];
  /** A public message or a whisper (also the history replayed on `join`). */
  message: [TextRoomMessageEvent];
  /** An announcement from the room (also replayed from the history). */
  announcement: [TextRoomAnnouncementEvent];
  /** Somebody (maybe us) was kicked out of a room we are in. */
  kicked: [TextRoomKickedEvent];
  /** A room we are in was destroyed. */
  destroyed: [TextRoomDestroyedEvent];
  /** The data channel is open: data channel requests can go out. */
  ready: [];
  /** Something arrived on the data channel that is neither an event nor a reply we wait for. */
  'data-stray': [Record<string, unknown>];
};

/** Where a management request goes: the Janus API (`message`) or the data channel. */
export type TextRoomVia = 'api' | 'datachannel';

/** Options of the room-management methods. */
export interface TextRoomRequestOptions extends CallOptions {
  /** Send over the Janus API or over the data channel (after `setup`). Defaults to `api`. */
  via?: TextRoomVia;
}

/** Options of {@link TextRoomHandle.setup}. */
export interface TextRoomSetupOptions extends CallOptions {}

/** What `join` resolves with: the plugin's reply plus the history it replayed before it. */
export interface TextRoomJoinResult extends TextRoomJoinResponse {
  /** Messages and announcements the room replayed from its history, oldest first. */
  history: (TextRoomMessageEvent | TextRoomAnnouncementEvent)[];
}

/** The label of the data channel Janus plugins use (`JanusDataChannel`). */
const JANUS_DATA_CHANNEL = 'JanusDataChannel';

type Mgmt<K extends keyof TextRoomManagementRequests> = TextRoomManagementRequests[K];

/**
 * A handle on the TextRoom plugin. Attach with `session.attach(TextRoom)`, then `setup()` to open the
 * data channel before `join`, `leave` and `sendMessage`.
 *
 * Management requests (`list`, `exists`, `create`, `edit`, `destroy`, `allowed`, `kick`,
 * `listParticipants`, `announcement`) go over the Janus API by default, or over the data channel with
 * `{ via: 'datachannel' }`. Data channel requests carry a `transaction` matched to their reply, with a
 * timeout (default 10 s) and an AbortSignal. Plugin errors reject with a `PLUGIN_ERROR` JanusError whose
 * `janusCode` is one of `TextRoomErrorCode`.
 */
export class TextRoomHandle extends PluginHandle<TextRoomEventMap> {
  #link: TextRoomDataLink | undefined;
  readonly #historyCollectors = new Set<(event: TextRoomDataEvent) => void>();
  readonly #offers: JanusOffers;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    // TextRoom offers only at `setup` and `restart`, both answered by those methods.
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => false,
      renegotiationBody: () => ({ request: 'ack' }),
      onRenegotiationFailed: () => {},
      defaults: { data: true },
    });
  }

  /** Whether `setup` completed and the data channel is open. */
  get dataReady(): boolean {
    return this.#link !== undefined;
  }

  /**
   * `setup`: asks Janus for a data-channel-only offer, answers it (`ack`), and resolves once the data
   * channel is open. Needs the media layer (werift) and a network where Janus gathers ICE.
   */
  async setup(options: TextRoomSetupOptions = {}): Promise<void> {
    if (this.#link) throw new JanusError('INVALID_STATE', 'the TextRoom data channel is already set up');
    const reply = await sendPluginRequest(this, 'setup', {}, options);
    this.#offers.keep(requireOffer('TextRoom setup', reply));
    const { timeoutMs, signal } = options;
    await this.#offers.answer('ack', {}, { timeoutMs, signal, waitForMedia: false });
    const peer = this.mediaPeer;
    if (!peer) throw new JanusError('INVALID_STATE', 'no PeerConnection after answering the TextRoom offer');
    await peer.waitForData(JANUS_DATA_CHANNEL, timeoutMs ?? DEFAULT_TEXTROOM_DATA_TIMEOUT_MS);
    this.bindDataChannel(
      (text) => peer.sendData(text),
      (listener) =>
        peer.on('data', (data, label) => {
          if (label === JANUS_DATA_CHANNEL) listener(data);
        }),
    );
  }

  /**
   * `restart`: asks Janus for a new offer with an ICE restart (after `setup`) and answers it (`ack`); the
   * data channel stays the same. Resolves once the answer is sent.
   */
  async restart(options: CallOptions = {}): Promise<void> {
    if (!this.mediaPeer) throw new JanusError('INVALID_STATE', 'TextRoom restart needs setup() first');
    const reply = await sendPluginRequest(this, 'restart', {}, options);
    this.#offers.keep(requireOffer('TextRoom restart', reply));
    const { timeoutMs, signal } = options;
    await this.#offers.answer('ack', {}, { timeoutMs, signal, waitForMedia: false });
  }

  /**
   * Uses a data channel opened elsewhere: `send` sends text on it and `subscribe` registers a listener for
   * what arrives. `setup` calls this itself; call it directly only when negotiating by hand.
   */
  bindDataChannel(
    send: (text: string) => void,
    subscribe: (listener: (data: unknown) => void) => void,
  ): void {
    this.#link?.close('the TextRoom data channel was replaced');
    const link = new TextRoomDataLink(
      send,
      (event) => this.#onDataEvent(event),
      (stray) => this.emit('data-stray', stray),
    );
    this.#link = link;
    subscribe((data) => {
      if (this.#link !== link) return;
      const text = typeof data === 'string' ? data : dataToText(data);
      if (text !== undefined) link.receive(text);
    });
    this.on('detached', () => link.close('the handle detached'));
    this.on('hangup', () => link.close('the PeerConnection was closed'));
    this.emit('ready');
  }

  // --- management: Janus API or data channel --------------------------------------------------------

  /** `list`: the public rooms (private ones too with the plugin's `admin_key`). */
  list(
    request: Mgmt<'list'>['request'] = {},
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'list'>['response']> {
    return this.#manage('list', request, options);
  }

  /** `exists`: whether a room exists. */
  exists(
    request: Mgmt<'exists'>['request'],
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'exists'>['response']> {
    return this.#manage('exists', request, options);
  }

  /** `create`: creates a room (`created` over the API, `success` over the data channel). */
  create(
    request: Mgmt<'create'>['request'] = {},
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'create'>['response']> {
    return this.#manage('create', request, options);
  }

  /** `edit`: changes a room's description, secret, PIN, privacy or HTTP backend. */
  edit(
    request: Mgmt<'edit'>['request'],
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'edit'>['response']> {
    return this.#manage('edit', request, options);
  }

  /** `destroy`: destroys a room; everybody in it gets `destroyed`. */
  destroy(
    request: Mgmt<'destroy'>['request'],
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'destroy'>['response']> {
    return this.#manage('destroy', request, options);
  }

  /** `allowed`: enables, disables or edits the room's token ACL. */
  allowed(
    request: Mgmt<'allowed'>['request'],
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'allowed'>['response']> {
    return this.#manage('allowed', request, options);
  }

  /**
   * `kick`: removes a participant from a room; everybody in it gets `kicked`. Janus 1.1.2 answers with the
   * misspelled `{ textbridge: 'success' }`, later versions with `{ textroom: 'success' }`.
   */
  kick(
    request: Mgmt<'kick'>['request'],
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'kick'>['response']> {
    return this.#manage('kick', request, options);
  }

  /** `listparticipants`: who is in a room. */
  listParticipants(
    request: Mgmt<'listparticipants'>['request'],
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'listparticipants'>['response']> {
    return this.#manage('listparticipants', request, options);
  }

  /** `announcement`: a message from the room itself to everybody in it (kept in the history). */
  announcement(
    request: Mgmt<'announcement'>['request'],
    options?: TextRoomRequestOptions,
  ): Promise<Mgmt<'announcement'>['response']> {
    return this.#manage('announcement', request, options);
  }

  // --- data channel only ------------------------------------------------------------------------------

  /**
   * `join` (data channel): joins a room under a unique `username`. Resolves with the other participants
   * and the `history` the room replayed (unless `history: false`); `join` events follow for newcomers.
   */
  async join(request: TextRoomJoinRequest, options: CallOptions = {}): Promise<TextRoomJoinResult> {
    const link = this.#requireLink('join');
    const history: TextRoomJoinResult['history'] = [];
    let collecting = true;
    const collector = (event: TextRoomDataEvent): void => {
      if (!collecting || event.room !== request.room) return;
      if (event.textroom === 'join' && event.username === request.username) collecting = false;
      else if (event.textroom === 'message' || event.textroom === 'announcement') history.push(event);
    };
    this.#historyCollectors.add(collector);
    try {
      const reply = await link.request<TextRoomJoinResponse>('join', request, options);
      return { ...reply, history };
    } finally {
      this.#historyCollectors.delete(collector);
    }
  }

  /** `leave` (data channel): leaves a room. */
  leave(request: TextRoomLeaveRequest, options: CallOptions = {}): Promise<TextRoomSuccessResponse> {
    return this.#requireLink('leave').request<TextRoomSuccessResponse>('leave', request, options);
  }

  /**
   * `message` (data channel): sends `text` to the room, or as a whisper `to` one username or `tos` several.
   * Resolves with the plugin's ack (`sent` tells which whisper recipients got it), or `undefined` right after
   * sending when `ack: false`. Called with a Janus API body (one with a `request` field) it is the generic
   * `PluginHandle.message`; {@link TextRoomHandle.sendMessage} is the same data-channel call by another name.
   */
  override message(
    request: TextRoomMessageRequest,
    options?: CallOptions,
  ): Promise<TextRoomMessageResponse | undefined>;
  override message<TData = Record<string, unknown>>(
    body: Record<string, unknown>,
    options?: CallOptions & { jsep?: Jsep | undefined },
  ): Promise<PluginReply<TData>>;
  override message(
    body: Record<string, unknown> | TextRoomMessageRequest,
    options: CallOptions & { jsep?: Jsep | undefined } = {},
  ): Promise<unknown> {
    const fields = body as Record<string, unknown>;
    if (typeof fields.request !== 'string' && typeof fields.text === 'string') {
      return this.sendMessage(body as TextRoomMessageRequest, options);
    }
    return super.message(fields, options);
  }

  /** `message` over the data channel; see {@link TextRoomHandle.message}. */
  sendMessage(
    request: TextRoomMessageRequest,
    options: CallOptions = {},
  ): Promise<TextRoomMessageResponse | undefined> {
    return this.#requireLink('message').request<TextRoomMessageResponse | undefined>('message', request, {
      ...options,
      expectReply: request.ack !== false,
    });
  }

  // --- internals -------------------------------------------------------------------------------------

  #onDataEvent(event: TextRoomDataEvent): void {
    for (const collector of this.#historyCollectors) collector(event);
    (this.emit as (name: string, ...args: unknown[]) => boolean)(event.textroom, event);
  }

  #requireLink(what: string): TextRoomDataLink {
    if (!this.#link)
      throw new JanusError('INVALID_STATE', `TextRoom '${what}' needs the data channel: call setup() first`);
    return this.#link;
  }

  async #manage<K extends keyof TextRoomManagementRequests>(
    name: K,
    request: TextRoomManagementRequests[K]['request'],
    options: TextRoomRequestOptions = {},
  ): Promise<TextRoomManagementRequests[K]['response']> {
    const { via = 'api', ...callOptions } = options;
    if (via === 'datachannel') {
      return this.#requireLink(name).request<TextRoomManagementRequests[K]['response']>(
        name,
        request,
        callOptions,
      );
    }
    return (
      await sendPluginRequest<TextRoomManagementRequests[K]['response']>(this, name, request, callOptions)
    ).data;
  }
}

function dataToText(data: unknown): string | undefined {
  if (data instanceof Uint8Array) return new TextDecoder().decode(data);
  if (data && typeof data === 'object' && 'data' in data) {
    const inner = (data as { data: unknown }).data;
    if (typeof inner === 'string') return inner;
    if (inner instanceof Uint8Array) return new TextDecoder().decode(inner);
  }
  return undefined;
}

/** The TextRoom plugin: `session.attach(TextRoom)` resolves with a {@link TextRoomHandle}. */
export const TextRoom: PluginDescriptor<TextRoomHandle> = {
  plugin: 'janus.plugin.textroom',
  create: (host, actor) => new TextRoomHandle(host, actor, 'janus.plugin.textroom'),
};
