/**
 * The JSEP machine: generated path tests with transition coverage, and the behaviours that matter
 * (candidates buffered until a remote description is set, one negotiation at a time), with its
 * peer-connection actors swapped via `machine.provide`.
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { jsepMachine } from '../../../machines/jsep.machine.js';
import type { Jsep, TrickleCandidate } from '../../../src/protocol/messages.js';
import { describeMachinePaths, doneEvent, errorEvent } from '../../support/path-coverage.js';

const offer: Jsep = { type: 'offer', sdp: 'v=0 offer' };
const answer: Jsep = { type: 'answer', sdp: 'v=0 answer' };
const candidate: TrickleCandidate = {
  candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
};

describeMachinePaths('jsep', jsepMachine, {
  input: { handleId: 7, peerKey: 'peer-1' },
  // The context grows with every candidate and round: model only what changes behaviour.
  serializeState: (snapshot) =>
    JSON.stringify([
      snapshot.value,
      snapshot.context.remoteDescriptionSet,
      snapshot.context.pendingCandidates.length > 0,
      snapshot.context.iceRestart,
    ]),
  events: [
    { type: 'negotiate' },
    { type: 'negotiate', iceRestart: true },
    { type: 'remote.answer', jsep: answer },
    { type: 'remote.offer', jsep: offer },
    { type: 'remote.candidate', candidate },
    { type: 'remote.candidate', candidate: null },
    { type: 'offer.abandoned', error: new Error('message failed') },
    { type: 'close' },
    doneEvent('createOffer', offer),
    errorEvent('createOffer', new Error('createOffer failed')),
    doneEvent('applyAnswer'),
    errorEvent('applyAnswer', new Error('bad answer')),
    doneEvent('createAnswer', answer),
    errorEvent('createAnswer', new Error('bad offer')),
  ],
});

/** The machine with instant peer actors and a log of what reached the peer. */
function harness() {
  const added: (TrickleCandidate | null)[][] = [];
  const calls: string[] = [];
  const machine = jsepMachine.provide({
    actors: {
      createOffer: fromPromise(async ({ input }) => {
        calls.push(`createOffer iceRestart=${input.iceRestart}`);
        return offer;
      }),
      applyAnswer: fromPromise(async ({ input }) => {
        calls.push(`applyAnswer ${input.jsep?.type}`);
      }),
      createAnswer: fromPromise(async ({ input }) => {
        calls.push(`createAnswer ${input.jsep?.type}`);
        return answer;
      }),
    },
    actions: {
      addCandidates: ({ context, event }) => {
        added.push(event.type === 'remote.candidate' ? [event.candidate] : [...context.pendingCandidates]);
      },
    },
  });
  const actor = createActor(machine, { input: { handleId: 7, peerKey: 'peer-1' } }).start();
  return { actor, added, calls };
}

describe('jsep machine behaviour', () => {
  it('buffers remote candidates until the answer is applied, then flushes them once', async () => {
    const { actor, added, calls } = harness();
    actor.send({ type: 'remote.candidate', candidate });
    actor.send({ type: 'negotiate' });
    await waitFor(actor, (s) => s.matches({ open: 'awaitingAnswer' }));
    actor.send({ type: 'remote.candidate', candidate: null });
    expect(added).toEqual([]);
    expect(actor.getSnapshot().context.pendingCandidates).toEqual([candidate, null]);
    actor.send({ type: 'remote.answer', jsep: answer });
    await waitFor(actor, (s) => s.matches({ open: { ready: 'stable' } }));
    expect(added).toEqual([[candidate, null]]);
    expect(actor.getSnapshot().context.pendingCandidates).toEqual([]);
    actor.send({ type: 'remote.candidate', candidate });
    expect(added).toEqual([[candidate, null], [candidate]]);
    expect(calls).toEqual(['createOffer iceRestart=false', 'applyAnswer answer']);
    expect(actor.getSnapshot().context.rounds).toBe(1);
  });

  it('answers a remote offer and renegotiates from stable with an ICE restart', async () => {
    const { actor, calls } = harness();
    actor.send({ type: 'remote.offer', jsep: offer });
    await waitFor(actor, (s) => s.matches({ open: { ready: 'stable' } }));
    expect(actor.getSnapshot().context.localJsep).toEqual(answer);
    actor.send({ type: 'negotiate', iceRestart: true });
    await waitFor(actor, (s) => s.matches({ open: 'awaitingAnswer' }));
    expect(calls).toEqual(['createAnswer offer', 'createOffer iceRestart=true']);
  });

  it('keeps one negotiation in flight: a second negotiate while offering is not taken', async () => {
    const { actor, calls } = harness();
    actor.send({ type: 'negotiate' });
    actor.send({ type: 'negotiate' });
    await waitFor(actor, (s) => s.matches({ open: 'awaitingAnswer' }));
    actor.send({ type: 'negotiate' });
    expect(actor.getSnapshot().matches({ open: 'awaitingAnswer' })).toBe(true);
    expect(calls).toEqual(['createOffer iceRestart=false']);
  });

  it('returns to idle when the message carrying a first offer fails', async () => {
    const { actor } = harness();
    actor.send({ type: 'negotiate' });
    await waitFor(actor, (s) => s.matches({ open: 'awaitingAnswer' }));
    actor.send({ type: 'offer.abandoned', error: new Error('timeout') });
    expect(actor.getSnapshot().matches({ open: { ready: 'idle' } })).toBe(true);
  });
});
