/**
 * The typed AudioBridge handle: one method per request of `janus.plugin.audiobridge`, typed events, and
 * the negotiation of a participant's audio PeerConnection (or a plain-RTP participant).
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
  AudioBridgeAnnouncementEvent,
  AudioBridgeChangeRoomRequest,
  AudioBridgeConfiguredEvent,
  AudioBridgeConfigureRequest,
  AudioBridgeDestroyedEvent,
  AudioBridgeErrorEvent,
  AudioBridgeHangingUpEvent,
  AudioBridgeJoinedEvent,
  AudioBridgeJoinRequest,
  AudioBridgeKickedAllEvent,
  AudioBridgeKickedEvent,
  AudioBridgeLeaveRequest,
  AudioBridgeLeavingEvent,
  AudioBridgeLeftEvent,
  AudioBridgeParticipantsEvent,
  AudioBridgeRoomChangedEvent,
  AudioBridgeRoomMutedEvent,
  AudioBridgeSyncRequests,
  AudioBridgeTalkingEvent,
} from './types.js';

/** Listener arguments of every event an {@link AudioBridgeHandle} emits, besides the base handle events. */
export type AudioBridgeEventMap = HandleEventMap & {
  /** An unsolicited `joined` (ours after a `generate_offer` renegotiation...). */
  joined: [PluginEvent<AudioBridgeJoinedEvent>];
  /** Participants joined, or changed (mute, display, setup). */
  participants: [PluginEvent<AudioBridgeParticipantsEvent>];
  /** A participant left. */
  leaving: [PluginEvent<AudioBridgeLeavingEvent>];
  /** A participant was kicked (`kick`), or everybody (`kick_all`, one event each). */
  kicked: [PluginEvent<AudioBridgeKickedEvent | AudioBridgeKickedAllEvent>];
  /** The room was muted or unmuted. */
  'room-muted': [PluginEvent<AudioBridgeRoomMutedEvent>];
  /** A participant started talking (rooms with `audiolevel_event`). */
  talking: [PluginEvent<AudioBridgeTalkingEvent>];
  /** A participant stopped talking. */
  'stopped-talking': [PluginEvent<AudioBridgeTalkingEvent>];
  /** An announcement (`play_file`) started. */
  'announcement-started': [PluginEvent<AudioBridgeAnnouncementEvent>];
  /** An announcement ended or was stopped. */
  'announcement-stopped': [PluginEvent<AudioBridgeAnnouncementEvent>];
  /** The room was destroyed. */
  destroyed: [PluginEvent<AudioBridgeDestroyedEvent>];
  /** An unsolicited `left`. */
  left: [PluginEvent<AudioBridgeLeftEvent>];
  /** An unsolicited `roomchanged`. */
  roomchanged: [PluginEvent<AudioBridgeRoomChangedEvent>];
  /** An unsolicited `configure` result. */
  configured: [PluginEvent<AudioBridgeConfiguredEvent>];
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<AudioBridgeErrorEvent>];
  /** Answering an offer Janus sent on its own failed. */
  'renegotiation-failed': [unknown];
};

/** Names of the AudioBridge-specific events. */
export type AudioBridgeEventName = Exclude<keyof AudioBridgeEventMap, keyof HandleEventMap>;

/** Names the typed event an AudioBridge `plugindata.data` object is, or `undefined`. Pure; exported for tests. */
export function classifyAudioBridgeEvent(data: Record<string, unknown>): AudioBridgeEventName | undefined {
  switch (data.audiobridge) {
    case 'joined':
      // Others joining come as `joined` without an `id` (the 1.1.2 code; our own `joined` has one).
      return 'id' in data ? 'joined' : 'participants';
    case 'talking':
    case 'stopped-talking':
    case 'announcement-started':
    case 'announcement-stopped':
    case 'destroyed':
    case 'left':
    case 'roomchanged':
      return data.audiobridge;
    case 'event':
      break;
    default:
      return undefined;
  }
  if ('error_code' in data) return 'plugin-error';
  if ('participants' in data) return 'participants';
  if ('leaving' in data) return 'leaving';
  if ('kicked' in data || 'kicked_all' in data) return 'kicked';
  if ('muted' in data) return 'room-muted';
  if (data.result === 'ok') return 'configured';
  return undefined;
}

