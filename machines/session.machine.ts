/**
 * The Janus session: creating → active (kept alive by the connection's scheduler) → destroying → destroyed, or timedOut when the
 * server's `timeout` event arrives, or lost when the server no longer knows the session.
 * Its handles are not its children: the client hosts each handle's own actor beside it, so
 * creating or ending one costs the same however many live on the session.
 *
 * The requests of the lifecycle (`create`, `claim`, `destroy`) are not actors: entering `creating`,
 * `reclaiming` or `destroying` runs the provided action (`sendCreate`, `sendClaim`, `sendDestroy`) that puts
 * the request on the wire as a plain transaction, and its outcome comes back as an event (`create.done`,
 * `create.failed`, ...). Leaving the state before the outcome runs `cancelRequest`.
 *
 * After a reconnection the connection sends `session.reclaim`: the session `claim`s itself on the new
 * transport (`reclaiming`). When the server no longer knows it (458, from the claim, a keepalive or an
 * HTTP long-poll), the session is `lost`, or, when it was started with `recreate: true`, it is
 * `recreating`: a new session is created and its handles re-attached, and it is `active` again under
 * its new id. A keepalive that times out reports the link as dead (`reportDeadLink`) so the connection
 * can reconnect.
 * @module
 */
import { assign, fromPromise, setup } from 'xstate';
import { notProvided } from './not-provided.js';

/** What the session machine is started with. */
export interface SessionMachineInput {
  /** Milliseconds between keepalives while the session is idle; 0 turns keepalive off. */
  keepaliveMs: number;
  /** Deadline of the create request; undefined uses the client's default. */
  timeoutMs?: number | undefined;
  /** Re-create the session (and re-attach its handles) when the server lost it. Defaults to `false`. */
  recreate?: boolean | undefined;
}

/** The session machine's context. Serialisable. */
export interface SessionMachineContext {
  /** Milliseconds a session may stay idle before the scheduler sends its keepalive; 0 = off. */
  keepaliveMs: number;
  /** Deadline of the create request. */
  timeoutMs: number | undefined;
  /** The server's session id once created (the new one after a re-creation). */
  sessionId: number | undefined;
  /** Whether a session the server lost is re-created. */
  recreate: boolean;
  /** The id before the last re-creation, if there was one. */
  previousSessionId: number | undefined;
  /** Why the session ended. */
  reason: 'destroyed' | 'timeout' | 'gone' | 'create-failed' | 'cancelled' | undefined;
  /** The error that ended it, if one did. */
  error: unknown;
}

/** Events the session machine accepts. */
export type SessionMachineEvent =
  | { type: 'destroy' }
  /** The server created the session. */
  | { type: 'create.done'; sessionId: number }
  /** The `create` request failed. */
  | { type: 'create.failed'; error: unknown }
  /** The server accepted the `claim` of the session on the new transport. */
  | { type: 'claim.done' }
  /** The `claim` request failed. */
  | { type: 'claim.failed'; error: unknown }
  /** The server destroyed the session. */
  | { type: 'destroy.done' }
  /** The `destroy` request failed (the session is considered gone all the same). */
  | { type: 'destroy.failed'; error: unknown }
  | { type: 'janus.timeout' }
  | { type: 'session.gone'; error?: unknown }
  | { type: 'session.reclaim' }
  /** The keepalive the connection's scheduler sent for this session failed. */
  | { type: 'keepalive.failed'; error: unknown };

/** Input of the `recreate` actor. */
export interface SessionRequestInput {
  /** The session the request is for. */
  sessionId: number;
}

/** Output of the `recreate` actor. */
export interface RecreateSessionOutput {
  /** The id of the session that replaces the lost one. */
  sessionId: number;
}

const isSessionNotFound = (error: unknown): boolean =>
  (error as { janusCode?: unknown } | null)?.janusCode === 458;

/**
 * The session statechart. Provide the `sendCreate`, `sendClaim`, `sendDestroy` and `cancelRequest` actions
 * and the `recreate` actor before use (the default actions do nothing: the machine then waits for the
 * outcome events).
 */
