/**
 * The session machine played on the client: a real `JanusClient` (reconnect on, with a policy the test
 * controls) on a scripted fake Janus, and `client.createSession()`. Each model event is a server frame,
 * a reply the fake gives or withholds, a dropped link, or a call on the public API; each model state has
 * its own expectations, checked from outside (wire, promises, public events, keepalive frames).
 * @module
 */
import {
  type SessionMachine,
  type SessionMachineInput,
  sessionMachine,
} from '../../../machines/session.machine.js';
import {
  connect,
  type JanusClient,
  JanusError,
  type JanusSession,
  type PluginHandle,
} from '../../../src/index.js';
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

/** Keepalive interval of the sessions that keep alive (the scheduler then ticks every 50 ms). */
const KEEPALIVE_MS = 200;
/** Deadline of every request: a withheld keepalive times out after this. */
const REQUEST_TIMEOUT_MS = 1_000;
/** How long a session without keepalive is watched for a keepalive that must not come. */
const QUIET_WATCH_MS = 600;
/** A reconnection attempt the test holds back: longer than any path. */
const HELD_RECONNECT_MS = 60_000;

const SESSION_EVENTS = ['timeout', 'reclaimed', 'lost', 'recreated', 'state'] as const;
const CLIENT_EVENTS = ['state', 'reconnecting', 'reconnected', 'session-lost', 'session-recreated'] as const;
const notFound = new JanusError('SESSION_NOT_FOUND', 'No such session (458)', { janusCode: 458 });
const timedOut = new JanusError('TIMEOUT', "'keepalive' request timed out");

interface SessionWorld {
  readonly server: ScriptedJanus;
  readonly client: JanusClient;
  readonly input: SessionMachineInput;
  readonly abort: AbortController;
  readonly creating: Tracked<JanusSession>;
  readonly log: EventLog;
  readonly clientLog: EventLog;
  /** The request the current state waits on (create, claim, re-create, destroy). */
  pending: HeldRequest;
  destroy: Tracked<void> | undefined;
  handle: PluginHandle | undefined;
  mark: { log: number; clientLog: number; wire: number };
}

type Step = ClientStep<SessionMachine>;

const topState = (value: unknown): string =>
  typeof value === 'string' ? value : (Object.keys(value as object)[0] ?? '');

function sessionOf(world: SessionWorld): JanusSession {
  const session = world.creating.value;
  if (!session) throw new Error(`createSession() has not resolved (it is ${world.creating.status})`);
  return session;
}

async function start(input: SessionMachineInput | undefined): Promise<SessionWorld> {
  const model = input ?? { keepaliveMs: KEEPALIVE_MS };
  const server = await startScriptedJanus({ sessionTimeoutS: 3 });
  const client = await connect(server.url, {
    keepaliveMs: model.keepaliveMs > 0 ? model.keepaliveMs : false,
    recreate: model.recreate === true,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    reconnect: {
      // The first attempt after a dropped link goes at once; a link reported dead by a keepalive, or a
      // second loss, waits longer than the path, so the session stays where the model says it is.
      nextDelayMs: ({ attempt, lastError }) =>
        attempt === 1 && codeOf(lastError) !== 'TIMEOUT' ? 0 : HELD_RECONNECT_MS,
    },
  });
  const clientLog = new EventLog().listen(client, CLIENT_EVENTS);
  const abort = new AbortController();
  const log = new EventLog();
  const creating = track(client.createSession({ signal: abort.signal }));
  void creating.settled.then(() => {
    if (creating.value) log.listen(creating.value, SESSION_EVENTS);
  });
  const pending = await server.waitForRequest((r) => r.janus === 'create');
  return {
    server,
    client,
    input: model,
    abort,
    creating,
    log,
    clientLog,
    pending,
    destroy: undefined,
    handle: undefined,
    mark: { log: 0, clientLog: 0, wire: 0 },
  };
}

