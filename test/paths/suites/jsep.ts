/**
 * The JSEP machine played on the client: a real `PluginHandle` on a scripted fake Janus, negotiating
 * through `handle.offer()`, `handle.answer()` and `handle.closePeer()`, with the werift peer replaced by
 * the stub of `test/support/stub-peer.ts` (its SDP operations are held until the step settles them). The
 * test file must install the stub with `vi.mock`. Observed: what the client asks the peer (offer with or
 * without ICE restart, answer to apply, offer to answer, remote candidates), what goes to the wire (the
 * `message` carrying our JSEP), and how `offer()` / `answer()` settle.
 * @module
 */
import { type JsepMachine, jsepMachine } from '../../../machines/jsep.machine.js';
import { connect, type JanusClient, type PluginHandle } from '../../../src/index.js';
import type { Jsep, TrickleCandidate } from '../../../src/protocol/messages.js';
import {
  type ClientPathSuite,
  type ClientStep,
  codeOf,
  EventLog,
  type Facts,
  settle,
  type Tracked,
  track,
  until,
} from '../../support/client-paths.js';
import { doneEvent, errorEvent } from '../../support/path-coverage.js';
import { type HeldRequest, type ScriptedJanus, startScriptedJanus } from '../../support/scripted-janus.js';
import type { JanusPeer as StubPeer } from '../../support/stub-peer.js';

const PLUGIN = 'janus.plugin.echotest';
const offer: Jsep = { type: 'offer', sdp: 'v=0 offer' };
const answer: Jsep = { type: 'answer', sdp: 'v=0 answer' };
const candidate: TrickleCandidate = {
  candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
};

interface JsepWorld {
  readonly server: ScriptedJanus;
  readonly client: JanusClient;
  readonly handle: PluginHandle;
  readonly log: EventLog;
  /** The stub peer, once the first negotiation created it. */
  peer: StubPeer | undefined;
  /** The last `offer()` / `answer()` call. */
  call: Tracked<unknown> | undefined;
  /** The `message` carrying our offer, held. */
  message: HeldRequest | undefined;
  /** Remote candidates trickled while a peer existed, in order. */
  readonly trickled: (TrickleCandidate | null)[];
  mark: { calls: number; wire: number; batches: number };
}

type Step = ClientStep<JsepMachine>;
type Snapshot = Step['after'];

const stateName = (snapshot: Snapshot): string => {
  const open = (snapshot.value as { open?: unknown }).open;
  if (open === undefined) return String(snapshot.value);
  if (typeof open === 'string') return open;
  return `ready.${(open as { ready: string }).ready}`;
};

async function start(): Promise<JsepWorld> {
  const server = await startScriptedJanus({ auto: { create: true, destroy: true } });
  const client = await connect(server.url, { keepaliveMs: false, reconnect: false, requestTimeoutMs: 5_000 });
  const session = await client.createSession();
  const attaching = session.attach(PLUGIN);
  (await server.waitForRequest((r) => r.janus === 'attach')).succeed({ id: 7 });
  const handle = await attaching;
  const log = new EventLog().listen(handle, ['trickle']);
  return {
    server,
    client,
    handle,
    log,
    peer: undefined,
    call: undefined,
    message: undefined,
    trickled: [],
    mark: { calls: 0, wire: 0, batches: 0 },
  };
}

/** Waits until the client did something: asked the peer, sent a request, or settled the call. */
async function progress(world: JsepWorld, what: string): Promise<void> {
  const status = world.call?.status;
  await until(
    () =>
      (world.handle.peer as StubPeer | undefined)?.calls.length !== world.mark.calls ||
      world.server.requests.length !== world.mark.wire ||
      world.call?.status !== status,
    what,
  );
  await settle();
  world.peer = (world.handle.peer as StubPeer | undefined) ?? world.peer;
}

function heldOrThrow(world: JsepWorld, op: 'createOffer' | 'applyAnswer' | 'createAnswer') {
  const call = world.peer?.heldCall(op);
  if (!call) throw new Error(`the client did not ask the peer to ${op}`);
  return call;
}

