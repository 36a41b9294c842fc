/**
 * The typed VideoRoom handle: one method per request of `janus.plugin.videoroom`, typed events, and the
 * negotiation of publisher and subscriber PeerConnections.
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
import { OnceNotices } from '../common/once.js';
import type { ParticipantId } from '../common/types.js';
import {
  type MediaRequestOptions,
  type PluginRequestOptions,
  sendPluginRequest,
  typedEvent,
} from '../handle-helpers.js';
import type {
  VideoRoomAttachedEvent,
  VideoRoomConfiguredEvent,
  VideoRoomConfigurePublisherRequest,
  VideoRoomConfigureSubscriberRequest,
  VideoRoomDestroyedEvent,
  VideoRoomDisplayEvent,
  VideoRoomErrorEvent,
  VideoRoomJoinAndConfigureRequest,
  VideoRoomJoinedEvent,
  VideoRoomJoiningEvent,
  VideoRoomJoinPublisherRequest,
  VideoRoomJoinSubscriberRequest,
  VideoRoomKickedEvent,
  VideoRoomLeaveRequest,
  VideoRoomLeavingEvent,
  VideoRoomLeavingOkEvent,
  VideoRoomLeftEvent,
  VideoRoomMetadataEvent,
  VideoRoomModerationEvent,
  VideoRoomPausedEvent,
  VideoRoomPauseRequest,
  VideoRoomPublishersEvent,
  VideoRoomPublishRequest,
  VideoRoomSlowLinkEvent,
  VideoRoomSpatialLayerEvent,
  VideoRoomStartedEvent,
  VideoRoomStartRequest,
  VideoRoomSubscribeRequest,
  VideoRoomSubscriberStream,
  VideoRoomSubstreamEvent,
  VideoRoomSwitchedEvent,
  VideoRoomSwitchRequest,
  VideoRoomSyncRequests,
  VideoRoomTalkingEvent,
  VideoRoomTemporalEvent,
  VideoRoomTemporalLayerEvent,
  VideoRoomUnpublishedEvent,
  VideoRoomUnpublishedOkEvent,
  VideoRoomUnpublishRequest,
  VideoRoomUnsubscribeRequest,
  VideoRoomUpdatedEvent,
  VideoRoomUpdateRequest,
  VideoRoomUpdatingEvent,
} from './types.js';

/** The role a VideoRoom handle took with its `join`: a publisher (participant) or a subscriber. */
export type VideoRoomRole = 'publisher' | 'subscriber';

/**
 * Listener arguments of every event a {@link VideoRoomHandle} emits: the base handle events plus one
 * per VideoRoom notification. Each carries the {@link PluginEvent} with its `data` typed; the generic
 * `event` is still emitted for every plugin event that did not answer a request of ours.
 */
