/**
 * The handle machine played on the client: a real `JanusClient` on a scripted fake Janus, one session,
 * and `session.attach()`; each model event is a server frame or a call on the public API, and each
 * model state has its own expectations, checked from outside (wire, promises, events, public getters).
 * The handle's peer is the stub of `test/support/stub-peer.ts`: the test file installs it with `vi.mock`.
 * @module
 */
import {
  type HandleMachine,
  type HandleMachineInput,
  handleMachine,
} from '../../../machines/handle.machine.js';
import { connect, type JanusClient, type JanusSession, type PluginHandle } from '../../../src/index.js';
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
import { type HeldRequest, type ScriptedJanus, startScriptedJanus } from '../../support/scripted-janus.js';
import type { JanusPeer as StubPeer } from '../../support/stub-peer.js';

const PLUGIN = 'janus.plugin.echotest';
const HANDLE_EVENTS = ['webrtcup', 'hangup', 'ice-failed', 'detached', 'event', 'state'] as const;

interface HandleWorld {
  readonly server: ScriptedJanus;
  readonly client: JanusClient;
  readonly session: JanusSession;
  readonly abort: AbortController;
  readonly attach: Tracked<PluginHandle>;
  readonly log: EventLog;
  attachRequest: HeldRequest;
  /** The id the fake gave in its attach reply. */
  serverHandleId: number | undefined;
  detachRequest: HeldRequest | undefined;
  detach: Tracked<void> | undefined;
  /** The `offer()` that created the handle's peer (`jsep.start`). */
  offer: Tracked<unknown> | undefined;
  /** The peer `jsep.start` created (the test file installs the stub peer). */
  peer: StubPeer | undefined;
  /** Log and wire positions when the current step began. */
  mark: { log: number; wire: number };
}

type Step = ClientStep<HandleMachine>;

const topState = (value: unknown): string =>
  typeof value === 'string' ? value : (Object.keys(value as object)[0] ?? '');

/** The handle the attach resolved with (throws when it did not resolve). */
function handleOf(world: HandleWorld): PluginHandle {
  const handle = world.attach.value;
  if (!handle) throw new Error(`attach() has not resolved (it is ${world.attach.status})`);
  return handle;
}

async function start(input: HandleMachineInput | undefined): Promise<HandleWorld> {
  const { sessionId = 42, plugin = PLUGIN } = input ?? {};
  const server = await startScriptedJanus();
  const client = await connect(server.url, { reconnect: false, keepaliveMs: false, requestTimeoutMs: 8_000 });
  const creating = client.createSession();
  (await server.waitForRequest((r) => r.janus === 'create')).succeed({ id: sessionId });
  const session = await creating;
  const abort = new AbortController();
  const mark = server.requests.length;
  const attach = track(session.attach(plugin, { signal: abort.signal }));
  const log = new EventLog();
  void attach.settled.then(() => {
    if (attach.value) log.listen(attach.value, HANDLE_EVENTS);
  });
  const attachRequest = await server.waitForRequest((r) => r.janus === 'attach', { from: mark });
  const world: HandleWorld = {
    server,
    client,
    session,
    abort,
    attach,
    log,
    attachRequest,
    serverHandleId: undefined,
    detachRequest: undefined,
    detach: undefined,
    offer: undefined,
    peer: undefined,
    mark: { log: 0, wire: mark },
  };
  return world;
}