/** Withholds the keepalive answer; resolves with the next keepalive request of the session. */
async function nextKeepalive(world: SessionWorld): Promise<HeldRequest> {
  const id = sessionOf(world).id;
  world.server.auto.keepalive = false;
  return world.server.waitForRequest((r) => r.janus === 'keepalive' && r.session_id === id, {
    from: world.server.requests.length,
  });
}

async function stimulate(world: SessionWorld, step: Step): Promise<void> {
  const { server } = world;
  world.mark = { log: world.log.size, clientLog: world.clientLog.size, wire: server.requests.length };
  const event = step.event as {
    type: string;
    sessionId?: number;
    output?: { sessionId: number };
    error?: unknown;
  };
  const from = world.mark.wire;
  const before = step.before ? topState(step.before.value) : '';
  switch (event.type) {
    case 'destroy':
      if (before === 'creating') {
        world.abort.abort(new Error('caller gave up'));
        await world.creating.settled;
        return;
      }
      world.destroy = track(sessionOf(world).destroy());
      world.pending = await server.waitForRequest((r) => r.janus === 'destroy', { from });
      return;
    case 'create.done':
      world.pending.succeed({ id: event.sessionId });
      await world.creating.settled;
      return;
    case 'create.failed':
      world.pending.fail(490, 'Unknown error');
      await world.creating.settled;
      return;
    case 'janus.timeout':
      server.push({ janus: 'timeout', session_id: sessionOf(world).id });
      await until(() => world.log.since(world.mark.log, 'timeout').length > 0, "the session emits 'timeout'");
      return;
    case 'session.gone':
      // What an HTTP long-poll reports when the server no longer knows the session.
      server.push({
        janus: 'error',
        session_id: sessionOf(world).id,
        error: { code: 458, reason: 'No such session' },
      });
      await afterSessionLeaves(world, 'active');
      return;
    case 'session.reclaim':
      server.dropAll();
      world.pending = await server.waitForRequest((r) => r.janus === 'claim', { from });
      return;
    case 'keepalive.failed':
      if (codeOf(event.error) === 'SESSION_NOT_FOUND') {
        (await nextKeepalive(world)).fail(458, 'No such session');
        await afterSessionLeaves(world, 'active');
      } else {
        await nextKeepalive(world); // withheld: it times out
        await until(
          () => world.client.state === 'reconnecting',
          'the client reports the link dead',
          3 * REQUEST_TIMEOUT_MS,
        );
      }
      server.auto.keepalive = true;
      return;
    case 'claim.done':
      world.pending.succeed();
      await afterSessionLeaves(world, 'reclaiming');
      return;
    case 'claim.failed':
      if (codeOf(event.error) === 'SESSION_NOT_FOUND') world.pending.fail(458, 'No such session');
      else server.dropAll(); // the link fails again mid-claim
      await afterSessionLeaves(world, 'reclaiming');
      return;
    case 'xstate.done.actor.recreate':
      world.pending.succeed({ id: event.output?.sessionId });
      await afterSessionLeaves(world, 'recreating');
      return;
    case 'xstate.error.actor.recreate':
      world.pending.fail(490, 'Unknown error');
      await afterSessionLeaves(world, 'recreating');
      return;
    case 'destroy.done':
      world.pending.succeed();
      await world.destroy?.settled;
      return;
    case 'destroy.failed':
      world.pending.fail(490, 'Unknown error');
      await world.destroy?.settled;
      return;
    default:
      throw new Error(`no stimulus for ${event.type}`);
  }
}

/** Waits until the session's public state is no longer `state` (or the session is closed). */
async function afterSessionLeaves(world: SessionWorld, state: string): Promise<void> {
  const session = sessionOf(world);
  await until(() => session.state !== state, `the session leaves '${state}'`, 3 * REQUEST_TIMEOUT_MS);
  if (session.state === 'recreating') {
    world.pending = await world.server.waitForRequest((r) => r.janus === 'create', { from: world.mark.wire });
  }
}

