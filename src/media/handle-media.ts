/**
 * The media side of a handle: creates the platform's peer on first use (werift in Node, the native
 * `RTCPeerConnection` in the browser; see `media-peer.ts`), runs offers and answers through the
 * handle's JSEP actor (one at a time), trickles local candidates to Janus and feeds Janus's candidates
 * to the JSEP machine.
 * @module
 */
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { JsepMachine } from '../../machines/jsep.machine.js';
import { JanusError } from '../errors.js';
import type { Jsep, PluginReply, TrickleCandidate } from '../protocol/messages.js';
import type { CallOptions } from '../util/abort.js';
import { waitForSnapshot } from '../util/wait-for-snapshot.js';
import type { MediaRequest, PeerOptions } from './janus-peer.js';
import { registerPeer, unregisterPeer } from './jsep-bindings.js';
import { createPeer, type MediaPeer, type MediaPeerOptions } from './media-peer.js';

/** Options of `offer`/`answer` on a handle: what to negotiate, and the call's deadline and signal. */
export interface NegotiationOptions extends MediaRequest, PeerOptions, CallOptions {
  /** Restart ICE with this offer. */
  iceRestart?: boolean;
  /** `false`: wait for gathering and send a complete SDP with `trickle: false`. Default `true`. */
  trickle?: boolean;
}

/** What the controller needs from its handle. */
export interface MediaHost {
  /** The handle's actor (the JSEP actor is spawned as its child). */
  readonly actor: {
    send(event: { type: 'jsep.start'; peerKey: string } | { type: 'jsep.stop' }): void;
    getSnapshot(): { status: string };
  };
  /** The JSEP child, once spawned. */
  jsepActor(): ActorRefFrom<JsepMachine> | undefined;
  /** Sends a plugin message with a JSEP. */
  message(body: Record<string, unknown>, options: CallOptions & { jsep?: Jsep }): Promise<PluginReply>;
  /** Trickles a local candidate. */
  trickle(candidate: TrickleCandidate | null): Promise<void>;
  /** Resolves with the JSEP of the next plugin event that carries one; `signal` withdraws the wait. */
  nextJsep(options: CallOptions): Promise<Jsep>;
  /** Reports a background error (trickle failed...). */
  reportError(message: string, error: unknown): void;
  /** Our side failed the peer connection (e.g. `DTLS_FINGERPRINT`); it is being closed. */
  peerFailed?(error: JanusError): void;
  /** A peer connection was created for the handle. */
  peerCreated?(peer: MediaPeer): void;
}

/** Runs negotiations for one handle. */
export class HandleMedia {
  readonly #host: MediaHost;
  #peer: MediaPeer | undefined;
  #peerKey: string | undefined;
  #entry: { request: MediaRequest; trickle: boolean } | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | undefined;

  /** @param host the handle. */
  constructor(host: MediaHost) {
    this.#host = host;
  }

  /** The peer connection, once created. */
  get peer(): MediaPeer | undefined {
    return this.#peer;
  }

