/**
 * The connection machine played on the client: a real `JanusClient` (the model's URLs map to two scripted
 * fake servers that hold every WebSocket upgrade and every `info`, `claim` and `destroy`), so that each
 * model event is one thing the test does: accept or refuse an upgrade, drop the link, answer or fail the
 * handshake, answer the claims or the destroys, withhold keepalives, let a deadline pass, or call
 * `close()` / `createSession()`. Each model state has its own expectations, checked from outside.
 *
 * Once the connection first opens, the world creates one resident session (keepalive on), so that
 * reclaiming, draining and a dead link have something to act on, as they would in an application.
 * @module
 */
import {
  type ConnectionMachine,
  type ConnectionMachineInput,
  connectionMachine,
} from '../../../machines/connection.machine.js';
import { JanusClient, JanusError, type JanusSession } from '../../../src/index.js';
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
import { afterEvent, doneEvent, errorEvent } from '../../support/path-coverage.js';
import { type HeldRequest, type ScriptedJanus, startScriptedJanus } from '../../support/scripted-janus.js';

const URL_A = 'ws://a.test';
const URL_B = 'ws://b.test';
const CONNECT_TIMEOUT_MS = 1_000;
const CLOSE_TIMEOUT_MS = 500;
/** The reconnect policy's delay: the client waits this long in `reconnecting`. */
const RECONNECT_DELAY_MS = 1_000;
/** Keepalive of the resident session; a withheld keepalive times out after the request deadline. */
const KEEPALIVE_MS = 200;
const REQUEST_TIMEOUT_MS = 1_000;
/** The server's session timeout: the keepalive scheduler then ticks every 250 ms. */
const SESSION_TIMEOUT_S = 3;

const CLIENT_EVENTS = ['state', 'reconnecting', 'reconnected', 'reconnect-failed'] as const;

interface ConnectionWorld {
  readonly servers: Readonly<Record<string, ScriptedJanus>>;
  readonly client: JanusClient;
  readonly ready: Tracked<JanusClient>;
  readonly log: EventLog;
  /** Created once the connection first opened. */
  resident: JanusSession | undefined;
  /** Sessions the model spawned (`session.spawn`). */
  readonly spawned: JanusSession[];
  /** The held `info` of the handshake under way. */
  handshake: HeldRequest | undefined;
  closing: Tracked<void> | undefined;
  /** Upgrades per server when the step began. */
  mark: { log: number; upgrades: Record<string, number>; requests: Record<string, number> };
}

type Step = ClientStep<ConnectionMachine>;
type Snapshot = Step['after'];

const urlOf = (snapshot: Snapshot): string => snapshot.context.urls[snapshot.context.urlIndex] as string;
const leaf = (snapshot: Snapshot): string => {
  const value = snapshot.value as string | { running: string };
  return typeof value === 'string' ? value : `running.${value.running}`;
};

function serverFor(world: ConnectionWorld, snapshot: Snapshot): ScriptedJanus {
  const server = world.servers[urlOf(snapshot)];
  if (!server) throw new Error(`no fake server for ${urlOf(snapshot)}`);
  return server;
}

function liveSessions(world: ConnectionWorld): JanusSession[] {
  return [world.resident, ...world.spawned].filter(
    (session): session is JanusSession => session !== undefined && world.client.sessions.includes(session),
  );
}

async function start(input: ConnectionMachineInput | undefined): Promise<ConnectionWorld> {
  const model = input ?? {
    url: URL_A,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    closeTimeoutMs: CLOSE_TIMEOUT_MS,
  };
  const servers: Record<string, ScriptedJanus> = {};
  for (const url of model.urls ?? [model.url]) {
    const server = await startScriptedJanus({ auto: { info: false, create: true } });
    server.holdUpgrades(true);
    servers[url] = server;
  }
  const urls = (model.urls ?? [model.url]).map((url) => (servers[url] as ScriptedJanus).url);
  const client = new JanusClient(urls, {
    connectTimeoutMs: model.connectTimeoutMs,
    closeTimeoutMs: model.closeTimeoutMs,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    keepaliveMs: false,
    reconnect: model.reconnect === true ? { nextDelayMs: () => RECONNECT_DELAY_MS } : false,
  });
  const log = new EventLog().listen(client, CLIENT_EVENTS);
  const ready = track(client.ready());
  const world: ConnectionWorld = {
    servers,
    client,
    ready,
    log,
    resident: undefined,
    spawned: [],
    handshake: undefined,
    closing: undefined,
    mark: { log: 0, upgrades: {}, requests: {} },
  };
  await until(() => (servers[model.url] as ScriptedJanus).upgradeTimes.length > 0, 'the first upgrade');
  return world;
}