/** A keepalive for the session reaches the server within `timeoutMs`. */
function keepaliveArrives(world: SessionWorld, id: number, timeoutMs: number) {
  return world.server
    .waitForRequest((r) => r.janus === 'keepalive' && r.session_id === id, {
      from: world.server.requests.length,
      timeoutMs,
    })
    .then(
      () => true,
      () => false,
    );
}

/** The ended session refuses work and is gone from the client. */
async function checkEnded(world: SessionWorld, session: JanusSession, facts: Facts): Promise<void> {
  facts.hold('the client no longer lists the session', !world.client.sessions.includes(session));
  const attach = track(session.attach('janus.plugin.echotest'));
  await attach.settled;
  facts.equal('attach() rejects with INVALID_STATE', codeOf(attach.error), 'INVALID_STATE');
}

/** Whether the server ever told the client it no longer knows session `id` (458). */
function serverSaid458(world: SessionWorld, ids: readonly number[]): boolean {
  return world.server.sent.some(
    (frame) =>
      frame.janus === 'error' &&
      (frame.error as { code?: number } | undefined)?.code === 458 &&
      ids.includes(frame.session_id as number),
  );
}

async function observe(world: SessionWorld, step: Step, facts: Facts): Promise<void> {
  await settle();
  const state = topState(step.after.value);
  const session = world.creating.value;
  const emitted = (name: string) => world.log.since(world.mark.log, name);
  if (session) facts.equal('session.state is the model state', session.state, state);

  switch (step.event.type) {
    case 'xstate.init':
      facts.equal('a create request is on the wire', world.pending.request.janus, 'create');
      break;
    case 'janus.timeout':
      facts.equal("'timeout' is emitted once", emitted('timeout').length, 1);
      break;
    case 'claim.done':
      facts.equal("'reclaimed' is emitted once", emitted('reclaimed').length, 1);
      break;
    case 'xstate.done.actor.recreate':
      facts.equal(
        "'recreated' is emitted once with the old and new ids",
        emitted('recreated').map((entry) => {
          const { oldSessionId, sessionId } = entry.args[0] as { oldSessionId: number; sessionId: number };
          return [oldSessionId, sessionId];
        }),
        [
          [
            step.before?.context.sessionId,
            (step.event as { output: { sessionId: number } }).output.sessionId,
          ],
        ],
      );
      break;
    case 'keepalive.failed':
      if (codeOf((step.event as { error: unknown }).error) === 'TIMEOUT')
        facts.equal(
          'a keepalive that timed out makes the client reconnect',
          world.client.state,
          'reconnecting',
        );
      break;
    case 'create.failed':
      facts.equal('createSession() rejects with the server error', codeOf(world.creating.error), 'UNKNOWN');
      break;
  }

  switch (state) {
    case 'creating':
      facts.equal('createSession() is pending', world.creating.status, 'pending');
      break;
    case 'active': {
      facts.equal('createSession() resolved', world.creating.status, 'resolved');
      const current = sessionOf(world);
      facts.equal("the session has the server's id", current.id, step.after.context.sessionId);
      facts.hold('the client lists the session', world.client.sessions.includes(current));
      facts.equal(
        'the session lists its live handles',
        current.handles.length,
        Object.keys(step.after.children).length,
      );
      if (world.client.state !== 'open') break; // keepalive is the link's business while it is down
      const keptAlive = (step.after.value as { active: string }).active === 'keptAlive';
      if (keptAlive) {
        facts.hold(
          'keepalive runs: a keepalive for the session reaches the server',
          await keepaliveArrives(world, current.id, 5_000),
        );
      } else {
        facts.hold(
          'keepalive is off: no keepalive for the session',
          !(await keepaliveArrives(world, current.id, QUIET_WATCH_MS)),
        );
      }
      break;
    }
    case 'reclaiming':
      facts.equal(
        'a claim for the session is on the wire',
        [world.pending.request.janus, world.pending.request.session_id],
        ['claim', sessionOf(world).id],
      );
      facts.equal('the client is reclaiming', world.client.state, 'reclaiming');
      break;
    case 'recreating':
      facts.equal(
        'a create request replacing the session is on the wire',
        world.pending.request.janus,
        'create',
      );
      break;
    case 'destroying':
      facts.equal(
        'a destroy for the session is on the wire',
        [world.pending.request.janus, world.pending.request.session_id],
        ['destroy', sessionOf(world).id],
      );
      facts.equal('destroy() is pending', world.destroy?.status, 'pending');
      break;
    case 'destroyed':
      facts.equal('destroy() resolved', world.destroy?.status, 'resolved');
      facts.equal(
        "no 'lost' or 'timeout' was emitted",
        world.log.since(0).filter((e) => e.name === 'lost' || e.name === 'timeout').length,
        0,
      );
      await checkEnded(world, sessionOf(world), facts);
      break;
    case 'timedOut':
      facts.equal("'timeout' was emitted once", world.log.since(0, 'timeout').length, 1);
      facts.equal("no 'lost' was emitted", world.log.since(0, 'lost').length, 0);
      await checkEnded(world, sessionOf(world), facts);
      break;
    case 'lost': {
      const current = sessionOf(world);
      const ids = [current.id, step.after.context.previousSessionId ?? current.id];
      facts.hold('the server had said it no longer knows the session (458)', serverSaid458(world, ids));
      facts.equal("'lost' was emitted once", world.log.since(0, 'lost').length, 1);
      facts.equal(
        "the client emitted 'session-lost' once",
        world.clientLog.since(0, 'session-lost').length,
        1,
      );
      await checkEnded(world, current, facts);
      break;
    }
    case 'failed':
      facts.equal('createSession() rejected', world.creating.status, 'rejected');
      facts.equal('the client lists no session', world.client.sessions.length, 0);
      break;
    default:
      throw new Error(`no expectations written for state '${state}'`);
  }
}

