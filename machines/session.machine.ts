/**
 * The Janus session: creating → active (keepalive loop) → destroying → destroyed, or timedOut when the
 * server's `timeout` event arrives, or lost when the server no longer knows the session.
 * Handles are spawned as children (`handle.spawn`), so they stop with their session.
 * @module
 */
import { assign, fromPromise, setup, spawnChild } from 'xstate';
import { type HandleMachineInput, handleMachine } from './handle.machine.js';
import { notProvided } from './not-provided.js';

/** What the session machine is started with. */
export interface SessionMachineInput {
  /** Milliseconds between keepalives while the session is idle; 0 turns keepalive off. */
  keepaliveMs: number;
  /** Deadline of the create request; undefined uses the client's default. */
  timeoutMs?: number | undefined;
}

/** The session machine's context. Serialisable. */
export interface SessionMachineContext {
  /** Milliseconds between keepalive checks; 0 = off. */
  keepaliveMs: number;
  /** Deadline of the create request. */
  timeoutMs: number | undefined;
  /** The server's session id once created. */
  sessionId: number | undefined;
  /** Why the session ended. */
  reason: 'destroyed' | 'timeout' | 'gone' | 'create-failed' | 'cancelled' | undefined;
  /** The error that ended it, if one did. */
  error: unknown;
}

/** Events the session machine accepts. */
export type SessionMachineEvent =
  | { type: 'destroy' }
  | { type: 'janus.timeout' }
  | { type: 'session.gone'; error?: unknown }
  | { type: 'handle.spawn'; id: string; input: HandleMachineInput };

/** The event that spawns a handle child with a stable id. */
export type HandleSpawnEvent = Extract<SessionMachineEvent, { type: 'handle.spawn' }>;

/** Output of the `create` actor. */
export interface CreateSessionOutput {
  /** The new session id. */
  sessionId: number;
}

/** Input of the `create` actor. */
export interface CreateSessionInput {
  /** Deadline of the request. */
  timeoutMs: number | undefined;
}

/** Input of the `keepalive` and `destroy` actors. */
export interface SessionRequestInput {
  /** The session the request is for. */
  sessionId: number;
}

/** The session statechart. Provide `create`, `keepalive`, `destroy` (and `handle`) before use. */
export const sessionMachine = setup({
  types: {
    context: {} as SessionMachineContext,
    events: {} as SessionMachineEvent,
    input: {} as SessionMachineInput,
  },
  actors: {
    create: fromPromise<CreateSessionOutput, CreateSessionInput>(() => notProvided('create')),
    keepalive: fromPromise<void, SessionRequestInput>(() => notProvided('keepalive')),
    destroy: fromPromise<void, SessionRequestInput>(() => notProvided('destroy')),
    handle: handleMachine,
  },
  guards: {
    keepaliveEnabled: ({ context }) => context.keepaliveMs > 0,
    /** True when no request went out for this session during the last interval. Provided by the client. */
    idle: () => true,
    /** True when a failed keepalive says the server no longer has the session (458). */
    sessionNotFound: ({ event }) => (event as { error?: { janusCode?: number } }).error?.janusCode === 458,
  },
  delays: {
    keepaliveInterval: ({ context }) => context.keepaliveMs,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    keepaliveMs: input.keepaliveMs,
    timeoutMs: input.timeoutMs,
    sessionId: undefined,
    reason: undefined,
    error: undefined,
  }),
  initial: 'creating',
  states: {
    creating: {
      invoke: {
        id: 'create',
        src: 'create',
        input: ({ context }) => ({ timeoutMs: context.timeoutMs }),
        onDone: {
          target: 'active',
          actions: assign({ sessionId: ({ event }) => event.output.sessionId }),
        },
        onError: {
          target: 'failed',
          actions: assign({ reason: 'create-failed', error: ({ event }) => event.error }),
        },
      },
      on: {
        // The caller gave up (aborted) before the server answered.
        destroy: { target: 'failed', actions: assign({ reason: 'cancelled' }) },
      },
    },
    active: {
      initial: 'choosing',
      states: {
        choosing: {
          always: [{ guard: 'keepaliveEnabled', target: 'waiting' }, { target: 'keepaliveOff' }],
        },
        keepaliveOff: {},
        waiting: {
          after: {
            keepaliveInterval: [
              { guard: 'idle', target: 'pinging' },
              { target: 'waiting', reenter: true },
            ],
          },
        },
        pinging: {
          invoke: {
            id: 'keepalive',
            src: 'keepalive',
            input: ({ context }) => ({ sessionId: context.sessionId as number }),
            onDone: { target: 'waiting' },
            onError: [
              {
                guard: 'sessionNotFound',
                target: '#session.lost',
                actions: assign({ reason: 'gone', error: ({ event }) => event.error }),
              },
              { target: 'waiting' },
            ],
          },
        },
      },
      on: {
        destroy: { target: 'destroying' },
        'janus.timeout': { target: 'timedOut', actions: assign({ reason: 'timeout' }) },
        'session.gone': {
          target: 'lost',
          actions: assign({ reason: 'gone', error: ({ event }) => event.error }),
        },
        'handle.spawn': {
          actions: spawnChild('handle', {
            id: ({ event }) => (event as HandleSpawnEvent).id,
            input: ({ event }) => (event as HandleSpawnEvent).input,
          }),
        },
      },
    },
    destroying: {
      invoke: {
        id: 'destroy',
        src: 'destroy',
        input: ({ context }) => ({ sessionId: context.sessionId as number }),
        onDone: { target: 'destroyed', actions: assign({ reason: 'destroyed' }) },
        onError: {
          target: 'destroyed',
          actions: assign({ reason: 'destroyed', error: ({ event }) => event.error }),
        },
      },
    },
    destroyed: { type: 'final' },
    timedOut: { type: 'final' },
    lost: { type: 'final' },
    failed: { type: 'final' },
  },
});

/** The session machine's type. */
export type SessionMachine = typeof sessionMachine;