function markStep(world: ConnectionWorld): void {
  const upgrades: Record<string, number> = {};
  const requests: Record<string, number> = {};
  for (const [url, server] of Object.entries(world.servers)) {
    upgrades[url] = server.upgradeTimes.length;
    requests[url] = server.requests.length;
  }
  world.mark = { log: world.log.size, upgrades, requests };
}

/** Waits until the client's public state is no longer `state`. */
const leaves = (world: ConnectionWorld, state: string, timeoutMs = 5_000) =>
  until(() => world.client.state !== state, `the client leaves '${state}'`, timeoutMs);

async function stimulate(world: ConnectionWorld, step: Step): Promise<void> {
  markStep(world);
  const before = step.before as Snapshot;
  const server = serverFor(world, before);
  const from = world.mark.requests[urlOf(before)] ?? 0;
  const state = world.client.state;
  const event = step.event as { type: string; output?: unknown };
  switch (event.type) {
    case 'transport.open':
      (await server.nextUpgrade()).accept();
      world.handshake = await server.waitForRequest((r) => r.janus === 'info', { from });
      return;
    case 'transport.closed':
      if (state === 'connecting') (await server.nextUpgrade()).refuse();
      else server.dropAll();
      await leaves(world, state);
      return;
    case 'close':
      world.closing = track(world.client.close());
      await leaves(world, state);
      return;
    case 'link.dead':
      // The resident session's keepalive goes unanswered until it times out.
      server.auto.keepalive = false;
      await leaves(world, state, 8 * REQUEST_TIMEOUT_MS);
      server.auto.keepalive = true;
      return;
    case 'session.spawn':
      world.spawned.push(await world.client.createSession({ keepaliveMs: false }));
      return;
    case 'xstate.done.actor.session-1': {
      const session = world.spawned[0] as JanusSession;
      const destroying = session.destroy();
      (
        await server.waitForRequest((r) => r.janus === 'destroy' && r.session_id === session.id, { from })
      ).succeed();
      await destroying;
      return;
    }
    case 'xstate.done.actor.handshake': {
      const wasOpen = before.context.everOpen;
      world.handshake?.reply({
        janus: 'server_info',
        name: 'Scripted Janus',
        'session-timeout': SESSION_TIMEOUT_S,
      });
      await leaves(world, 'handshaking');
      if (!wasOpen && world.client.state === 'open') {
        world.resident = await world.client.createSession({ keepaliveMs: KEEPALIVE_MS });
      }
      return;
    }
    case 'xstate.error.actor.handshake':
      world.handshake?.fail(490, 'Unknown error');
      await leaves(world, 'handshaking');
      return;
    case 'xstate.done.actor.reclaim': {
      // The claims went out on entering reclaiming, after this link's handshake.
      const sinceHandshake = world.handshake?.index ?? 0;
      for (const session of liveSessions(world)) {
        const claim = await server.waitForRequest((r) => r.janus === 'claim' && r.session_id === session.id, {
          from: sinceHandshake,
        });
        claim.succeed();
      }
      await leaves(world, 'reclaiming');
      return;
    }
    case 'xstate.done.actor.drain':
      for (const session of liveSessions(world)) {
        const destroy = await server.waitForRequest(
          (r) => r.janus === 'destroy' && r.session_id === session.id,
        );
        destroy.succeed();
      }
      await world.closing?.settled;
      return;
    case 'xstate.done.actor.reconnect':
      // The policy's delay passes; the next attempt starts.
      await leaves(world, 'reconnecting', 10 * RECONNECT_DELAY_MS);
      return;
    case 'xstate.after.connectTimeout.connection.running.connecting':
      await leaves(world, 'connecting', 5 * CONNECT_TIMEOUT_MS);
      return;
    case 'xstate.after.closeTimeout.connection.running.closing':
      await world.closing?.settled;
      return;
    default:
      throw new Error(`no stimulus for ${event.type}`);
  }
}

/** `info()` goes to the wire and resolves with the reply. */
async function probeRequest(world: ConnectionWorld, server: ScriptedJanus, facts: Facts): Promise<void> {
  const from = server.requests.length;
  const info = track(world.client.info());
  const request = await server.waitForRequest((r) => r.janus === 'info', { from });
  request.reply({ janus: 'server_info', name: 'probe' });
  await info.settled;
  facts.equal('a request goes to the server in use and resolves', info.value?.name, 'probe');
}

