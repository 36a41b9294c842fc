import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { assign, fromPromise, setup } from 'xstate';
import { connectionFixtureMachine } from '../../support/fixtures/machines.js';
import {
  afterEvent,
  checkPathCoverage,
  describeMachinePaths,
  doneEvent,
  errorEvent,
  formatUncovered,
  generateMachinePaths,
  listMachineTransitions,
  type PathCoverageOptions,
  replayMachinePath,
} from '../../support/path-coverage.js';

type ConnectionFixture = typeof connectionFixtureMachine;

const url = 'ws://janus.test';

/** Events and inputs that reach every transition of the fixture. */
const complete: PathCoverageOptions<ConnectionFixture> = {
  // maxAttempts 0 is needed for `lost --always[!canRetry]--> failed`.
  inputs: [
    { url, maxAttempts: 1 },
    { url, maxAttempts: 0 },
  ],
  events: [
    { type: 'CONNECT' },
    { type: 'DISCONNECT' },
    { type: 'KEEPALIVE_ACK' },
    { type: 'SOCKET_CLOSED', code: 1000 },
    { type: 'SOCKET_CLOSED', code: 1006 },
    doneEvent('open', { sessionId: 7 }),
    errorEvent('open', new Error('connection refused')),
  ],
};

describe('listMachineTransitions', () => {
  it('lists every candidate as `source --event[guard]--> targets`, in document order', () => {
    expect(listMachineTransitions(connectionFixtureMachine)).toEqual([
      'connection.idle --CONNECT--> connection.connecting',
      'connection.connecting --DISCONNECT--> connection.closed',
      'connection.connecting --done: open--> connection.connected',
      'connection.connecting --error: open[canRetry]--> connection.backoff',
      'connection.connecting --error: open--> connection.failed',
      'connection.backoff --DISCONNECT--> connection.closed',
      'connection.backoff --after RETRY_DELAY--> connection.connecting',
      'connection.connected --DISCONNECT--> connection.closed',
      'connection.connected --SOCKET_CLOSED[isNormalClosure]--> connection.closed',
      'connection.connected --SOCKET_CLOSED--> connection.lost',
      'connection.connected.healthy --after KEEPALIVE_INTERVAL--> connection.connected.probing',
      'connection.connected.probing --KEEPALIVE_ACK--> connection.connected.healthy',
      'connection.connected.probing --after KEEPALIVE_TIMEOUT--> connection.lost',
      'connection.lost --always[!canRetry]--> connection.failed',
      'connection.lost --always--> connection.backoff',
    ]);
  });
});

describe('checkPathCoverage', () => {
  it('covers every transition when the events reach them all', async () => {
    const result = await checkPathCoverage(connectionFixtureMachine, complete);
    expect(result.failures).toEqual([]);
    expect(result.uncovered).toEqual([]);
    expect(result.covered).toEqual(listMachineTransitions(connectionFixtureMachine));
    expect(result.paths.length).toBeGreaterThan(0);
  });

  it('reports the transitions an incomplete event list cannot reach', async () => {
    const result = await checkPathCoverage(connectionFixtureMachine, {
      ...complete,
      // No `xstate.error.actor.open`: the socket never fails to open.
      events: (complete.events as readonly { type: string }[]).filter(
        (event) => !event.type.startsWith('xstate.error.actor.'),
      ) as PathCoverageOptions<ConnectionFixture>['events'],
    });
    expect(result.failures).toEqual([]);
    expect(result.uncovered).toEqual([
      'connection.connecting --error: open[canRetry]--> connection.backoff',
      'connection.connecting --error: open--> connection.failed',
    ]);
    expect(formatUncovered('connection', result.uncovered)).toContain(
      '  connection.connecting --error: open--> connection.failed',
    );
  });

  it('reports a guarded candidate that the single input given never enables', async () => {
    const result = await checkPathCoverage(connectionFixtureMachine, {
      events: complete.events,
      input: { url, maxAttempts: 1 },
    });
    expect(result.uncovered).toEqual(['connection.lost --always[!canRetry]--> connection.failed']);
  });
});

