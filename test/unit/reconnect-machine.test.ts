/**
 * The reconnect machine and the connection machine's reconnection, with every I/O actor swapped via
 * `machine.provide` and time driven by a `SimulatedClock`; and the default backoff policy.
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, SimulatedClock } from 'xstate';
import { connectionMachine } from '../../machines/connection.machine.js';
import { reconnectMachine, type ScheduleInput } from '../../machines/reconnect.machine.js';
import type { ServerInfo } from '../../src/protocol/messages.js';
import { exponentialBackoff } from '../../src/reconnect/policy.js';

const serverInfo = { janus: 'server_info' } as ServerInfo;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('exponentialBackoff', () => {
  it('first attempt at once, then doubling up to the cap, minus jitter, null past maxElapsedMs', () => {
    const policy = exponentialBackoff({ random: () => 0 });
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      policy.nextDelayMs({ attempt, elapsedMs: 0, lastError: undefined }),
    );
    expect(delays).toEqual([0, 250, 500, 1000, 2000, 4000, 5000, 5000]);
    const jittered = exponentialBackoff({ random: () => 0.999 });
    expect(jittered.nextDelayMs({ attempt: 3, elapsedMs: 0, lastError: undefined })).toBe(350);
    expect(policy.nextDelayMs({ attempt: 2, elapsedMs: 60_000, lastError: undefined })).toBeNull();
    expect(
      exponentialBackoff({ maxAttempts: 2 }).nextDelayMs({ attempt: 3, elapsedMs: 0, lastError: undefined }),
    ).toBeNull();
  });
});

describe('reconnect machine', () => {
  it('waits the delay the policy gives, on the clock, then ends ready', async () => {
    const clock = new SimulatedClock();
    const asked: unknown[] = [];
    const actor = createActor(
      reconnectMachine.provide({
        actors: {
          schedule: fromPromise(async ({ input }) => {
            asked.push(input);
            return 1000;
          }),
        },
      }),
      { input: { attempt: 3, lastError: 'boom' }, clock },
    ).start();
    await flush();
    expect(asked).toEqual([{ attempt: 3, lastError: 'boom' }]);
    expect(actor.getSnapshot().value).toBe('waiting');
    clock.increment(999);
    expect(actor.getSnapshot().value).toBe('waiting');
    clock.increment(1);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ gaveUp: false, attempt: 3, delayMs: 1000 });
  });

  it('gives up when the policy returns null', async () => {
    const actor = createActor(
      reconnectMachine.provide({
        actors: { schedule: fromPromise<number | null, ScheduleInput>(async () => null) },
      }),
      { input: { attempt: 9, lastError: undefined } },
    ).start();
    await flush();
    expect(actor.getSnapshot().output).toMatchObject({ gaveUp: true });
  });
});

describe('connection machine with swapped I/O', () => {
  /** A transport stub: every opened transport is recorded and can be opened or closed by the test. */
  function harness(options: { delays: (number | null)[]; reconnect?: boolean }) {
    const opened: Array<{ url: string; open(): void; close(error: unknown): void }> = [];
    let reclaims = 0;
    const machine = connectionMachine.provide({
      actors: {
        transport: fromCallback<{ type: 'noop' }, { url: string }>(({ input, sendBack }) => {
          opened.push({
            url: input.url,
            open: () => sendBack({ type: 'transport.open' }),
            close: (error) => sendBack({ type: 'transport.closed', error }),
          });
        }),
        handshake: fromPromise(async () => serverInfo),
        reclaim: fromPromise(async () => {
          reclaims += 1;
        }),
        drain: fromPromise<void, void>(async () => {}),
        reconnect: reconnectMachine.provide({
          actors: {
            schedule: fromPromise<number | null, ScheduleInput>(async () => options.delays.shift() ?? null),
          },
        }),
      },
    });
    const clock = new SimulatedClock();
    const actor = createActor(machine, {
      clock,
      input: {
        url: 'ws://a.test',
        urls: ['ws://a.test', 'ws://b.test'],
        reconnect: options.reconnect ?? true,
        connectTimeoutMs: 1000,
        closeTimeoutMs: 100,
      },
    }).start();
    /** Lets the policy answer, then fires the (0 ms) retry delay on the simulated clock. */
    const retry = async (): Promise<void> => {
      await flush();
      clock.increment(0);
      await flush();
    };
    return { actor, clock, opened, retry, reclaims: () => reclaims };
  }

  it('loss → reconnecting → new transport → handshake → reclaiming → open', async () => {
    const { actor, opened, retry, reclaims } = harness({ delays: [0] });
    opened[0]?.open();
    await flush();
    expect(actor.getSnapshot().matches({ running: 'open' })).toBe(true);
    opened[0]?.close(new Error('cut'));
    expect(actor.getSnapshot().value).toBe('reconnecting');
    await retry();
    expect(opened).toHaveLength(2);
    expect(opened[1]?.url).toBe('ws://a.test'); // an open link that was lost: same server first
    opened[1]?.open();
    await flush();
    await flush();
    expect(reclaims()).toBe(1);
    expect(actor.getSnapshot().matches({ running: 'open' })).toBe(true);
    expect(actor.getSnapshot().context.attempt).toBe(0);
  });

  it('an attempt that cannot connect moves to the next URL; a null delay gives up → disconnected', async () => {
    const { actor, opened, retry } = harness({ delays: [0, 0] });
    opened[0]?.open();
    await flush();
    opened[0]?.close(new Error('cut'));
    await retry();
    opened[1]?.close(new Error('refused'));
    await retry();
    expect(opened[2]?.url).toBe('ws://b.test');
    opened[2]?.close(new Error('refused too'));
    await retry();
    expect(actor.getSnapshot().value).toBe('disconnected');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('a connect attempt that hangs times out on the clock and counts as a failed attempt', async () => {
    const { actor, clock, opened, retry } = harness({ delays: [0, 0] });
    opened[0]?.open();
    await flush();
    opened[0]?.close(new Error('cut'));
    await retry();
    expect(opened).toHaveLength(2);
    clock.increment(1000);
    expect(actor.getSnapshot().value).toBe('reconnecting');
    expect(actor.getSnapshot().context.urlIndex).toBe(1);
  });

  it('reconnect off: a loss ends disconnected; a keepalive timeout (link.dead) too', async () => {
    const off = harness({ delays: [], reconnect: false });
    off.opened[0]?.open();
    await flush();
    off.actor.send({ type: 'link.dead', error: new Error('keepalive timed out') });
    expect(off.actor.getSnapshot().value).toBe('disconnected');
  });
});