export type VideoRoomEventMap = HandleEventMap & {
  /** A publisher became active or renegotiated (`publishers` has its streams). */
  publishers: [PluginEvent<VideoRoomPublishersEvent>];
  /** A participant joined (rooms with `notify_joining`). */
  joining: [PluginEvent<VideoRoomJoiningEvent>];
  /** A publisher stopped publishing (its id in `unpublished`). */
  unpublished: [PluginEvent<VideoRoomUnpublishedEvent | VideoRoomUnpublishedOkEvent>];
  /** A participant left the room (its id in `leaving`). */
  leaving: [PluginEvent<VideoRoomLeavingEvent>];
  /**
   * A participant was kicked: another one (`kicked` holds its id) or this handle itself
   * (`leaving: 'ok'` with `reason: 'kicked'`).
   */
  kicked: [PluginEvent<VideoRoomKickedEvent | VideoRoomLeavingOkEvent>];
  /** A moderator muted or unmuted a participant's stream. */
  moderation: [PluginEvent<VideoRoomModerationEvent>];
  /** A participant changed its display name. */
  display: [PluginEvent<VideoRoomDisplayEvent>];
  /** A participant changed its metadata. */
  metadata: [PluginEvent<VideoRoomMetadataEvent>];
  /** A publisher's audio stream started being loud enough (rooms with `audiolevel_event`). */
  talking: [PluginEvent<VideoRoomTalkingEvent>];
  /** A publisher's audio stream went quiet. */
  'stopped-talking': [PluginEvent<VideoRoomTalkingEvent>];
  /** The room was destroyed. */
  destroyed: [PluginEvent<VideoRoomDestroyedEvent>];
  /** The subscription changed; `jsep` holds Janus's new offer when a renegotiation is needed. */
  updated: [PluginEvent<VideoRoomUpdatedEvent>];
  /** A subscription update is postponed until the current negotiation ends. */
  updating: [PluginEvent<VideoRoomUpdatingEvent>];
  /** An unsolicited `configured` (e.g. after a renegotiation Janus started). */
  configured: [PluginEvent<VideoRoomConfiguredEvent>];
  /** An unsolicited `switched`. */
  switched: [PluginEvent<VideoRoomSwitchedEvent>];
  /** An unsolicited `started`. */
  started: [PluginEvent<VideoRoomStartedEvent>];
  /** An unsolicited `paused`. */
  paused: [PluginEvent<VideoRoomPausedEvent>];
  /** An unsolicited `left` (the subscription was closed). */
  left: [PluginEvent<VideoRoomLeftEvent>];
  /** An unsolicited `joined`. */
  joined: [PluginEvent<VideoRoomJoinedEvent>];
  /** An unsolicited `attached` (a subscription offer). */
  attached: [PluginEvent<VideoRoomAttachedEvent>];
  /** The plugin sees many NACKs on this handle (`current-bitrate` for publishers). */
  'slow-link': [PluginEvent<VideoRoomSlowLinkEvent>];
  /** A subscriber's simulcast substream or temporal layer changed. */
  simulcast: [PluginEvent<VideoRoomSubstreamEvent | VideoRoomTemporalEvent>];
  /** A subscriber's SVC spatial or temporal layer changed. */
  svc: [PluginEvent<VideoRoomSpatialLayerEvent | VideoRoomTemporalLayerEvent>];
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<VideoRoomErrorEvent>];
  /** Answering an offer Janus sent on its own (an automatic subscription update) failed. */
  'renegotiation-failed': [unknown];
};

/** Names of the VideoRoom-specific events (those not in {@link HandleEventMap}). */
export type VideoRoomEventName = Exclude<keyof VideoRoomEventMap, keyof HandleEventMap>;

/**
 * Names the typed event a VideoRoom `plugindata.data` object is, or `undefined` for data that only goes
 * to the generic `event` (nothing known today). Pure; exported for tests.
 */
export function classifyVideoRoomEvent(data: Record<string, unknown>): VideoRoomEventName | undefined {
  switch (data.videoroom) {
    case 'destroyed':
      return 'destroyed';
    case 'talking':
      return 'talking';
    case 'stopped-talking':
      return 'stopped-talking';
    case 'slow_link':
      return 'slow-link';
    case 'updated':
      return 'updated';
    case 'updating':
      return 'updating';
    case 'joined':
      return 'joined';
    case 'attached':
      return 'attached';
    case 'event':
      break;
    default:
      return undefined;
  }
  if ('error_code' in data) return 'plugin-error';
  if ('publishers' in data) return 'publishers';
  if ('joining' in data) return 'joining';
  if ('unpublished' in data) return 'unpublished';
  if ('kicked' in data) return 'kicked';
  if ('leaving' in data) return data.reason === 'kicked' ? 'kicked' : 'leaving';
  if ('moderation' in data) return 'moderation';
  if ('configured' in data) return 'configured';
  if ('switched' in data) return 'switched';
  if ('started' in data) return 'started';
  if ('paused' in data) return 'paused';
  if ('left' in data) return 'left';
  if ('substream' in data || 'temporal' in data) return 'simulcast';
  if ('spatial_layer' in data || 'temporal_layer' in data) return 'svc';
  if ('display' in data && 'id' in data) return 'display';
  if ('metadata' in data && 'id' in data) return 'metadata';
  return undefined;
}