async function stimulate(world: JsepWorld, step: Step): Promise<void> {
  world.peer = (world.handle.peer as StubPeer | undefined) ?? world.peer;
  world.mark = {
    calls: world.peer?.calls.length ?? 0,
    wire: world.server.requests.length,
    batches: world.peer?.remoteCandidates.length ?? 0,
  };
  const event = step.event as {
    type: string;
    iceRestart?: boolean;
    jsep?: Jsep;
    output?: Jsep;
    candidate?: TrickleCandidate | null;
  };
  switch (event.type) {
    case 'negotiate':
      world.message = undefined;
      world.call = track(world.handle.offer({ request: 'call' }, { iceRestart: event.iceRestart === true }));
      await until(() => world.handle.peer !== undefined, 'a peer for the handle');
      world.mark.calls = 0;
      await progress(world, 'the client asks the peer for an offer');
      return;
    case 'xstate.done.actor.createOffer':
      heldOrThrow(world, 'createOffer').resolve(event.output);
      world.message = await world.server.waitForRequest((r) => r.janus === 'message', {
        from: world.mark.wire,
      });
      return;
    case 'xstate.error.actor.createOffer':
      heldOrThrow(world, 'createOffer').reject(new Error('createOffer failed'));
      await world.call?.settled;
      return;
    case 'remote.answer':
      world.message?.reply({
        janus: 'event',
        session_id: world.handle.sessionId,
        sender: world.handle.id,
        plugindata: { plugin: PLUGIN, data: { result: 'ok' } },
        jsep: event.jsep,
      });
      await progress(world, 'the client applies the answer');
      return;
    case 'offer.abandoned':
      world.message?.fail(490, 'Unknown error');
      await world.call?.settled;
      return;
    case 'xstate.done.actor.applyAnswer':
      heldOrThrow(world, 'applyAnswer').resolve(undefined);
      await world.call?.settled;
      return;
    case 'xstate.error.actor.applyAnswer':
      heldOrThrow(world, 'applyAnswer').reject(new Error('bad answer'));
      await world.call?.settled;
      return;
    case 'remote.offer':
      world.message = undefined;
      world.call = track(world.handle.answer(event.jsep as Jsep, { request: 'accept' }));
      await until(() => world.handle.peer !== undefined, 'a peer for the handle');
      world.mark.calls = 0;
      await progress(world, 'the client asks the peer to answer the offer');
      return;
    case 'xstate.done.actor.createAnswer': {
      heldOrThrow(world, 'createAnswer').resolve(event.output);
      const request = await world.server.waitForRequest((r) => r.janus === 'message', {
        from: world.mark.wire,
      });
      world.message = request;
      request.reply({
        janus: 'event',
        session_id: world.handle.sessionId,
        sender: world.handle.id,
        plugindata: { plugin: PLUGIN, data: { result: 'ok' } },
      });
      await world.call?.settled;
      return;
    }
    case 'xstate.error.actor.createAnswer':
      heldOrThrow(world, 'createAnswer').reject(new Error('bad offer'));
      await world.call?.settled;
      return;
    case 'remote.candidate': {
      const sent = event.candidate ?? null;
      const before = world.log.size;
      world.server.push({
        janus: 'trickle',
        session_id: world.handle.sessionId,
        sender: world.handle.id,
        candidate: sent ?? { completed: true },
      });
      await until(() => world.log.size > before, "the handle emits 'trickle'");
      await settle();
      world.trickled.push(sent);
      return;
    }
    case 'close':
      await world.handle.closePeer();
      return;
    default:
      throw new Error(`no stimulus for ${event.type}`);
  }
}