async function observe(world: ConnectionWorld, step: Step, facts: Facts): Promise<void> {
  await settle();
  const after = step.after;
  const state = leaf(after);
  const url = urlOf(after);
  const server = serverFor(world, after);
  const newUpgrades = server.upgradeTimes.length - (world.mark.upgrades[url] ?? 0);
  const emitted = (name: string) => world.log.since(world.mark.log, name);
  facts.equal('client.state is the model state', world.client.state, state.replace('running.', ''));

  if (step.event.type === 'xstate.done.actor.reclaim') {
    facts.equal(
      "'reconnected' is emitted once, counting the claimed sessions",
      emitted('reconnected').map((e) => (e.args[0] as { claimed: number }).claimed),
      [liveSessions(world).length],
    );
  }
  if (step.event.type === 'xstate.done.actor.session-1') {
    facts.hold(
      'the ended session is no longer listed',
      !world.client.sessions.includes(world.spawned[0] as JanusSession),
    );
  }
  if (step.event.type === 'session.spawn') {
    facts.equal('createSession() resolved with an active session', world.spawned.at(-1)?.state, 'active');
  }

  switch (state) {
    case 'running.connecting':
      facts.hold(
        `a WebSocket upgrade reached ${url}`,
        step.index === 0 ? server.upgradeTimes.length === 1 : newUpgrades === 1,
      );
      facts.equal(
        'ready() is pending until the connection opens',
        world.ready.status,
        after.context.everOpen ? 'resolved' : 'pending',
      );
      break;
    case 'running.handshaking':
      facts.equal('an info request is on the new link', world.handshake?.request.janus, 'info');
      break;
    case 'running.reclaiming': {
      const claimed = server.requests
        .slice(world.mark.requests[url] ?? 0)
        .filter((r) => r.janus === 'claim')
        .map((r) => r.session_id);
      facts.equal(
        'a claim for every live session is on the new link',
        claimed.sort(),
        liveSessions(world)
          .map((s) => s.id)
          .sort(),
      );
      break;
    }
    case 'running.open':
      facts.equal('ready() resolved', world.ready.status, 'resolved');
      facts.equal('the server info is the handshake reply', world.client.serverInfo?.name, 'Scripted Janus');
      facts.equal(
        'the client lists the live sessions',
        world.client.sessions.length,
        liveSessions(world).length,
      );
      await probeRequest(world, server, facts);
      break;
    case 'running.closing': {
      facts.equal('close() is pending', world.closing?.status, 'pending');
      const destroyed = server.requests.filter((r) => r.janus === 'destroy').map((r) => r.session_id);
      facts.hold(
        'a destroy for every live session is on the wire',
        liveSessions(world).every((s) => destroyed.includes(s.id)),
      );
      break;
    }
    case 'reconnecting': {
      const last = emitted('reconnecting').at(-1)?.args[0] as
        | { attempt: number; delayMs: number }
        | undefined;
      facts.equal(
        "'reconnecting' is emitted with the attempt and the policy's delay",
        [last?.attempt, last?.delayMs],
        [after.context.attempt, RECONNECT_DELAY_MS],
      );
      facts.hold(
        'the connection had been open (only a loss after opening reconnects)',
        world.ready.status === 'resolved',
      );
      break;
    }
    case 'failed':
      facts.equal('ready() rejected', world.ready.status, 'rejected');
      facts.hold(
        'the connection never opened',
        !world.log.since(0, 'state').some((e) => e.args[0] === 'open'),
      );
      break;
    case 'disconnected': {
      facts.equal('ready() had resolved', world.ready.status, 'resolved');
      facts.equal('close() was not called', world.closing, undefined);
      facts.equal(
        "'reconnect-failed' is emitted only when reconnect was on",
        world.log.since(0, 'reconnect-failed').length,
        after.context.reconnect ? 1 : 0,
      );
      facts.equal('the resident session ended with the link', world.resident?.state, 'closed');
      const info = track(world.client.info());
      await info.settled;
      facts.equal('requests are refused', info.status, 'rejected');
      break;
    }
    case 'closed': {
      facts.hold('close() was called', world.closing !== undefined);
      if (world.closing) await world.closing.settled;
      facts.equal('close() resolves', world.closing?.status, 'resolved');
      facts.equal('the client lists no session', world.client.sessions.length, 0);
      const info = track(world.client.info());
      await info.settled;
      facts.hold('requests are refused', info.status === 'rejected' && codeOf(info.error) !== undefined);
      break;
    }
    default:
      throw new Error(`no expectations written for state '${state}'`);
  }
}