async function stop(world: SessionWorld): Promise<void> {
  Object.assign(world.server.auto, { destroy: true, claim: true, keepalive: true });
  await world.client.close();
  await world.server.close();
}

/** The session machine's client-driven path suite. */
export const sessionClientSuite: ClientPathSuite<SessionMachine, SessionWorld> = {
  name: 'session',
  machine: sessionMachine,
  paths: {
    inputs: [
      { keepaliveMs: KEEPALIVE_MS },
      { keepaliveMs: 0 },
      { keepaliveMs: KEEPALIVE_MS, recreate: true },
    ],
    serializeState: (snapshot) =>
      JSON.stringify({
        value: snapshot.value,
        status: snapshot.status,
        recreate: snapshot.context.recreate,
        children: Object.keys(snapshot.children).sort(),
      }),
    events: (snapshot) =>
      snapshot.status !== 'active'
        ? []
        : [
            { type: 'destroy' },
            { type: 'janus.timeout' },
            { type: 'session.gone', error: notFound },
            { type: 'session.reclaim' },
            { type: 'create.done', sessionId: 42 },
            { type: 'create.failed', error: new Error('create failed') },
            { type: 'keepalive.failed', error: notFound },
            { type: 'keepalive.failed', error: timedOut },
            { type: 'claim.done' },
            { type: 'claim.failed', error: notFound },
            { type: 'claim.failed', error: new JanusError('DISCONNECTED', 'the link went again') },
            doneEvent('recreate', { sessionId: 43 }),
            errorEvent('recreate', new Error('could not re-create')),
            { type: 'destroy.done' },
            { type: 'destroy.failed', error: new Error('destroy failed') },
          ],
  },
  driver: { start, stimulate, observe, stop },
};
