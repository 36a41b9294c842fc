/**
 * The base of every typed handle with media: `stats()` with the one shape ({@link MediaStats}), on every
 * platform, counting from the moment the PeerConnection is up.
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../../../machines/handle.machine.js';
import type { MediaPeer } from '../../media/media-peer.js';
import { emptyMediaStats, type MediaStats } from '../../media/media-stats.js';
import { type HandleEventMap, type HandleHost, PluginHandle } from '../../plugin-handle.js';
import type { ParticipantId } from './types.js';

/** A plugin handle with media: {@link PluginHandle} plus {@link MediaPluginHandle.stats}. */
export class MediaPluginHandle<
  TEvents extends HandleEventMap = HandleEventMap,
> extends PluginHandle<TEvents> {
  /** The peer whose counts `stats()` reports: the current one, or the last one after `closePeer()`. */
  #counted: MediaPeer | undefined;

  /** Created by `JanusSession.attach`; not meant to be constructed by applications. */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host, actor, plugin);
    // Registered before any listener of the application: the peer is known before the media flows.
    (this as PluginHandle).on('webrtcup', () => this.#follow());
  }

  /**
   * RTP counts of the handle's PeerConnection: per kind (`audio`/`video`: `packetsSent`,
   * `packetsReceived`, `sentDurationS`, `receivedMediaS`) and per m-line (`streams`: mid, kind, codec,
   * feed for multistream subscribers, packets and bytes both ways, media seconds). All zero, with no
   * `streams`, before the handle has a PeerConnection; a new PeerConnection starts new counts. In Node the
   * counts are live; in the browser they are the last `getStats()` reading (taken every second while the
   * call is up): use {@link MediaPluginHandle.getStats} for a fresh one.
   */
  stats(): MediaStats {
    const peer = this.#follow();
    return peer ? peer.mediaStats((mid) => this.streamFeed(mid)) : emptyMediaStats();
  }

  /**
   * The same as {@link MediaPluginHandle.stats}, from a fresh reading: in the browser it awaits the
   * PeerConnection's `getStats()` first; in Node it resolves with the live counts.
   */
  async getStats(): Promise<MediaStats> {
    await this.#follow()?.refreshStats();
    return this.stats();
  }

  /** The publisher feeding m-line `mid`, for multistream subscribers; `undefined` elsewhere (the default). */
  protected streamFeed(_mid: string): ParticipantId | undefined {
    return undefined;
  }

  #follow(): MediaPeer | undefined {
    this.#counted = this.mediaPeer ?? this.#counted;
    return this.#counted;
  }
}