type Sync<K extends keyof VideoRoomSyncRequests> = VideoRoomSyncRequests[K];

/**
 * A handle on the VideoRoom plugin. Attach with `session.attach(VideoRoom)`.
 *
 * One handle is one participant role: `join` with `ptype: 'publisher'` (then `publish`, `configure`,
 * `unpublish`, `leave`) or with `ptype: 'subscriber'` (then `start`, `pause`, `update`, `switch`,
 * `configure`, `leave`). Room management (`create`, `edit`, `destroy`, `exists`, `list`, `allowed`,
 * `kick`, `moderate`, `listParticipants`, `listForwarders`, `enableRecording`, `rtpForward`,
 * `stopRtpForward`, ...) works on any handle, joined or not.
 *
 * Every method takes the request's fields with Janus's own names, adds `request`, and resolves with the
 * plugin's typed answer; a plugin error rejects with a `PLUGIN_ERROR` {@link JanusError} whose
 * `janusCode` is one of `VideoRoomErrorCode`.
 */
export class VideoRoomHandle extends MediaPluginHandle<VideoRoomEventMap> {
  /**
   * Whether a subscriber answers by itself the offers Janus sends on its own (an `updated` event after a
   * publisher left, or a postponed update), once it has a PeerConnection. Default `true`.
   */
  autoRenegotiate = true;
  #role: VideoRoomRole | undefined;
  readonly #offers: JanusOffers;
  readonly #notices = new OnceNotices();
  #streams: VideoRoomSubscriberStream[] = [];

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    this.#offers = new JanusOffers(this, {
      autoRenegotiate: () => this.autoRenegotiate,
      renegotiationBody: () => ({ request: 'start' }),
      onRenegotiationFailed: (error) => this.emit('renegotiation-failed', error),
    });
  }

  /** The role taken by `join` (or `joinAndConfigure`), `undefined` before. */
  get role(): VideoRoomRole | undefined {
    return this.#role;
  }

  /**
   * The last offer Janus sent to this subscriber and that has not been answered yet (from `join`,
   * `update`, `configure` with `restart`, or an automatic update), if any.
   */
  get pendingOffer(): Jsep | undefined {
    return this.#offers.pending;
  }

  /**
   * The subscription's streams as Janus last described them (`attached`, `updated`, `switched`): which
   * publisher (`feed_id`, `feed_mid`) feeds which of our m-lines (`mid`). Empty for publishers.
   */
  get streams(): readonly VideoRoomSubscriberStream[] {
    return this.#streams;
  }

  /**
   * RTP packets received so far per stream of the subscription, with the publisher feeding it: one entry
   * per audio/video m-line of {@link VideoRoomHandle.streams}. A view of `stats().streams`
   * (`packets` is their `packetsReceived`); counting starts with the PeerConnection.
   */
  receivedPackets(): (Pick<VideoRoomSubscriberStream, 'mid' | 'type' | 'feed_id' | 'feed_mid' | 'active'> & {
    packets: number;
  })[] {
    const byMid = new Map(this.stats().streams.map((stream) => [stream.mid, stream.packetsReceived]));
    return this.#streams
      .filter((stream) => stream.type !== 'data')
      .map((stream) => ({
        mid: stream.mid,
        type: stream.type,
        feed_id: stream.feed_id,
        feed_mid: stream.feed_mid,
        active: stream.active,
        packets: byMid.get(stream.mid) ?? 0,
      }));
  }

  /** The publisher feeding m-line `mid` of this subscription (`feed_id`), for `stats().streams`. */
  protected override streamFeed(mid: string): ParticipantId | undefined {
    return this.#streams.find((stream) => stream.mid === mid)?.feed_id;
  }

  // --- room management (synchronous) -------------------------------------------------------------

  /** `create`: creates a room. Resolves with `{ videoroom: 'created', room, permanent }`. */
  create(
    request: Sync<'create'>['request'] = {},
    options?: CallOptions,
  ): Promise<Sync<'create'>['response']> {
    return this.#sync('create', request, options);
  }

  /** `edit`: changes a room's properties. */
  edit(request: Sync<'edit'>['request'], options?: CallOptions): Promise<Sync<'edit'>['response']> {
    return this.#sync('edit', request, options);
  }

  /** `destroy`: destroys a room; every participant gets a `destroyed` event. */
  destroy(request: Sync<'destroy'>['request'], options?: CallOptions): Promise<Sync<'destroy'>['response']> {
    return this.#sync('destroy', request, options);
  }

  /** `exists`: whether a room exists. */
  exists(request: Sync<'exists'>['request'], options?: CallOptions): Promise<Sync<'exists'>['response']> {
    return this.#sync('exists', request, options);
  }

  /** `list`: the rooms (private ones only with the plugin's `admin_key`). */
  list(request: Sync<'list'>['request'] = {}, options?: CallOptions): Promise<Sync<'list'>['response']> {
    return this.#sync('list', request, options);
  }

  /** `allowed`: enables, disables or edits the room's token ACL. */
  allowed(request: Sync<'allowed'>['request'], options?: CallOptions): Promise<Sync<'allowed'>['response']> {
    return this.#sync('allowed', request, options);
  }

  /** `kick`: kicks a participant out of the room; it gets `leaving` with `reason: 'kicked'`. */
  kick(request: Sync<'kick'>['request'], options?: CallOptions): Promise<Sync<'kick'>['response']> {
    return this.#sync('kick', request, options);
  }

  /** `moderate`: mutes or unmutes one stream (`mid`) of a participant; the room gets `moderation`. */
  moderate(
    request: Sync<'moderate'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'moderate'>['response']> {
    return this.#sync('moderate', request, options);
  }

  /** `enable_recording`: starts or stops recording every publisher of the room. */
  enableRecording(
    request: Sync<'enable_recording'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'enable_recording'>['response']> {
    return this.#sync('enable_recording', request, options);
  }

  /** `listparticipants`: the room's participants (publishers, active or not). */
  listParticipants(
    request: Sync<'listparticipants'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'listparticipants'>['response']> {
    return this.#sync('listparticipants', request, options);
  }

  /** `listforwarders`: the room's RTP forwarders, per publisher. */
  listForwarders(
    request: Sync<'listforwarders'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'listforwarders'>['response']> {
    return this.#sync('listforwarders', request, options);
  }

  /** `rtp_forward`: forwards a publisher's streams as plain (or SRTP) RTP to `host`. */
  rtpForward(
    request: Sync<'rtp_forward'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'rtp_forward'>['response']> {
    return this.#sync('rtp_forward', request, options);
  }

  /** `stop_rtp_forward`: stops one forwarder (`stream_id` from `rtpForward` or `listForwarders`). */
  stopRtpForward(
    request: Sync<'stop_rtp_forward'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'stop_rtp_forward'>['response']> {
    return this.#sync('stop_rtp_forward', request, options);
  }

  /** `publish_remotely` (room cascading): sends a local publisher to another Janus. */
  publishRemotely(
    request: Sync<'publish_remotely'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'publish_remotely'>['response']> {
    return this.#sync('publish_remotely', request, options);
  }

  /** `unpublish_remotely`: stops a remotization. */
  unpublishRemotely(
    request: Sync<'unpublish_remotely'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'unpublish_remotely'>['response']> {
    return this.#sync('unpublish_remotely', request, options);
  }

  /** `listremotes`: the remotizations of a publisher. */
  listRemotes(
    request: Sync<'listremotes'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'listremotes'>['response']> {
    return this.#sync('listremotes', request, options);
  }

  /** `add_remote_publisher`: adds a publisher that lives on another Janus. */
  addRemotePublisher(
    request: Sync<'add_remote_publisher'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'add_remote_publisher'>['response']> {
    return this.#sync('add_remote_publisher', request, options);
  }

  /** `update_remote_publisher`: updates the streams of a remote publisher. */
  updateRemotePublisher(
    request: Sync<'update_remote_publisher'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'update_remote_publisher'>['response']> {
    return this.#sync('update_remote_publisher', request, options);
  }

  /** `remove_remote_publisher`: removes a remote publisher. */
  removeRemotePublisher(
    request: Sync<'remove_remote_publisher'>['request'],
    options?: CallOptions,
  ): Promise<Sync<'remove_remote_publisher'>['response']> {
    return this.#sync('remove_remote_publisher', request, options);
  }

  // --- joining -------------------------------------------------------------------------------------

  /**
   * `join`. As a publisher (`ptype: 'publisher'`) resolves with `joined` (our `id`, `private_id` and the
   * active publishers). As a subscriber (`ptype: 'subscriber'` with `streams`) resolves with `attached`;
   * Janus's offer is kept in {@link VideoRoomHandle.pendingOffer} for `start` to answer.
   */
  join(request: VideoRoomJoinPublisherRequest, options?: PluginRequestOptions): Promise<VideoRoomJoinedEvent>;
  join(
    request: VideoRoomJoinSubscriberRequest,
    options?: PluginRequestOptions,
  ): Promise<VideoRoomAttachedEvent>;
  async join(
    request: VideoRoomJoinPublisherRequest | VideoRoomJoinSubscriberRequest,
    options: PluginRequestOptions = {},
  ): Promise<VideoRoomJoinedEvent | VideoRoomAttachedEvent> {
    const reply = await sendPluginRequest<VideoRoomJoinedEvent | VideoRoomAttachedEvent>(
      this,
      'join',
      request,
      options,
    );
    this.#role = request.ptype;
    this.#offers.keep(reply.jsep);
    this.#noteStreams(reply.data);
    return reply.data;
  }

  // --- publisher -----------------------------------------------------------------------------------

  /**
   * `joinandconfigure`: joins as a publisher and publishes in one request. The handle offers audio and
   * video from `options.source` (default: a generated tone and pattern; set `audio`/`video`/`data` to
   * change what is offered) and applies Janus's answer; or, with `options.jsep`, sends that offer as is.
   * Resolves with `joined` (with our `streams`) once the media is up (`webrtcup`): the feed can be
   * subscribed to at once. `waitForMedia: false` resolves at the reply instead.
   */
  async joinAndConfigure(
    request: Omit<VideoRoomJoinAndConfigureRequest, 'ptype'> & { ptype?: 'publisher' },
    options: MediaRequestOptions = {},
  ): Promise<VideoRoomJoinedEvent> {
    const data = await this.#publishing<VideoRoomJoinedEvent>(
      'joinandconfigure',
      { ptype: 'publisher', ...request },
      options,
    );
    this.#role = 'publisher';
    return data;
  }

  /**
   * `publish`: starts publishing. The handle offers audio and video from `options.source` (default: a
   * generated tone and pattern) and applies Janus's answer; or, with `options.jsep`, sends that offer as
   * is. Resolves with `configured` once the media is up (`webrtcup`, at most `timeoutMs`, default
   * 10 s): a subscriber can join the feed right after (before `webrtcup` it gets 428 "No such feed").
   * `waitForMedia: false` resolves at the reply instead (then `waitForWebrtcUp(handle)`).
   */
  async publish(
    request: VideoRoomPublishRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<VideoRoomConfiguredEvent> {
    return this.#publishing<VideoRoomConfiguredEvent>('publish', request, options);
  }

  /**
   * `configure`. On a publisher: tweaks it (bitrate, recording, display, per-stream `send`...); with media
   * options (`audio`, `video`, `data`, `source`, `iceRestart`) it renegotiates with a new offer, and with
   * `options.jsep` it sends that JSEP. On a subscriber: tweaks its streams, or with `restart: true` gets a
   * new offer from Janus, which the handle answers (`start`) when it has a PeerConnection.
   */
  async configure(
    request: VideoRoomConfigurePublisherRequest | VideoRoomConfigureSubscriberRequest,
    options: MediaRequestOptions = {},
  ): Promise<VideoRoomConfiguredEvent> {
    if (!options.jsep && this.#role === 'publisher' && this.mediaPeer && renegotiates(options)) {
      return (await offerRequest<VideoRoomConfiguredEvent>(this, 'configure', request, options)).data;
    }
    const reply = await sendPluginRequest<VideoRoomConfiguredEvent>(this, 'configure', request, options);
    if (this.#offers.keep(reply.jsep)) await this.#offers.renegotiate(options);
    return reply.data;
  }

  /** `unpublish`: stops publishing (the participant stays in the room). */
  async unpublish(
    request: VideoRoomUnpublishRequest = {},
    options: CallOptions = {},
  ): Promise<VideoRoomUnpublishedOkEvent> {
    return (await sendPluginRequest<VideoRoomUnpublishedOkEvent>(this, 'unpublish', request, options)).data;
  }

  /**
   * `leave`: a publisher leaves the room (`leaving: 'ok'`); a subscriber closes its subscription
   * (`left: 'ok'`).
   */
  async leave(
    request: VideoRoomLeaveRequest = {},
    options: CallOptions = {},
  ): Promise<VideoRoomLeavingOkEvent | VideoRoomLeftEvent> {
    return (
      await sendPluginRequest<VideoRoomLeavingOkEvent | VideoRoomLeftEvent>(this, 'leave', request, options)
    ).data;
  }

  // --- subscriber ----------------------------------------------------------------------------------

  /**
   * `start`: answers Janus's pending offer ({@link VideoRoomHandle.pendingOffer}, from the subscriber
   * `join`) with the handle's werift peer, receive-only by default, and starts the media; or sends the
   * answer given in `options.jsep`; or, with no offer pending, resumes the delivery after `pause`.
   * Resolves with `started` once the media is up (`webrtcup`) after the first answer;
   * `waitForMedia: false` resolves at the reply instead. Client options (`recordTo`, `source`...) go in
   * `options`: in `request` they reject with `INVALID_ARGUMENT` and nothing is sent.
   */
  async start(
    request: VideoRoomStartRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<VideoRoomStartedEvent> {
    return (await this.#offers.answer<VideoRoomStartedEvent>('start', request, options)).data;
  }

  /** `pause`: pauses the delivery of every stream of the subscription (`start` resumes). */
  async pause(request: VideoRoomPauseRequest = {}, options: CallOptions = {}): Promise<VideoRoomPausedEvent> {
    return (await sendPluginRequest<VideoRoomPausedEvent>(this, 'pause', request, options)).data;
  }

  /**
   * `subscribe`: adds streams to the subscription. Janus answers `updated` with a new offer, which the
   * handle answers (`start`) before resolving when it has a PeerConnection (otherwise the offer waits in
   * {@link VideoRoomHandle.pendingOffer}), or `updating` when the update is postponed (the offer then comes
   * as an `updated` event, answered as {@link VideoRoomHandle.autoRenegotiate} says).
   */
  async subscribe(
    request: VideoRoomSubscribeRequest,
    options: CallOptions = {},
  ): Promise<VideoRoomUpdatedEvent | VideoRoomUpdatingEvent> {
    return this.#update('subscribe', request, options);
  }

  /** `unsubscribe`: removes streams from the subscription; resolves like {@link VideoRoomHandle.subscribe}. */
  async unsubscribe(
    request: VideoRoomUnsubscribeRequest,
    options: CallOptions = {},
  ): Promise<VideoRoomUpdatedEvent | VideoRoomUpdatingEvent> {
    return this.#update('unsubscribe', request, options);
  }

  /** `update`: adds and removes streams in one go; resolves like {@link VideoRoomHandle.subscribe}. */
  async update(
    request: VideoRoomUpdateRequest,
    options: CallOptions = {},
  ): Promise<VideoRoomUpdatedEvent | VideoRoomUpdatingEvent> {
    return this.#update('update', request, options);
  }

  /** `switch`: pipes other publishers' streams into existing m-lines, without renegotiating. */
  async switch(request: VideoRoomSwitchRequest, options: CallOptions = {}): Promise<VideoRoomSwitchedEvent> {
    const reply = await sendPluginRequest<VideoRoomSwitchedEvent>(this, 'switch', request, options);
    this.#noteStreams(reply.data);
    return reply.data;
  }

  // --- events --------------------------------------------------------------------------------------

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyVideoRoomEvent(event.data);
    this.#noteStreams(event.data);
    if (name === 'attached') this.#offers.keep(event.jsep);
    if (name && this.#firstNotice(name, event.data)) this.emitVideoRoom(name, event);
    super.onPluginEvent(event);
    if (name === 'updated') this.#offers.unsolicited(event.jsep);
  }

  /**
   * Whether this notice is new: Janus 1.1.2 sends `unpublished` twice per unpublish (from the request and
   * from the media hang-up); the repeat is dropped until the publisher publishes again.
   */
  #firstNotice(name: VideoRoomEventName, data: Record<string, unknown>): boolean {
    const room = String(data.room);
    if (name === 'publishers' && Array.isArray(data.publishers)) {
      for (const publisher of data.publishers as { id?: unknown }[]) {
        this.#notices.forget(`unpublished:${room}:${String(publisher.id)}`);
      }
    }
    if (name !== 'unpublished' || data.unpublished === 'ok') return true;
    return this.#notices.first(`unpublished:${room}:${String(data.unpublished)}`);
  }

  /** Emits a VideoRoom event (the payload was classified by {@link classifyVideoRoomEvent}). */
  protected emitVideoRoom(name: VideoRoomEventName, event: PluginEvent): void {
    (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
  }

  /** Forgets the pending offer (after answering it some other way). */
  protected clearPendingOffer(): void {
    this.#offers.clear();
  }

  async #update(
    name: 'subscribe' | 'unsubscribe' | 'update',
    request: object,
    options: CallOptions,
  ): Promise<VideoRoomUpdatedEvent | VideoRoomUpdatingEvent> {
    const reply = await sendPluginRequest<VideoRoomUpdatedEvent | VideoRoomUpdatingEvent>(
      this,
      name,
      request,
      options,
    );
    this.#noteStreams(reply.data);
    if (this.#offers.keep(reply.jsep)) {
      await this.#offers.renegotiate({ timeoutMs: options.timeoutMs, signal: options.signal });
    }
    return reply.data;
  }

  /** Sends a publishing request with our offer (or the caller's JSEP), by default until `webrtcup`. */
  async #publishing<T>(name: string, body: object, options: MediaRequestOptions): Promise<T> {
    return (await offerRequest<T>(this, name, body, options, { audio: true, video: true })).data;
  }

  #noteStreams(data: object): void {
    const record = data as { videoroom?: unknown; streams?: unknown };
    const kind = record.videoroom;
    const subscriberSummary =
      kind === 'attached' || kind === 'updated' || (kind === 'event' && 'switched' in record);
    if (subscriberSummary && Array.isArray(record.streams)) {
      this.#streams = record.streams as VideoRoomSubscriberStream[];
    }
  }

  async #sync<K extends keyof VideoRoomSyncRequests>(
    name: K,
    request: VideoRoomSyncRequests[K]['request'],
    options: CallOptions = {},
  ): Promise<VideoRoomSyncRequests[K]['response']> {
    return (await sendPluginRequest<VideoRoomSyncRequests[K]['response']>(this, name, request, options)).data;
  }
}

/** Whether `options` ask for a renegotiation (any media field set). */
function renegotiates(options: MediaRequestOptions): boolean {
  return (
    options.audio !== undefined ||
    options.video !== undefined ||
    options.data !== undefined ||
    options.source !== undefined ||
    options.iceRestart === true
  );
}

/** The VideoRoom plugin: `session.attach(VideoRoom)` resolves with a {@link VideoRoomHandle}. */
export const VideoRoom: PluginDescriptor<VideoRoomHandle> = {
  plugin: 'janus.plugin.videoroom',
  create: (host, actor) => new VideoRoomHandle(host, actor, 'janus.plugin.videoroom'),
};
