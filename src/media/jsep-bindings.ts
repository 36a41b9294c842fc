/**
 * Binds the pure JSEP machine to the platform's peers (werift in Node, the native `RTCPeerConnection` in
 * the browser): a process-wide registry names each peer by a key the
 * machine carries in its context, so the machine itself holds no reference to the connection. This module
 * loads no peer implementation; peers are created by the media controller on first use.
 * @module
 */
import { fromPromise } from 'xstate';
import { jsepMachine } from '../../machines/jsep.machine.js';
import { JanusError } from '../errors.js';
import type { MediaRequest } from './janus-peer.js';
import type { MediaPeer } from './media-peer.js';

/** A registered peer and the options of the negotiation under way. */
export interface PeerEntry {
  /** The peer connection. */
  peer: MediaPeer;
  /** What the current negotiation asks for. */
  request: MediaRequest;
  /** `false` to send complete SDPs instead of trickling. */
  trickle: boolean;
  /** Reports an error adding remote candidates. */
  onCandidateError(error: unknown): void;
}

const peers = new Map<string, PeerEntry>();
let counter = 0;

/** Registers a peer; returns its key. */
export function registerPeer(entry: PeerEntry): string {
  counter += 1;
  const key = `peer-${counter}`;
  peers.set(key, entry);
  return key;
}

/** Forgets a peer. */
export function unregisterPeer(key: string): void {
  peers.delete(key);
}

/** The number of registered peers (for leak checks). */
export function registeredPeers(): number {
  return peers.size;
}

function entryOf(key: string): PeerEntry {
  const entry = peers.get(key);
  if (!entry) throw new JanusError('INVALID_STATE', `peer '${key}' is closed`);
  return entry;
}

/** The JSEP machine with its actors bound to the registered peers. */
export const boundJsepMachine = jsepMachine.provide({
  actors: {
    createOffer: fromPromise(async ({ input }) => {
      const entry = entryOf(input.peerKey);
      return entry.peer.createOffer({ iceRestart: input.iceRestart, trickle: entry.trickle });
    }),
    applyAnswer: fromPromise(async ({ input }) => {
      if (!input.jsep) throw new JanusError('INVALID_ARGUMENT', 'no answer to apply');
      await entryOf(input.peerKey).peer.applyAnswer(input.jsep);
    }),
    createAnswer: fromPromise(async ({ input }) => {
      if (!input.jsep) throw new JanusError('INVALID_ARGUMENT', 'no offer to answer');
      const entry = entryOf(input.peerKey);
      return entry.peer.createAnswer(input.jsep, entry.request, { trickle: entry.trickle });
    }),
  },
  actions: {
    addCandidates: ({ context, event }) => {
      const entry = peers.get(context.peerKey);
      if (!entry) return;
      const candidates = event.type === 'remote.candidate' ? [event.candidate] : context.pendingCandidates;
      if (candidates.length === 0) return;
      entry.peer.addRemoteCandidates(candidates).catch((error: unknown) => entry.onCandidateError(error));
    },
  },
});