type Sync<K extends keyof AudioBridgeSyncRequests> = AudioBridgeSyncRequests[K];

/**
 * A handle on the AudioBridge plugin. Attach with `session.attach(AudioBridge)`.
 *
 * `join` enters a room and, by default, sends our audio offer with it and resolves once the media is up;
 * `join` with `rtp` makes a plain-RTP participant, `generate_offer: true` asks Janus to offer (answered
 * by `configure`). Room management and moderation work on any handle. Plugin errors reject with a
 * `PLUGIN_ERROR` JanusError whose `janusCode` is one of `AudioBridgeErrorCode`.
 */
export class AudioBridgeHandle extends MediaPluginHandle<AudioBridgeEventMap> {
  /** Whether offers Janus sends on its own (after `generate_offer`) are answered by themselves. Default `true`. */
  autoRenegotiate = true;
  readonly #offers: JanusOffers;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => this.autoRenegotiate,
      renegotiationBody: () => ({ request: 'configure' }),
      onRenegotiationFailed: (error) => this.emit('renegotiation-failed', error),
      defaults: { audio: true, video: false },
    });
  }

  /** Janus's offer not answered yet (after `join` or `configure` with `generate_offer`), if any. */
  get pendingOffer(): Jsep | undefined {
    return this.#offers.pending;
  }

  // --- room management (synchronous) -------------------------------------------------------------

  /** `create`: creates a room. Resolves with `created`. */
  create(
    request: Sync<'create'>['request'] = {},
    options?: CallOptions,
  ): Promise<Sync<'create'>['response']> {
    return this.#sync('create', request, options);
  }

  /** `edit`: changes a room's description, secret, PIN, privacy or folders. */
  edit(request: Sync<'edit'>['request'], options?: CallOptions): Promise<Sync<'edit'>['response']> {
    return this.#sync('edit', request, options);
  }

  /** `destroy`: destroys a room; everybody in it gets `destroyed`. */
  destroy(request: Sync<'destroy'>['request'], options?: CallOptions): Promise<Sync<'destroy'>['response']> {
    return this.#sync('destroy', request, options);
  }

  /** `exists`: whether a room exists. */
  exists(request: Sync<'exists'>['request'], options?: CallOptions): Promise<Sync<'exists'>['response']> {
    return this.#sync('exists', request, options);
  }

  /** `allowed`: enables, disables or edits the room's token ACL. */
  allowed(request: Sync<'allowed'>['request'], options?: CallOptions): Promise<Sync<'allowed'>['response']> {
    return this.#sync('allowed', request, options);
  }

  /** `kick`: kicks a participant; the room gets `kicked`. */
  kick(request: Sync<'kick'>['request'], options?: CallOptions): Promise<Sync<'kick'>['response']> {
    return this.#sync('kick', request, options);
  }

  /** `kick_all`: kicks every participant; each gets `kicked` (`kicked_all`). */
  kickAll(
    request: Sync<'kick_all'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'kick_all'>['response']> {
    return this.#sync('kick_all', request, options);
  }

  /** `list`: the public rooms (the reply's array is `list`, not the doc's `rooms`). */
  list(request: Sync<'list'>['request'] = {}, options?: CallOptions): Promise<Sync<'list'>['response']> {
    return this.#sync('list', request, options);
  }

  /** `listparticipants`: who is in a room. */
  listParticipants(
    request: Sync<'listparticipants'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'listparticipants'>['response']> {
    return this.#sync('listparticipants', request, options);
  }

  /** `mute` (moderation): mutes a participant; the room gets `participants` with `muted: true`. */
  mute(request: Sync<'mute'>['request'], options?: CallOptions): Promise<Sync<'mute'>['response']> {
    return this.#sync('mute', request, options);
  }

  /** `unmute` (moderation): unmutes a participant. */
  unmute(request: Sync<'unmute'>['request'], options?: CallOptions): Promise<Sync<'unmute'>['response']> {
    return this.#sync('unmute', request, options);
  }

  /** `mute_room`: mutes every participant but the admins; the room gets `room-muted`. */
  muteRoom(
    request: Sync<'mute_room'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'mute_room'>['response']> {
    return this.#sync('mute_room', request, options);
  }

  /** `unmute_room`: unmutes the room. */
  unmuteRoom(
    request: Sync<'unmute_room'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'unmute_room'>['response']> {
    return this.#sync('unmute_room', request, options);
  }

  /** `resetdecoder`: recreates our Opus decoder on the server. */
  resetdecoder(
    request: Sync<'resetdecoder'>['request'] = {},
    options?: CallOptions,
  ): Promise<Sync<'resetdecoder'>['response']> {
    return this.#sync('resetdecoder', request, options);
  }

  /** `rtp_forward`: forwards the mix (or a group's) as RTP to `host:port`. */
  rtpForward(
    request: Sync<'rtp_forward'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'rtp_forward'>['response']> {
    return this.#sync('rtp_forward', request, options);
  }

  /** `stop_rtp_forward`: stops a forwarder. */
  stopRtpForward(
    request: Sync<'stop_rtp_forward'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'stop_rtp_forward'>['response']> {
    return this.#sync('stop_rtp_forward', request, options);
  }

  /** `listforwarders`: the room's forwarders. */
  listForwarders(
    request: Sync<'listforwarders'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'listforwarders'>['response']> {
    return this.#sync('listforwarders', request, options);
  }

  /** `enable_recording`: starts or stops recording the mix to a `.wav`. */
  enableRecording(
    request: Sync<'enable_recording'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'enable_recording'>['response']> {
    return this.#sync('enable_recording', request, options);
  }

  /** `enable_mjrs`: starts or stops recording every participant to its own `.mjr`. */
  enableMjrs(
    request: Sync<'enable_mjrs'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'enable_mjrs'>['response']> {
    return this.#sync('enable_mjrs', request, options);
  }

  /** `play_file`: plays an `.opus` file into the mix; the room gets `announcement-started`, then `-stopped`. */
  playFile(
    request: Sync<'play_file'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'play_file'>['response']> {
    return this.#sync('play_file', request, options);
  }

  /** `is_playing`: whether an announcement is still playing. */
  isPlaying(
    request: Sync<'is_playing'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'is_playing'>['response']> {
    return this.#sync('is_playing', request, options);
  }

  /** `stop_file`: stops an announcement. */
  stopFile(
    request: Sync<'stop_file'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'stop_file'>['response']> {
    return this.#sync('stop_file', request, options);
  }

  /**
   * `stop_all_files`: stops every announcement of a room. @since Janus 1.3.2 (1.1.2 rejects it with
   * `PLUGIN_ERROR` 482, unknown request).
   */
  stopAllFiles(
    request: Sync<'stop_all_files'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'stop_all_files'>['response']> {
    return this.#sync('stop_all_files', request, options);
  }

  /** `listannouncements`: the room's announcements. @since Janus 1.2.4 (1.1.2: error 482). */
  listAnnouncements(
    request: Sync<'listannouncements'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'listannouncements'>['response']> {
    return this.#sync('listannouncements', request, options);
  }

  /** `suspend`: takes a participant out of the mix without removing it. @since Janus 1.2.1 (1.1.2: 482). */
  suspend(request: Sync<'suspend'>['request'], options?: CallOptions): Promise<Sync<'suspend'>['response']> {
    return this.#sync('suspend', request, options);
  }

  /** `resume`: brings a suspended participant back. @since Janus 1.2.1 (1.1.2: 482). */
  resume(request: Sync<'resume'>['request'], options?: CallOptions): Promise<Sync<'resume'>['response']> {
    return this.#sync('resume', request, options);
  }

  // --- participant (asynchronous) ------------------------------------------------------------------

  /**
   * `join`: enters a room. By default the handle sends its audio offer with the request (from
   * `options.source`, default a generated tone; `options.recordTo` records the mix we receive) and
   * resolves with `joined` once the media is up (`webrtcup`; `waitForMedia: false` resolves at the
   * reply). Sends no offer for a plain-RTP participant (`rtp`), with `generate_offer: true` (Janus's offer
   * is kept for `configure`) or with `options.audio === false`; `options.jsep` sends that JSEP as is.
   */
  async join(
    request: AudioBridgeJoinRequest,
    options: MediaRequestOptions = {},
  ): Promise<AudioBridgeJoinedEvent> {
    if (request.rtp || request.generate_offer || options.audio === false || options.jsep) {
      const reply = await sendPluginRequest<AudioBridgeJoinedEvent>(this, 'join', request, options);
      this.#offers.keep(reply.jsep);
      return reply.data;
    }
    const reply = await offerRequest<AudioBridgeJoinedEvent>(this, 'join', request, options, {
      audio: true,
      video: false,
    });
    return reply.data;
  }

  /**
   * `configure`: changes how we take part (mute ourselves, display, volume, recording...). Answers
   * Janus's pending offer (`generate_offer`) and resolves once the media is up; with media options
   * (`audio`, `source`, `iceRestart`) or on a handle without a PeerConnection, sends a new offer; with
   * `generate_offer: true` Janus's new offer is answered before it resolves. Resolves with `result: 'ok'`.
   */
  async configure(
    request: AudioBridgeConfigureRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<AudioBridgeConfiguredEvent> {
    if (!options.jsep && this.#offers.pending && !request.generate_offer) {
      return (await this.#offers.answer<AudioBridgeConfiguredEvent>('configure', request, options)).data;
    }
    const media = options.audio !== undefined || options.source !== undefined || options.iceRestart === true;
    if (!options.jsep && !request.generate_offer && media) {
      const defaults = { audio: true as const, video: false as const };
      return (await offerRequest<AudioBridgeConfiguredEvent>(this, 'configure', request, options, defaults))
        .data;
    }
    const reply = await sendPluginRequest<AudioBridgeConfiguredEvent>(this, 'configure', request, options);
    if (this.#offers.keep(reply.jsep) && this.mediaPeer) await this.#offers.renegotiate(options);
    return reply.data;
  }

  /** `changeroom`: moves to another room, keeping the PeerConnection. Resolves with `roomchanged`. */
  async changeroom(
    request: AudioBridgeChangeRoomRequest,
    options: CallOptions = {},
  ): Promise<AudioBridgeRoomChangedEvent> {
    return (await sendPluginRequest<AudioBridgeRoomChangedEvent>(this, 'changeroom', request, options)).data;
  }

  /** `leave`: leaves the room (the PeerConnection stays, for a later `join`). Resolves with `left`. */
  async leave(
    request: AudioBridgeLeaveRequest = {},
    options: CallOptions = {},
  ): Promise<AudioBridgeLeftEvent> {
    return (await sendPluginRequest<AudioBridgeLeftEvent>(this, 'leave', request, options)).data;
  }

  /**
   * `hangup` (the plugin request): closes our PeerConnection and stays in the room. Resolves with
   * `{ audiobridge: 'hangingup' }`. Called with only call options (as the base class's `hangup` is) it
   * sends the core `hangup` instead.
   */
  override hangup(options?: CallOptions): Promise<void>;
  override hangup(
    request: AudioBridgeLeaveRequest,
    options?: CallOptions,
  ): Promise<AudioBridgeHangingUpEvent>;
  override async hangup(
    request: AudioBridgeLeaveRequest | CallOptions = {},
    options?: CallOptions,
  ): Promise<unknown> {
    if (options === undefined && ('signal' in request || 'timeoutMs' in request)) {
      return super.hangup(request as CallOptions);
    }
    return (await sendPluginRequest<AudioBridgeHangingUpEvent>(this, 'hangup', request, options ?? {})).data;
  }

  // --- events --------------------------------------------------------------------------------------

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyAudioBridgeEvent(event.data);
    if (name) (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
    super.onPluginEvent(event);
    if (event.jsep?.type === 'offer') this.#offers.unsolicited(event.jsep);
  }

  async #sync<K extends keyof AudioBridgeSyncRequests>(
    name: K,
    request: AudioBridgeSyncRequests[K]['request'],
    options: CallOptions = {},
  ): Promise<AudioBridgeSyncRequests[K]['response']> {
    return (await sendPluginRequest<AudioBridgeSyncRequests[K]['response']>(this, name, request, options))
      .data;
  }
}

/** The AudioBridge plugin: `session.attach(AudioBridge)` resolves with an {@link AudioBridgeHandle}. */
export const AudioBridge: PluginDescriptor<AudioBridgeHandle> = {
  plugin: 'janus.plugin.audiobridge',
  create: (host, actor) => new AudioBridgeHandle(host, actor, 'janus.plugin.audiobridge'),
};