async function stop(world: ConnectionWorld): Promise<void> {
  for (const server of Object.values(world.servers))
    Object.assign(server.auto, { destroy: true, claim: true, info: true });
  await world.client.close();
  for (const server of Object.values(world.servers)) await server.close();
}

const whileActive =
  <T>(events: (snapshot: Snapshot) => readonly T[]) =>
  (snapshot: Snapshot): readonly T[] =>
    snapshot.status === 'active' ? events(snapshot) : [];

/** The connection machine's client-driven path suite. */
export const connectionClientSuite: ClientPathSuite<ConnectionMachine, ConnectionWorld> = {
  name: 'connection',
  machine: connectionMachine,
  paths: {
    inputs: [
      {
        url: URL_A,
        urls: [URL_A, URL_B],
        reconnect: true,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        closeTimeoutMs: CLOSE_TIMEOUT_MS,
      },
      { url: URL_A, connectTimeoutMs: CONNECT_TIMEOUT_MS, closeTimeoutMs: CLOSE_TIMEOUT_MS },
    ],
    events: whileActive((snapshot) => [
      { type: 'transport.open' },
      { type: 'transport.closed', error: new JanusError('DISCONNECTED', 'socket closed') },
      // A keepalive can time out only while open (the scheduler runs only then).
      ...(snapshot.matches({ running: 'open' })
        ? [{ type: 'link.dead' as const, error: new JanusError('TIMEOUT', 'keepalive timed out') }]
        : []),
      ...(snapshot.matches({ running: 'reclaiming' }) ? [] : [{ type: 'close' as const }]),
      // Sessions are created on an open connection (elsewhere `createSession` refuses or waits).
      ...(snapshot.matches({ running: 'open' })
        ? [{ type: 'session.spawn' as const, id: 'session-1', input: { keepaliveMs: 0 } }]
        : []),
      { ...doneEvent('session-1'), actorId: 'session-1' },
      doneEvent('handshake', { janus: 'server_info', name: 'Scripted Janus' }),
      errorEvent('handshake', new Error('handshake failed')),
      doneEvent('reclaim'),
      doneEvent('reconnect', { gaveUp: false, attempt: 1, delayMs: RECONNECT_DELAY_MS }),
      doneEvent('drain'),
      afterEvent('connectTimeout', 'connection.running.connecting'),
      afterEvent('closeTimeout', 'connection.running.closing'),
    ]),
    serializeState: (snapshot) =>
      JSON.stringify({
        value: snapshot.value,
        status: snapshot.status,
        everOpen: snapshot.context.everOpen,
        // The server in use is part of the state: which server an attempt goes to is checked.
        urlIndex: snapshot.context.urlIndex,
        reconnect: snapshot.context.reconnect,
        attempt: Math.min(snapshot.context.attempt, 2),
        children: Object.keys(snapshot.children)
          .filter((id) => id.startsWith('session-'))
          .sort(),
      }),
  },
  driver: { start, stimulate, observe, stop },
  notDriven: {
    'connection.running --error: transport[canReconnect]--> connection.reconnecting':
      'the transport actor does not throw: URLs are validated when the client is made',
    'connection.running --error: transport--> connection.failed':
      'the transport actor does not throw: URLs are validated when the client is made',
    'connection.running.reclaiming --link.dead--> connection.reconnecting':
      'keepalives run only while open, and one in flight when the link drops rejects DISCONNECTED at once',
    'connection.running.reclaiming --close--> connection.running.closing':
      'close() during reclaiming: the drain destroys only active sessions and every session is being claimed, so the client passes through closing at once (reported: such sessions are left on the server)',
    'connection.running.reclaiming --error: reclaim--> connection.reconnecting':
      'the client’s reclaim settles every claim and never rejects',
    'connection.running.closing --error: drain--> connection.closed':
      'the client’s drain settles every destroy (allSettled) and never rejects',
    'connection.reconnecting --done: reconnect[gaveUp]--> connection.disconnected':
      'the policy is asked on entering reconnecting, so a give-up leaves it at once; played by the reconnect suite (gaveUp: the client ends disconnected with reconnect-failed)',
    'connection.reconnecting --error: reconnect--> connection.disconnected':
      'the reconnect machine turns a throwing policy into gaveUp; it has no error to raise',
  },
};