async function stimulate(world: HandleWorld, step: Step): Promise<void> {
  const { server } = world;
  world.mark = { log: world.log.size, wire: server.requests.length };
  const event = step.event;
  const sender = (): { session_id: number; sender: number } => ({
    session_id: world.session.id,
    sender: handleOf(world).id,
  });
  const awaitEvent = (name: string) =>
    until(() => world.log.since(world.mark.log, name).length > 0, `the handle emits '${name}'`);
  switch (event.type) {
    case 'attach.done': {
      const { handleId } = event as { handleId: number };
      world.serverHandleId = handleId;
      world.attachRequest.succeed({ id: handleId });
      await world.attach.settled;
      return;
    }
    case 'attach.failed':
      world.attachRequest.fail(460, 'No such plugin');
      await world.attach.settled;
      return;
    case 'detach':
      if (step.before && topState(step.before.value) === 'attaching') {
        // The caller gives up on the attach (its signal aborts).
        world.abort.abort(new Error('caller gave up'));
        await world.attach.settled;
        return;
      }
      world.detach = track(handleOf(world).detach());
      world.detachRequest = await server.waitForRequest((r) => r.janus === 'detach', {
        from: world.mark.wire,
      });
      return;
    case 'detach.done':
      world.detachRequest?.succeed();
      await world.detach?.settled;
      return;
    case 'detach.failed':
      world.detachRequest?.fail(459, 'No such handle');
      await world.detach?.settled;
      return;
    case 'jsep.start': {
      // The application negotiates media: the handle creates its peer, whose negotiation runs as `jsep`.
      const handle = handleOf(world);
      world.offer = track(handle.offer({ request: 'call' }));
      await until(
        () => (handle.peer as StubPeer | undefined)?.heldCall('createOffer') !== undefined,
        'an offer from the new peer',
      );
      world.peer = handle.peer as StubPeer | undefined;
      return;
    }
    case 'jsep.stop':
      await handleOf(world).closePeer();
      await world.offer?.settled;
      return;
    case 'janus.webrtcup':
      server.push({ janus: 'webrtcup', ...sender() });
      await awaitEvent('webrtcup');
      return;
    case 'janus.hangup':
      server.push({ janus: 'hangup', ...sender(), reason: 'DTLS alert' });
      await awaitEvent('hangup');
      return;
    case 'janus.ice-failed':
      server.push({ janus: 'ice-failed', ...sender() });
      await awaitEvent('ice-failed');
      return;
    case 'janus.detached':
      server.push({ janus: 'detached', ...sender() });
      await awaitEvent('detached');
      if (world.detach) await world.detach.settled;
      return;
    default:
      throw new Error(`no stimulus for ${event.type}`);
  }
}

/** A request on the wire since the step began. */
function sentSince(world: HandleWorld, verb: string): number {
  return world.server.requests.slice(world.mark.wire).filter((r) => r.janus === verb).length;
}

/** `message()` on the handle goes to the wire addressed to it and resolves with the plugin's reply. */
async function probeMessage(world: HandleWorld, handle: PluginHandle, facts: Facts): Promise<void> {
  const from = world.server.requests.length;
  const reply = track(handle.message({ request: 'probe' }));
  const request = await world.server.waitForRequest((r) => r.janus === 'message', { from });
  facts.equal(
    'message() is addressed to the handle',
    [request.request.session_id, request.request.handle_id],
    [world.session.id, handle.id],
  );
  request.reply({
    janus: 'success',
    session_id: world.session.id,
    sender: handle.id,
    plugindata: { plugin: PLUGIN, data: { probe: 'ok' } },
  });
  await reply.settled;
  facts.equal("message() resolves with the plugin's reply", reply.value?.data, { probe: 'ok' });
}

/** The handle refuses requests, and frames addressed to it reach no listener. */
async function probeEnded(world: HandleWorld, handle: PluginHandle, facts: Facts): Promise<void> {
  const refused = track(handle.message({ request: 'probe' }));
  await refused.settled;
  facts.equal('message() rejects with INVALID_STATE', codeOf(refused.error), 'INVALID_STATE');
  facts.hold('the session no longer lists the handle', !world.session.handles.includes(handle));
  const before = world.log.since(0, 'event').length;
  world.server.push({
    janus: 'event',
    session_id: world.session.id,
    sender: handle.id,
    plugindata: { plugin: PLUGIN, data: { late: true } },
  });
  await world.client.info(); // the fake answers in order: the pushed frame was handled before this reply
  facts.equal(
    'a frame addressed to the ended handle is not emitted',
    world.log.since(0, 'event').length,
    before,
  );
}

