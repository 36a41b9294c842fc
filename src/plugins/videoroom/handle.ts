/**
 * The typed VideoRoom handle: one method per request of `janus.plugin.videoroom`, typed events, and the
 * negotiation of publisher and subscriber PeerConnections.
 * @module
 */

import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, PluginEvent } from '../../plugin-handle.js';
import { PluginHandle } from '../../plugin-handle.js';
import type { Jsep } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { type PluginRequestOptions, sendPluginRequest, typedEvent } from '../handle-helpers.js';
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
export class VideoRoomHandle extends PluginHandle<VideoRoomEventMap> {
  #role: VideoRoomRole | undefined;
  #pendingOffer: Jsep | undefined;

  /** The role taken by `join` (or `joinAndConfigure`), `undefined` before. */
  get role(): VideoRoomRole | undefined {
    return this.#role;
  }

  /**
   * The last offer Janus sent to this subscriber and that has not been answered yet (from `join`,
   * `update`, `configure` with `restart`, or an automatic update), if any.
   */
  get pendingOffer(): Jsep | undefined {
    return this.#pendingOffer;
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
    if (reply.jsep?.type === 'offer') this.#pendingOffer = reply.jsep;
    return reply.data;
  }

  // --- publisher -----------------------------------------------------------------------------------

  /**
   * `joinandconfigure`: joins as a publisher and publishes in one request; needs a JSEP offer
   * (`options.jsep`). Resolves with `joined` (with our `streams`); Janus's answer is applied by the caller.
   */
  async joinAndConfigure(
    request: Omit<VideoRoomJoinAndConfigureRequest, 'ptype'> & { ptype?: 'publisher' },
    options: PluginRequestOptions = {},
  ): Promise<VideoRoomJoinedEvent> {
    const reply = await sendPluginRequest<VideoRoomJoinedEvent>(
      this,
      'joinandconfigure',
      { ptype: 'publisher', ...request },
      options,
    );
    this.#role = 'publisher';
    return reply.data;
  }

  /** `publish`: starts publishing; needs a JSEP offer (`options.jsep`). Resolves with `configured`. */
  async publish(
    request: VideoRoomPublishRequest = {},
    options: PluginRequestOptions = {},
  ): Promise<VideoRoomConfiguredEvent> {
    return (await sendPluginRequest<VideoRoomConfiguredEvent>(this, 'publish', request, options)).data;
  }

  /**
   * `configure`: on a publisher, tweaks it (bitrate, recording, display, per-stream `send`...) or
   * renegotiates with an offer in `options.jsep`; on a subscriber, tweaks its streams or asks for an ICE
   * restart (Janus's new offer is kept in {@link VideoRoomHandle.pendingOffer}).
   */
  async configure(
    request: VideoRoomConfigurePublisherRequest | VideoRoomConfigureSubscriberRequest,
    options: PluginRequestOptions = {},
  ): Promise<VideoRoomConfiguredEvent> {
    const reply = await sendPluginRequest<VideoRoomConfiguredEvent>(this, 'configure', request, options);
    if (reply.jsep?.type === 'offer') this.#pendingOffer = reply.jsep;
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
   * `start`: sends the answer to Janus's offer (`options.jsep`) and starts the media, or resumes after
   * `pause` (no JSEP). Clears {@link VideoRoomHandle.pendingOffer} when it carries an answer.
   */
  async start(
    request: VideoRoomStartRequest = {},
    options: PluginRequestOptions = {},
  ): Promise<VideoRoomStartedEvent> {
    const reply = await sendPluginRequest<VideoRoomStartedEvent>(this, 'start', request, options);
    if (options.jsep) this.#pendingOffer = undefined;
    return reply.data;
  }

  /** `pause`: pauses the delivery of every stream of the subscription (`start` resumes). */
  async pause(request: VideoRoomPauseRequest = {}, options: CallOptions = {}): Promise<VideoRoomPausedEvent> {
    return (await sendPluginRequest<VideoRoomPausedEvent>(this, 'pause', request, options)).data;
  }

  /**
   * `subscribe`: adds streams to the subscription. Resolves with `updated` (with a new offer in
   * {@link VideoRoomHandle.pendingOffer}) or `updating` (the offer comes later as an `updated` event).
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
    return (await sendPluginRequest<VideoRoomSwitchedEvent>(this, 'switch', request, options)).data;
  }

  // --- events --------------------------------------------------------------------------------------

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyVideoRoomEvent(event.data);
    if (name === 'updated' && event.jsep?.type === 'offer') this.#pendingOffer = event.jsep;
    if (name) this.emitVideoRoom(name, event);
    super.onPluginEvent(event);
  }

  /** Emits a VideoRoom event (the payload was classified by {@link classifyVideoRoomEvent}). */
  protected emitVideoRoom(name: VideoRoomEventName, event: PluginEvent): void {
    (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
  }

  /** Forgets the pending offer (after answering it some other way). */
  protected clearPendingOffer(): void {
    this.#pendingOffer = undefined;
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
    if (reply.jsep?.type === 'offer') this.#pendingOffer = reply.jsep;
    return reply.data;
  }

  async #sync<K extends keyof VideoRoomSyncRequests>(
    name: K,
    request: VideoRoomSyncRequests[K]['request'],
    options: CallOptions = {},
  ): Promise<VideoRoomSyncRequests[K]['response']> {
    return (await sendPluginRequest<VideoRoomSyncRequests[K]['response']>(this, name, request, options)).data;
  }
}

/** The VideoRoom plugin: `session.attach(VideoRoom)` resolves with a {@link VideoRoomHandle}. */
export const VideoRoom: PluginDescriptor<VideoRoomHandle> = {
  plugin: 'janus.plugin.videoroom',
  create: (host, actor) => new VideoRoomHandle(host, actor, 'janus.plugin.videoroom'),
};