describe('generateMachinePaths', () => {
  it('starts every path at the initial state and ends it with the model snapshot of the last event', () => {
    const paths = generateMachinePaths(connectionFixtureMachine, complete);
    for (const path of paths) {
      expect(path.steps[0]?.event.type).toBe('xstate.init');
      expect(path.steps[0]?.state.value).toBe('idle');
    }
    const timeout = paths.find((path) => path.description.includes('after KEEPALIVE_TIMEOUT'));
    expect(timeout?.description).toBe(
      '[input 2] CONNECT → done: open({"sessionId":7}) → after KEEPALIVE_INTERVAL → after KEEPALIVE_TIMEOUT ⇒ failed',
    );
    expect(timeout?.steps.at(-1)?.state.value).toBe('failed');
    expect(timeout?.expectedTransitions).toEqual([
      'connection.idle --CONNECT--> connection.connecting',
      'connection.connecting --done: open--> connection.connected',
      'connection.connected.healthy --after KEEPALIVE_INTERVAL--> connection.connected.probing',
      'connection.connected.probing --after KEEPALIVE_TIMEOUT--> connection.lost',
      'connection.lost --always[!canRetry]--> connection.failed',
    ]);
  });

  it('feeds actor events only while the invoked child exists', () => {
    for (const strategy of ['transitions', 'shortest', 'simple'] as const) {
      for (const path of generateMachinePaths(connectionFixtureMachine, { ...complete, strategy })) {
        path.steps.forEach((step, i) => {
          if (/^xstate\.(done|error)\.actor\./.test(step.event.type)) {
            expect(path.steps[i - 1]?.state.value).toBe('connecting');
          }
        });
      }
    }
  });

  it('explores invokes that carry a systemId, which @xstate/graph 3.0.4 alone cannot', () => {
    const poller = setup({
      types: { context: {} as { polls: number } },
      actors: { poll: fromPromise<void, void>(async () => {}) },
      delays: { INTERVAL: 1000 },
    }).createMachine({
      id: 'poller',
      initial: 'waiting',
      context: { polls: 0 },
      states: {
        waiting: { after: { INTERVAL: 'polling' } },
        polling: {
          invoke: {
            id: 'poll',
            src: 'poll',
            systemId: 'poll',
            onDone: {
              target: 'waiting',
              actions: assign({ polls: ({ context }) => Math.min(context.polls + 1, 2) }),
            },
          },
        },
      },
    });
    const events = [doneEvent('poll'), { type: 'xstate.after.INTERVAL.poller.waiting' }] as never;
    // @xstate/graph runs every transition in one shared mock actor system: the second `polling` entry
    // registers systemId `poll` again and throws.
    expect(() => getShortestPaths(poller, { events })).toThrow(/system ID 'poll' already exists/);
    expect(generateMachinePaths(poller, { events: [doneEvent('poll')] }).length).toBeGreaterThan(0);
  });
});

describe('replayMachinePath', () => {
  const find = (description: string) => {
    const path = generateMachinePaths(connectionFixtureMachine, complete).find((candidate) =>
      candidate.description.includes(description),
    );
    if (!path) throw new Error(`no path matching ${description}`);
    return path;
  };

  it('settles invoked actors with the path event and fires timers on the simulated clock', async () => {
    const path = find('after RETRY_DELAY');
    const { fired } = await replayMachinePath(connectionFixtureMachine, path, complete);
    expect(fired).toContain('connection.connecting --error: open[canRetry]--> connection.backoff');
    expect(fired).toContain('connection.backoff --after RETRY_DELAY--> connection.connecting');
  });

  it('fails when the real actor diverges from the model', async () => {
    const path = find('CONNECT → DISCONNECT');
    // An open that succeeds on its own leaves `connecting` before the path says so.
    const eager: PathCoverageOptions<ConnectionFixture> = {
      ...complete,
      provide: { actors: { openSocket: fromPromise(async () => ({ sessionId: 1 })) } },
    };
    await expect(replayMachinePath(connectionFixtureMachine, path, eager)).rejects.toThrow(
      /failed at step 1 \(CONNECT\): state differs from the model/,
    );
  });

  it('delivers actor events directly to the machine for caller-provided actors', async () => {
    const path = find('CONNECT → done: open({"sessionId":7}) → DISCONNECT');
    const provided: PathCoverageOptions<ConnectionFixture> = {
      ...complete,
      provide: { actors: { openSocket: fromPromise(() => new Promise<{ sessionId: number }>(() => {})) } },
    };
    const { fired } = await replayMachinePath(connectionFixtureMachine, path, provided);
    expect(fired).toContain('connection.connecting --done: open--> connection.connected');
  });

  it('honours real timer order: a later timer cannot fire before an earlier one', async () => {
    const machine = setup({ delays: { SHORT: 1000, LONG: 5000 } }).createMachine({
      id: 'timers',
      initial: 'outer',
      states: {
        outer: {
          after: { LONG: 'late' },
          initial: 'inner',
          states: { inner: { after: { SHORT: '#timers.early' } } },
        },
        early: {},
        late: {},
      },
    });
    const paths = generateMachinePaths(machine, { events: [] });
    const late = paths.find((path) => path.description.endsWith('⇒ late'));
    expect(late).toBeDefined();
    await expect(replayMachinePath(machine, late!, { events: [] })).rejects.toThrow(
      /expected .*late.*\n.*actual .*early.*\n.*timers\.outer\.inner --after SHORT--> timers\.early/,
    );
  });

  it('sends after events that carry a payload, so a guard can read it', async () => {
    const machine = setup({
      guards: { idle: ({ event }) => (event as { idle?: boolean }).idle !== false },
      delays: { INTERVAL: 1000 },
    }).createMachine({
      id: 'keepalive',
      initial: 'waiting',
      states: {
        waiting: {
          after: {
            INTERVAL: [
              { guard: 'idle', target: 'pinging' },
              { target: 'waiting', reenter: true },
            ],
          },
        },
        pinging: {},
      },
    });
    const options = {
      events: [afterEvent('INTERVAL', 'keepalive.waiting', { idle: false })],
      afterEvents: true,
    };
    const result = await checkPathCoverage(machine, {
      ...options,
      events: [...options.events, afterEvent('INTERVAL', 'keepalive.waiting')],
    });
    expect(result.failures).toEqual([]);
    expect(result.uncovered).toEqual([]);
  });
});

describeMachinePaths('connection fixture', connectionFixtureMachine, complete);
