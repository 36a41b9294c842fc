/**
 * The platform-neutral peer interface: what the handle's media controller, the JSEP machine's bindings and
 * the typed plugins need from a PeerConnection. Node implements it on werift (`JanusPeer`, module
 * `janus-peer`), the browser on the native `RTCPeerConnection` (`BrowserPeer`). The platform's entry point
 * installs the factory ({@link installPeerFactory}); the core never imports either implementation.
 * @module
 */
import { JanusError } from '../errors.js';
import type { Jsep, TrickleCandidate } from '../protocol/messages.js';
import type { FeedOf, MediaStats, PeerStats } from './media-stats.js';

/** Which implementation a peer is. */
export type PeerPlatform = 'node' | 'browser';

/** The events every peer emits (each platform may add its own). */
export type MediaPeerEventMap = {
  /** A local ICE candidate to trickle, or `null` at the end of gathering. */
  candidate: [TrickleCandidate | null];
  /** A message on a data channel, and the channel's label. */
  data: [string | Uint8Array, string];
  /** A data channel opened (its label). */
  'data-open': [string];
  /** The peer connection's state changed. */
  connection: [string];
  /** The call failed on our side and the peer connection is being closed. */
  failed: [JanusError];
};

/** A listener of the platform-neutral peer events. */
export type MediaPeerListener<K extends keyof MediaPeerEventMap> = (...args: MediaPeerEventMap[K]) => void;

/**
 * What the media controller asks of a peer. The request and option objects are the platform's own
 * (`MediaRequest`/`PeerOptions` in Node, the same fields plus browser sources in the browser).
 */
export interface MediaPeer {
  /** `node` (werift) or `browser` (native `RTCPeerConnection`). */
  readonly platform: PeerPlatform;
  /** Whether DTLS is connected. */
  readonly connected: boolean;
  /** Why the call failed on our side, if it did. */
  readonly failure: JanusError | undefined;
  /** Adds a listener of a peer event. */
  on<K extends keyof MediaPeerEventMap>(event: K, listener: MediaPeerListener<K>): unknown;
  /** Removes a listener of a peer event. */
  off<K extends keyof MediaPeerEventMap>(event: K, listener: MediaPeerListener<K>): unknown;
  /** Adds (or turns off) transceivers and the data channel for an offer we make. */
  prepareOffer(request: object): void;
  /** Creates and sets the local offer; with `trickle: false` waits for gathering to finish. */
  createOffer(options?: { iceRestart?: boolean; trickle?: boolean }): Promise<Jsep>;
  /** Applies Janus's answer. */
  applyAnswer(jsep: Jsep): Promise<void>;
  /** Applies Janus's offer and creates and sets our answer for `request`. */
  createAnswer(offer: Jsep, request: object, options?: { trickle?: boolean }): Promise<Jsep>;
  /** Adds remote candidates (`null` = end of candidates). */
  addRemoteCandidates(candidates: readonly (TrickleCandidate | null)[]): Promise<void>;
  /** Sends text or bytes on a data channel (queued until it opens). */
  sendData(data: string | Uint8Array, label?: string): void;
  /** Waits until the data channel is open. */
  waitForData(label?: string, timeoutMs?: number): Promise<void>;
  /** Janus sent `webrtcup`: the call is up (starts sources that wait for it). Idempotent. */
  markUp(): void;
  /** Resolves once DTLS is connected on our side; rejects if our side fails the call first. */
  settled(): Promise<void>;
  /** Packet counts per kind. */
  stats(): PeerStats;
  /**
   * The handle's `stats()`: per-kind totals plus one entry per audio/video m-line. Synchronous; in the
   * browser it is the last `getStats()` reading (see {@link MediaPeer.refreshStats}).
   */
  mediaStats(feedOf?: FeedOf): MediaStats;
  /** Takes a fresh reading where stats are read asynchronously (browser `getStats()`); at once in Node. */
  refreshStats(): Promise<void>;
  /** Stops the sources and closes the peer connection. Safe to call twice. */
  close(): Promise<void>;
}

/** Options every platform's peer factory accepts (the platform's own option type extends it). */
export interface MediaPeerOptions {
  /** STUN/TURN servers. Default: none. */
  iceServers?: { urls: string | string[]; username?: string; credential?: string }[];
}

/** Creates a platform peer for one handle. */
export type PeerFactory = (options: MediaPeerOptions) => Promise<MediaPeer>;

let factory: PeerFactory | undefined;

/**
 * Installs the platform's peer factory (called once by the Node or the browser entry point when it is
 * loaded).
 * @internal
 */
export function installPeerFactory(create: PeerFactory): void {
  factory = create;
}

/** Creates a peer with the installed factory; `INVALID_STATE` when no platform entry point was loaded. */
export function createPeer(options: MediaPeerOptions): Promise<MediaPeer> {
  if (!factory) {
    return Promise.reject(
      new JanusError(
        'INVALID_STATE',
        'no media platform is loaded: import janus-xstate (Node) or janus-xstate/browser first',
      ),
    );
  }
  return factory(options);
}