async function observe(world: HandleWorld, step: Step, facts: Facts): Promise<void> {
  await settle();
  const state = topState(step.after.value);
  const handle = world.attach.value;
  const emitted = (name: string) => world.log.since(world.mark.log, name);
  if (handle) facts.equal('handle.state is the model state', handle.state, state);

  // What the step's event must have caused, whatever state the model says it leads to.
  switch (step.event.type) {
    case 'xstate.init':
      facts.equal(
        'an attach request for the plugin on the session is on the wire',
        {
          plugin: world.attachRequest.request.plugin,
          session: world.attachRequest.request.session_id,
        },
        { plugin: PLUGIN, session: world.session.id },
      );
      break;
    case 'janus.webrtcup':
    case 'janus.hangup':
    case 'janus.ice-failed':
      facts.equal(
        `'${step.event.type.slice(6)}' is emitted once`,
        emitted(step.event.type.slice(6)).length,
        1,
      );
      break;
    case 'janus.detached': {
      const byServer = step.before !== undefined && topState(step.before.value) === 'attached';
      facts.equal(
        "'detached' is emitted once, saying who detached",
        emitted('detached').map((entry) => (entry.args[0] as { reason: string }).reason),
        [byServer ? 'detached by the server' : 'detached'],
      );
      break;
    }
    case 'detach':
      if (world.detach)
        facts.equal('a detach request for the handle is on the wire', sentSince(world, 'detach'), 1);
      break;
    case 'jsep.start':
      facts.hold(
        'the handle has a peer, asked for an offer',
        world.peer !== undefined && handleOf(world).peer === (world.peer as unknown),
      );
      break;
    case 'jsep.stop':
      facts.hold('the peer is closed', world.peer?.closed === true);
      facts.equal('the handle has no peer', handleOf(world).peer, undefined);
      facts.equal('the negotiation under way ends: offer() rejects', world.offer?.status, 'rejected');
      break;
    case 'attach.failed':
      facts.equal('attach() rejects with the server error', codeOf(world.attach.error), 'PLUGIN_NOT_FOUND');
      break;
    case 'detach.done':
    case 'detach.failed':
      facts.equal(
        'detach() resolves (a failed detach still ends the handle)',
        world.detach?.status,
        'resolved',
      );
      facts.equal("'detached' is emitted once", emitted('detached').length, 1);
      break;
  }

  // What must hold in the state the model says the handle is in.
  switch (state) {
    case 'attaching':
      facts.equal('attach() is pending', world.attach.status, 'pending');
      break;
    case 'attached': {
      facts.equal('attach() resolved', world.attach.status, 'resolved');
      const current = handleOf(world);
      facts.equal("the handle has the server's id", current.id, world.serverHandleId);
      facts.hold('the session lists the handle', world.session.handles.includes(current));
      const active = (step.after.value as { attached: string }).attached === 'active';
      facts.equal('webrtcActive says whether a PeerConnection is up', current.webrtcActive, active);
      await probeMessage(world, current, facts);
      break;
    }
    case 'detaching':
      facts.equal('detach() is pending', world.detach?.status, 'pending');
      facts.equal('no detached event yet', world.log.since(0, 'detached').length, 0);
      break;
    case 'detached': {
      facts.equal('attach() had resolved', world.attach.status, 'resolved');
      facts.equal("'detached' was emitted exactly once", world.log.since(0, 'detached').length, 1);
      if (world.detach) facts.equal('detach() resolved', world.detach.status, 'resolved');
      await probeEnded(world, handleOf(world), facts);
      break;
    }
    case 'failed':
      facts.equal('the handle never attached: attach() rejected', world.attach.status, 'rejected');
      facts.equal('the session lists no handle', world.session.handles.length, 0);
      facts.equal(
        'no detach request went to the wire',
        world.server.requests.filter((r) => r.janus === 'detach').length,
        0,
      );
      break;
    default:
      throw new Error(`no expectations written for state '${state}'`);
  }
}

async function stop(world: HandleWorld): Promise<void> {
  for (const call of [...(world.peer?.held ?? [])]) call.reject(new Error('test over'));
  world.server.auto.destroy = true;
  await world.client.close();
  await world.server.close();
}

/** The handle machine's client-driven path suite. */
export const handleClientSuite: ClientPathSuite<HandleMachine, HandleWorld> = {
  name: 'handle',
  machine: handleMachine,
  paths: {
    input: { sessionId: 42, plugin: PLUGIN },
    // Whether the handle has a peer (the `jsep` child) is part of the state.
    serializeState: (snapshot) =>
      JSON.stringify({
        value: snapshot.value,
        status: snapshot.status,
        children: Object.keys(snapshot.children),
      }),
    // One peer at a time: the client creates a peer only when the handle has none.
    events: (snapshot) => [
      { type: 'detach' },
      { type: 'janus.webrtcup' },
      { type: 'janus.hangup' },
      { type: 'janus.ice-failed' },
      { type: 'janus.detached' },
      ...(snapshot.children.jsep
        ? [{ type: 'jsep.stop' as const }]
        : snapshot.matches('attached')
          ? [{ type: 'jsep.start' as const, peerKey: 'peer-1' }]
          : []),
      { type: 'attach.done', handleId: 7 },
      { type: 'attach.failed', error: new Error('attach failed') },
      { type: 'detach.done' },
      { type: 'detach.failed', error: new Error('detach failed') },
    ],
  },
  driver: { start, stimulate, observe, stop },
  notDriven: {
    'handle.attached --handle.reattached--> (targetless)':
      'sent only after a lost session was re-created (reconnect, refused claim, recreate: true); driven against a real server by test/integration/recreate-ids.test.ts',
  },
};
