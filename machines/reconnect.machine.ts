/**
 * One wait between reconnection attempts: asks the policy for the delay (`schedule`), waits it out
 * (`retryDelay`), and ends `ready` (try again now) or `gaveUp` (the policy said `null`, or failed).
 * The connection machine invokes it in `reconnecting` once per attempt; leaving `reconnecting` (e.g. on
 * `close`) stops it and cancels the timer.
 * @module
 */
import { assign, fromPromise, setup } from 'xstate';
import { notProvided } from './not-provided.js';

/** What the reconnect machine is started with. */
export interface ReconnectMachineInput {
  /** The attempt about to be made, 1 for the first after the loss. */
  attempt: number;
  /** Why the link was lost or the last attempt failed. */
  lastError: unknown;
}

/** The reconnect machine's context. */
export interface ReconnectMachineContext {
  /** The attempt about to be made. */
  attempt: number;
  /** Why the link was lost or the last attempt failed. */
  lastError: unknown;
  /** The delay the policy chose, once it did. */
  delayMs: number;
  /** Set when the policy gave up. */
  gaveUp: boolean;
}

/** Input of the `schedule` actor: what the policy is asked with (it measures the elapsed time itself). */
export interface ScheduleInput {
  /** The attempt about to be made. */
  attempt: number;
  /** Why the link was lost or the last attempt failed. */
  lastError: unknown;
}

/** What the reconnect machine ends with. */
export interface ReconnectMachineOutput {
  /** True when the policy gave up: the connection ends `disconnected`. */
  gaveUp: boolean;
  /** The attempt that is due now. */
  attempt: number;
  /** How long the machine waited. */
  delayMs: number;
}

/** The reconnect statechart. Provide `schedule` (the policy) before use. */
export const reconnectMachine = setup({
  types: {
    context: {} as ReconnectMachineContext,
    input: {} as ReconnectMachineInput,
    output: {} as ReconnectMachineOutput,
  },
  actors: {
    /** Asks the reconnect policy: resolves with the delay in ms, or `null` to give up. */
    schedule: fromPromise<number | null, ScheduleInput>(() => notProvided('schedule')),
  },
  guards: {
    /** The policy returned `null` (or something that is not a finite delay). */
    policyGaveUp: ({ event }) => {
      const output = (event as { output?: unknown }).output;
      return typeof output !== 'number' || !Number.isFinite(output) || output < 0;
    },
  },
  delays: {
    retryDelay: ({ context }) => context.delayMs,
  },
}).createMachine({
  id: 'reconnect',
  context: ({ input }) => ({ attempt: input.attempt, lastError: input.lastError, delayMs: 0, gaveUp: false }),
  initial: 'scheduling',
  states: {
    scheduling: {
      invoke: {
        id: 'schedule',
        src: 'schedule',
        input: ({ context }) => ({ attempt: context.attempt, lastError: context.lastError }),
        onDone: [
          { guard: 'policyGaveUp', target: 'gaveUp', actions: assign({ gaveUp: true }) },
          { target: 'waiting', actions: assign({ delayMs: ({ event }) => event.output as number }) },
        ],
        onError: {
          target: 'gaveUp',
          actions: assign({ gaveUp: true, lastError: ({ event }) => event.error }),
        },
      },
    },
    waiting: {
      after: { retryDelay: { target: 'ready' } },
    },
    ready: { type: 'final' },
    gaveUp: { type: 'final' },
  },
  output: ({ context }) => ({
    gaveUp: context.gaveUp,
    attempt: context.attempt,
    delayMs: context.delayMs,
  }),
});

/** The reconnect machine's type. */
export type ReconnectMachine = typeof reconnectMachine;
