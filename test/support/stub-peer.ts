/**
 * A stand-in for the client's werift peer (`src/media/janus-peer.ts`), for the path tests of the JSEP
 * machine and of a handle's peer: every SDP operation is held until the test settles it, and every call is
 * logged, so a path step can say "the offer is created" or "applying the answer fails" and the test can
 * see what the client asked the peer to do. A test installs it with
 * `vi.mock('<path to>/src/media/janus-peer.js', () => import('<path to>/test/support/stub-peer.js'))`.
 * @module
 */
import { EventEmitter } from 'node:events';
import type { Jsep, TrickleCandidate } from '../../src/protocol/messages.js';

/** One held call of the peer. */
export interface HeldCall<T> {
  /** Which operation. */
  readonly op: 'createOffer' | 'applyAnswer' | 'createAnswer';
  /** Its arguments. */
  readonly args: readonly unknown[];
  /** Settles it with `value`. */
  resolve(value: T): void;
  /** Fails it with `error`. */
  reject(error: unknown): void;
  /** Whether it has been settled. */
  readonly settled: boolean;
}

/** Every stub peer created, in order (cleared by {@link resetStubPeers}). */
export const stubPeers: JanusPeer[] = [];

/** Forgets the peers created so far. */
export function resetStubPeers(): void {
  stubPeers.length = 0;
}

/** The stub: same name and the methods the client uses. */
export class JanusPeer extends EventEmitter {
  /** Calls made, in order, as `op` plus arguments. */
  readonly calls: Array<{ readonly op: string; readonly args: readonly unknown[] }> = [];
  /** Calls waiting to be settled by the test. */
  readonly held: HeldCall<unknown>[] = [];
  /** Candidates given to `addRemoteCandidates`, batch by batch. */
  readonly remoteCandidates: (TrickleCandidate | null)[][] = [];
  /** Whether a remote description was applied (an answer applied or an offer answered). */
  remoteDescriptionSet = false;
  closed = false;

  /** Creates a stub peer and records it in {@link stubPeers}. */
  static async create(options: unknown = {}): Promise<JanusPeer> {
    const peer = new JanusPeer();
    peer.calls.push({ op: 'create', args: [options] });
    stubPeers.push(peer);
    return peer;
  }

  #hold<T>(op: HeldCall<T>['op'], args: unknown[], onResolve?: () => void): Promise<T> {
    this.calls.push({ op, args });
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const call: HeldCall<T> = {
        op,
        args,
        resolve: (value) => {
          settled = true;
          this.held.splice(this.held.indexOf(call as HeldCall<unknown>), 1);
          onResolve?.();
          resolve(value);
        },
        reject: (error) => {
          settled = true;
          this.held.splice(this.held.indexOf(call as HeldCall<unknown>), 1);
          reject(error);
        },
        get settled() {
          return settled;
        },
      };
      this.held.push(call as HeldCall<unknown>);
    });
  }

  /** The held call of `op`, if one is waiting. */
  heldCall(op: HeldCall<unknown>['op']): HeldCall<unknown> | undefined {
    return this.held.find((call) => call.op === op);
  }

  /** Records the media request of an offer. */
  prepareOffer(request: unknown): void {
    this.calls.push({ op: 'prepareOffer', args: [request] });
  }

  /** Held until the test settles it with the offer. */
  createOffer(options: { iceRestart?: boolean; trickle?: boolean } = {}): Promise<Jsep> {
    return this.#hold<Jsep>('createOffer', [options]);
  }

  /** Held until the test settles it. */
  applyAnswer(jsep: Jsep): Promise<void> {
    return this.#hold<void>('applyAnswer', [jsep], () => {
      this.remoteDescriptionSet = true;
    });
  }

  /** Held until the test settles it with the answer. */
  createAnswer(offer: Jsep, request: unknown, options: unknown = {}): Promise<Jsep> {
    return this.#hold<Jsep>('createAnswer', [offer, request, options], () => {
      this.remoteDescriptionSet = true;
    });
  }

  /** Records the candidates. */
  async addRemoteCandidates(candidates: readonly (TrickleCandidate | null)[]): Promise<void> {
    this.calls.push({ op: 'addRemoteCandidates', args: [candidates] });
    this.remoteCandidates.push([...candidates]);
  }

  /** Records `webrtcup`. */
  markUp(): void {
    this.calls.push({ op: 'markUp', args: [] });
  }

  /** Closes the stub. */
  async close(): Promise<void> {
    this.calls.push({ op: 'close', args: [] });
    this.closed = true;
  }
}