  /** Offers to Janus: sends `body` with our offer and applies the answer from the reply (or the next event). */
  offer(body: Record<string, unknown>, options: NegotiationOptions = {}): Promise<PluginReply> {
    return this.#serial(async () => {
      const peer = await this.#ensurePeer(options);
      this.#setRequest(options);
      peer.prepareOffer(options);
      const jsep = this.#jsep();
      jsep.send({ type: 'negotiate', iceRestart: options.iceRestart === true });
      const offered = await this.#settle(jsep, 'awaitingAnswer', options);
      const local = offered.context.localJsep as Jsep;
      let reply: PluginReply;
      let answer: Jsep;
      // Stops waiting for a later JSEP event once the reply brought the answer: otherwise the waiter's
      // timer keeps the process alive and the waiter would take the next, unrelated JSEP.
      const doneWaiting = new AbortController();
      try {
        const nextJsep = this.#host.nextJsep({
          timeoutMs: options.timeoutMs,
          signal: options.signal ? AbortSignal.any([options.signal, doneWaiting.signal]) : doneWaiting.signal,
        });
        nextJsep.catch(() => {});
        reply = await this.#host.message(body, {
          jsep: local,
          timeoutMs: options.timeoutMs,
          signal: options.signal,
        });
        answer = reply.jsep ?? (await nextJsep);
      } catch (error) {
        jsep.send({ type: 'offer.abandoned', error });
        throw error;
      } finally {
        doneWaiting.abort();
      }
      jsep.send({ type: 'remote.answer', jsep: answer });
      await this.#settle(jsep, 'stable', options);
      return reply;
    });
  }

  /** Answers Janus's offer: applies it, creates our answer and sends it with `body`. */
  answer(offer: Jsep, body: Record<string, unknown>, options: NegotiationOptions = {}): Promise<PluginReply> {
    return this.#serial(async () => {
      await this.#ensurePeer(options);
      this.#setRequest(options);
      const jsep = this.#jsep();
      jsep.send({ type: 'remote.offer', jsep: offer });
      const answered = await this.#settle(jsep, 'stable', options);
      const local = answered.context.localJsep as Jsep;
      return this.#host.message(body, { jsep: local, timeoutMs: options.timeoutMs, signal: options.signal });
    });
  }

  /** Feeds a candidate Janus trickled (or `null` at the end). */
  remoteCandidate(candidate: TrickleCandidate | null): void {
    this.#host.jsepActor()?.send({ type: 'remote.candidate', candidate });
  }

  /** Closes the peer connection and stops the JSEP actor; a later offer/answer starts a new one. */
  async close(): Promise<void> {
    const peer = this.#peer;
    if (!peer) {
      await this.#closing;
      return;
    }
    const key = this.#peerKey;
    this.#peer = undefined;
    this.#peerKey = undefined;
    this.#entry = undefined;
    if (key) unregisterPeer(key);
    // After a detach the handle actor (and its JSEP child) already stopped: nothing to tell them.
    if (this.#host.actor.getSnapshot().status === 'active') {
      this.#host.jsepActor()?.send({ type: 'close' });
      this.#host.actor.send({ type: 'jsep.stop' });
    }
    this.#closing = peer.close();
    await this.#closing;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }

  #setRequest(options: NegotiationOptions): void {
    if (!this.#entry) return;
    const { audio, video, data, source, recordTo } = options;
    const request: MediaRequest = {};
    if (audio !== undefined) request.audio = audio;
    if (video !== undefined) request.video = video;
    if (data !== undefined) request.data = data;
    if (source !== undefined) request.source = source;
    if (recordTo !== undefined) request.recordTo = recordTo;
    this.#entry.request = request;
    this.#entry.trickle = options.trickle !== false;
  }

  async #ensurePeer(options: NegotiationOptions): Promise<MediaPeer> {
    if (this.#peer) return this.#peer;
    const peerOptions: PeerOptions = {};
    if (options.iceServers) peerOptions.iceServers = options.iceServers;
    if (options.answerSetup) peerOptions.answerSetup = options.answerSetup;
    if (options.workarounds !== undefined) peerOptions.workarounds = options.workarounds;
    const peer = await createPeer(peerOptions as MediaPeerOptions);
    const entry = {
      peer,
      request: {},
      trickle: true,
      onCandidateError: (error: unknown) => this.#host.reportError('adding a remote candidate failed', error),
    };
    const key = registerPeer(entry);
    this.#peer = peer;
    this.#peerKey = key;
    this.#entry = entry;
    peer.on('candidate', (candidate) => {
      if (this.#entry?.trickle === false) return;
      this.#host
        .trickle(candidate)
        .catch((error: unknown) => this.#host.reportError('trickle failed', error));
    });
    peer.on('failed', (error) => this.#host.peerFailed?.(error));
    this.#host.actor.send({ type: 'jsep.start', peerKey: key });
    this.#host.peerCreated?.(peer);
    return peer;
  }

  #jsep(): ActorRefFrom<JsepMachine> {
    const jsep = this.#host.jsepActor();
    if (!jsep) throw new JanusError('INVALID_STATE', 'the handle has no JSEP actor (is it attached?)');
    return jsep;
  }

  async #settle(
    jsep: ActorRefFrom<JsepMachine>,
    target: 'awaitingAnswer' | 'stable',
    options: CallOptions,
  ): Promise<SnapshotFrom<JsepMachine>> {
    const state =
      target === 'stable' ? { open: { ready: 'stable' as const } } : { open: 'awaitingAnswer' as const };
    const snapshot = await waitForSnapshot(
      jsep,
      `negotiation (${target})`,
      (s) => s.matches(state) || s.matches({ open: { ready: 'failed' } }) || s.status !== 'active',
      options,
    );
    if (!snapshot.matches(state)) {
      const cause = snapshot.context.error;
      throw cause instanceof JanusError
        ? cause
        : new JanusError(
            'INVALID_STATE',
            `negotiation failed: ${cause instanceof Error ? cause.message : String(cause)}`,
            {
              cause,
            },
          );
    }
    return snapshot;
  }
}