export const sessionMachine = setup({
  types: {
    context: {} as SessionMachineContext,
    events: {} as SessionMachineEvent,
    input: {} as SessionMachineInput,
  },
  actors: {
    /** Creates a replacement session and re-attaches the handles of the lost one. */
    recreate: fromPromise<RecreateSessionOutput, SessionRequestInput>(() => notProvided('recreate')),
  },
  actions: {
    /** Tells the connection the link is dead (a keepalive timed out). Provided by the client. */
    reportDeadLink: () => {},
    /** Sends `{ janus: 'create' }`; its outcome comes back as `create.done` or `create.failed`. */
    sendCreate: () => {},
    /** Sends `{ janus: 'claim' }` on the current transport; `claim.done` or `claim.failed` follows. */
    sendClaim: () => {},
    /** Sends `{ janus: 'destroy' }`; `destroy.done` or `destroy.failed` follows. */
    sendDestroy: () => {},
    /** Drops the request of the state being left, if it is still in flight (its outcome is ignored). */
    cancelRequest: () => {},
  },
  guards: {
    keepaliveEnabled: ({ context }) => context.keepaliveMs > 0,
    /** True when a failed request says the server no longer has the session (458). */
    sessionNotFound: ({ event }) => isSessionNotFound((event as { error?: unknown }).error),
    /** The server lost the session and the application asked for re-creation. */
    lostAndRecreate: ({ context, event }) =>
      context.recreate && isSessionNotFound((event as { error?: unknown }).error),
    /** A session-gone event (HTTP long-poll 458) with re-creation asked for. */
    recreateEnabled: ({ context }) => context.recreate,
    /** The request timed out: on a live link the server would have answered, so the link is dead. */
    timedOut: ({ event }) => (event as { error?: { code?: unknown } }).error?.code === 'TIMEOUT',
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    keepaliveMs: input.keepaliveMs,
    timeoutMs: input.timeoutMs,
    sessionId: undefined,
    recreate: input.recreate === true,
    previousSessionId: undefined,
    reason: undefined,
    error: undefined,
  }),
  initial: 'creating',
  states: {
    creating: {
      entry: 'sendCreate',
      exit: 'cancelRequest',
      on: {
        'create.done': {
          target: 'active',
          actions: assign({ sessionId: ({ event }) => event.sessionId }),
        },
        'create.failed': {
          target: 'failed',
          actions: assign({ reason: 'create-failed', error: ({ event }) => event.error }),
        },
        // The caller gave up (aborted) before the server answered.
        destroy: { target: 'failed', actions: assign({ reason: 'cancelled' }) },
      },
    },
    active: {
      initial: 'choosing',
      states: {
        choosing: {
          always: [{ guard: 'keepaliveEnabled', target: 'keptAlive' }, { target: 'keepaliveOff' }],
        },
        keepaliveOff: {},
        // The connection's keepalive scheduler sends this session's keepalives while it is idle; the
        // session only hears of one that failed.
        keptAlive: {
          on: {
            'keepalive.failed': [
              { guard: 'lostAndRecreate', target: '#session.recreating' },
              {
                guard: 'sessionNotFound',
                target: '#session.lost',
                actions: assign({ reason: 'gone', error: ({ event }) => event.error }),
              },
              { guard: 'timedOut', actions: 'reportDeadLink' },
            ],
          },
        },
      },
      on: {
        destroy: { target: 'destroying' },
        'janus.timeout': { target: 'timedOut', actions: assign({ reason: 'timeout' }) },
        'session.gone': [
          { guard: 'recreateEnabled', target: 'recreating' },
          { target: 'lost', actions: assign({ reason: 'gone', error: ({ event }) => event.error }) },
        ],
        'session.reclaim': { target: 'reclaiming' },
      },
    },
    reclaiming: {
      entry: 'sendClaim',
      exit: 'cancelRequest',
      on: {
        'claim.done': { target: 'active' },
        'claim.failed': [
          { guard: 'lostAndRecreate', target: 'recreating' },
          {
            guard: 'sessionNotFound',
            target: 'lost',
            actions: assign({ reason: 'gone', error: ({ event }) => event.error }),
          },
          // The link failed again mid-claim: the connection reconnects and sends `session.reclaim` again.
          { target: 'active' },
        ],
        destroy: { target: 'destroying' },
        'janus.timeout': { target: 'timedOut', actions: assign({ reason: 'timeout' }) },
      },
    },
    recreating: {
      invoke: {
        id: 'recreate',
        src: 'recreate',
        input: ({ context }) => ({ sessionId: context.sessionId as number }),
        onDone: {
          target: 'active',
          actions: assign({
            previousSessionId: ({ context }) => context.sessionId,
            sessionId: ({ event }) => event.output.sessionId,
          }),
        },
        onError: {
          target: 'lost',
          actions: assign({ reason: 'gone', error: ({ event }) => event.error }),
        },
      },
    },
    destroying: {
      entry: 'sendDestroy',
      exit: 'cancelRequest',
      on: {
        'destroy.done': { target: 'destroyed', actions: assign({ reason: 'destroyed' }) },
        'destroy.failed': {
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
