/**
 * The base of every typed handle with media: `stats()` with the one shape ({@link MediaStats}),
 * counting from the moment the PeerConnection is up.
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../../../machines/handle.machine.js';
import { type HandleEventMap, type HandleHost, PluginHandle } from '../../plugin-handle.js';
import { type MediaStats, StreamCounters } from './stats.js';
import type { ParticipantId } from './types.js';

/** A plugin handle with media: {@link PluginHandle} plus {@link MediaPluginHandle.stats}. */
export class MediaPluginHandle<
  TEvents extends HandleEventMap = HandleEventMap,
> extends PluginHandle<TEvents> {
  readonly #counters = new StreamCounters();

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    // Registered before any listener of the application: counting starts before the media does.
    (this as PluginHandle).on('webrtcup', () => this.#counters.follow(this.peer));
  }

  /**
   * RTP counts of the handle's PeerConnection: per kind (`audio`/`video`: `packetsSent`,
   * `packetsReceived`, `sentDurationS`, `receivedMediaS`) and per m-line (`streams`: mid, kind, codec,
   * feed for multistream subscribers, packets and bytes both ways, media seconds). All zero, with no
   * `streams`, before the handle has a PeerConnection; a new PeerConnection starts new counts.
   */
  stats(): MediaStats {
    this.#counters.follow(this.peer);
    return this.#counters.stats((mid) => this.streamFeed(mid));
  }

  /** The publisher feeding m-line `mid`, for multistream subscribers; `undefined` elsewhere (the default). */
  protected streamFeed(_mid: string): ParticipantId | undefined {
    return undefined;
  }
}