async function observe(world: JsepWorld, step: Step, facts: Facts): Promise<void> {
  await settle();
  const state = stateName(step.after);
  const peer = world.peer;
  const event = step.event as { type: string; iceRestart?: boolean; jsep?: Jsep; output?: Jsep };
  const newCalls = peer ? peer.calls.slice(world.mark.calls) : [];

  switch (event.type) {
    case 'negotiate':
      facts.equal(
        'the peer is asked for an offer, restarting ICE only when asked',
        newCalls
          .filter((c) => c.op === 'createOffer')
          .map((c) => (c.args[0] as { iceRestart?: boolean }).iceRestart === true),
        [event.iceRestart === true],
      );
      break;
    case 'xstate.done.actor.createOffer':
      facts.equal('the offer goes to the plugin in a message', world.message?.request.jsep, event.output);
      break;
    case 'remote.answer':
      facts.equal(
        "the peer is asked to apply the server's answer",
        newCalls.filter((c) => c.op === 'applyAnswer').map((c) => c.args[0]),
        [event.jsep],
      );
      break;
    case 'remote.offer':
      facts.equal(
        "the peer is asked to answer the server's offer",
        newCalls.filter((c) => c.op === 'createAnswer').map((c) => c.args[0]),
        [event.jsep],
      );
      break;
    case 'xstate.done.actor.createAnswer':
      facts.equal('the answer goes to the plugin in a message', world.message?.request.jsep, event.output);
      break;
    case 'offer.abandoned':
      facts.equal('offer() rejects with the server error', codeOf(world.call?.error), 'UNKNOWN');
      break;
    case 'remote.candidate': {
      const batches = peer ? peer.remoteCandidates.slice(world.mark.batches) : [];
      if (peer?.remoteDescriptionSet) {
        facts.equal('with a remote description set, the candidate reaches the peer at once', batches, [
          [world.trickled.at(-1)],
        ]);
      } else {
        facts.equal('before any remote description, the candidate is held back', batches, []);
      }
      break;
    }
    case 'close':
      facts.hold('the peer is closed', peer?.closed === true);
      facts.equal('the handle has no peer', world.handle.peer, undefined);
      break;
  }

  const noHeldCall = (what: string) => facts.equal(what, peer?.held.map((c) => c.op) ?? [], []);
  switch (state) {
    case 'ready.idle':
      noHeldCall('no SDP operation is under way');
      facts.hold('no negotiation is pending', world.call === undefined || world.call.status !== 'pending');
      facts.hold('the peer has no remote description', peer?.remoteDescriptionSet !== true);
      break;
    case 'ready.stable':
      noHeldCall('no SDP operation is under way');
      facts.hold('the peer has a remote description', peer?.remoteDescriptionSet === true);
      facts.equal(
        'every remote candidate reached the peer, in order, once',
        peer?.remoteCandidates.flat() ?? [],
        world.trickled,
      );
      if (event.type === 'xstate.done.actor.applyAnswer' || event.type === 'xstate.done.actor.createAnswer')
        facts.equal('offer() / answer() resolved', world.call?.status, 'resolved');
      break;
    case 'ready.failed':
      noHeldCall('no SDP operation is under way');
      facts.equal('offer() / answer() rejected', world.call?.status, 'rejected');
      break;
    case 'offering':
      facts.equal(
        'the peer is creating an offer',
        peer?.held.map((c) => c.op),
        ['createOffer'],
      );
      facts.equal('offer() is pending', world.call?.status, 'pending');
      break;
    case 'awaitingAnswer':
      noHeldCall('no SDP operation is under way');
      facts.hold('the offer is on the wire, unanswered', world.message?.request.janus === 'message');
      facts.equal('offer() is pending', world.call?.status, 'pending');
      break;
    case 'applyingAnswer':
      facts.equal(
        'the peer is applying the answer',
        peer?.held.map((c) => c.op),
        ['applyAnswer'],
      );
      facts.equal('offer() is pending', world.call?.status, 'pending');
      break;
    case 'answering':
      facts.equal(
        'the peer is creating an answer',
        peer?.held.map((c) => c.op),
        ['createAnswer'],
      );
      facts.equal('answer() is pending', world.call?.status, 'pending');
      break;
    case 'closed':
      facts.hold('the peer is closed', peer?.closed === true);
      break;
    default:
      throw new Error(`no expectations written for state '${state}'`);
  }
}

async function stop(world: JsepWorld): Promise<void> {
  for (const call of [...(world.peer?.held ?? [])]) call.reject(new Error('test over'));
  await world.client.close();
  await world.server.close();
}

/** Whether the client has a peer in this model state (none before the first offer or answer). */
const hasPeer = (snapshot: Snapshot): boolean =>
  !(
    snapshot.matches({ open: { ready: 'idle' } }) &&
    snapshot.context.localJsep === undefined &&
    snapshot.context.remoteJsep === undefined
  );

/** The JSEP machine's client-driven path suite. */
export const jsepClientSuite: ClientPathSuite<JsepMachine, JsepWorld> = {
  name: 'jsep',
  machine: jsepMachine,
  paths: {
    input: { handleId: 7, peerKey: 'peer-1' },
    serializeState: (snapshot) =>
      JSON.stringify([
        snapshot.value,
        snapshot.context.remoteDescriptionSet,
        snapshot.context.pendingCandidates.length > 0,
        snapshot.context.iceRestart,
        hasPeer(snapshot),
      ]),
    events: (snapshot) =>
      snapshot.status !== 'active'
        ? []
        : [
            { type: 'negotiate' },
            { type: 'negotiate', iceRestart: true },
            { type: 'remote.answer', jsep: answer },
            { type: 'remote.offer', jsep: offer },
            // A peer exists only once a negotiation started; before, the client has nowhere to put them.
            ...(hasPeer(snapshot)
              ? [
                  { type: 'remote.candidate' as const, candidate },
                  { type: 'remote.candidate' as const, candidate: null },
                  { type: 'close' as const },
                ]
              : []),
            { type: 'offer.abandoned', error: new Error('message failed') },
            doneEvent('createOffer', offer),
            errorEvent('createOffer', new Error('createOffer failed')),
            doneEvent('applyAnswer'),
            errorEvent('applyAnswer', new Error('bad answer')),
            doneEvent('createAnswer', answer),
            errorEvent('createAnswer', new Error('bad offer')),
          ],
  },
  driver: { start, stimulate, observe, stop },
};
