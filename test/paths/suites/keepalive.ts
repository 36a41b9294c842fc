/**
 * The keepalive machine played on the client: a real `JanusClient` whose scheduler ticks every `tickMs`
 * (the model's input; `keepaliveMs` is four ticks), one session that keeps alive and one that does not.
 * A model tick is real time passing until the scheduler sends the idle session's keepalive; what is
 * observed is the keepalive frames on the wire.
 * @module
 */
import {
  type KeepaliveMachine,
  type KeepaliveMachineInput,
  keepaliveMachine,
} from '../../../machines/keepalive.machine.js';
import { connect, type JanusClient, type JanusSession } from '../../../src/index.js';
import { type ClientPathSuite, type ClientStep, type Facts, settle } from '../../support/client-paths.js';
import { afterEvent } from '../../support/path-coverage.js';
import { type ScriptedJanus, startScriptedJanus } from '../../support/scripted-janus.js';

/** The scheduler's tick in the model input (the client's keepalive is four ticks). */
const TICK_MS = 100;
/** How long a tick that sends a keepalive may take to come, at most (many ticks). */
const TICK_WAIT_MS = 5_000;

interface KeepaliveWorld {
  readonly server: ScriptedJanus;
  readonly client: JanusClient;
  readonly keepaliveMs: number;
  /** Keeps alive. */
  readonly idle: JanusSession;
  /** Created with `keepaliveMs: false`. */
  readonly silent: JanusSession;
  /** Index in the fake's request log of the `create` that made `idle`. */
  readonly createIndex: number;
  /** Index in the fake's request log of the last keepalive seen for `idle`, or of its `create`. */
  lastIndex: number;
}

type Step = ClientStep<KeepaliveMachine>;

const keepalivesOf = (world: KeepaliveWorld, id: number, from = 0) =>
  world.server.requests.slice(from).filter((r) => r.janus === 'keepalive' && r.session_id === id).length;

async function start(input: KeepaliveMachineInput | undefined): Promise<KeepaliveWorld> {
  const tickMs = input?.tickMs ?? TICK_MS;
  const server = await startScriptedJanus({ auto: { create: true, destroy: true } });
  const keepaliveMs = 4 * tickMs;
  const client = await connect(server.url, { keepaliveMs, reconnect: false });
  const silent = await client.createSession({ keepaliveMs: false });
  const idle = await client.createSession();
  const lastIndex = server.requests.findLastIndex((r) => r.janus === 'create');
  return { server, client, keepaliveMs, idle, silent, createIndex: lastIndex, lastIndex };
}

async function stimulate(world: KeepaliveWorld, step: Step): Promise<void> {
  if (!step.event.type.startsWith('xstate.after.tick')) throw new Error(`no stimulus for ${step.event.type}`);
  // Time passes until a tick finds the session idle for its interval.
  const keepalive = await world.server.waitForRequest(
    (r) => r.janus === 'keepalive' && r.session_id === world.idle.id,
    { from: world.lastIndex + 1, timeoutMs: TICK_WAIT_MS },
  );
  world.lastIndex = keepalive.index;
}

async function observe(world: KeepaliveWorld, step: Step, facts: Facts): Promise<void> {
  await settle();
  facts.equal('the model is ticking', step.after.value, 'ticking');
  facts.equal('the connection is open', world.client.state, 'open');
  if (step.index === 0) {
    facts.equal('no keepalive before the first tick', keepalivesOf(world, world.idle.id), 0);
    return;
  }
  const { requests, requestTimes } = world.server;
  const at = requestTimes[world.lastIndex] as number;
  // The session's previous request: the last one naming it, or the `create` that made it.
  const previous = Math.max(
    world.createIndex,
    requests.slice(0, world.lastIndex).findLastIndex((r) => r.session_id === world.idle.id),
  );
  facts.hold(
    'the keepalive went out once the session had been idle for its interval',
    at - (requestTimes[previous] as number) >= world.keepaliveMs - 2,
  );
  facts.equal('no keepalive for the session that has keepalive off', keepalivesOf(world, world.silent.id), 0);
  facts.equal('the sessions stay active', [world.idle.state, world.silent.state], ['active', 'active']);
}

async function stop(world: KeepaliveWorld): Promise<void> {
  await world.client.close();
  await world.server.close();
}

/** The keepalive machine's client-driven path suite. */
export const keepaliveClientSuite: ClientPathSuite<KeepaliveMachine, KeepaliveWorld> = {
  name: 'keepalive',
  machine: keepaliveMachine,
  paths: {
    input: { tickMs: TICK_MS },
    events: [afterEvent('tick', 'keepalive.ticking')],
    // Two ticks in a row, so that a keepalive is seen going out again after the first.
    strategy: 'transitions',
  },
  driver: { start, stimulate, observe, stop },
};
