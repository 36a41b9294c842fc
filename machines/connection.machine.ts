/**
 * The connection to a Janus server: the transport's lifecycle and the `info` handshake that tells the
 * session timeout. Sessions are not its children: the client hosts each session's own actor beside it
 * (with this actor as its parent when inspected), so creating or ending one costs the same however many
 * are alive.
 *
 * Reconnection: once the connection has been open, an unexpected loss of the link (`transport.closed`,
 * a transport crash, or `link.dead` from a session whose keepalive timed out) leads to `reconnecting`
 * when `reconnect` is on. There the `reconnect` child machine waits as long as the policy says, then
 * `running` is entered again with a new transport (on the next URL when the previous attempt could not
 * connect), the handshake is redone, and `reclaiming` claims every live session on the new transport
 * before the connection is `open` again. When the policy gives up, or `reconnect` is off, the connection
 * ends `disconnected`. A failure before the first `open` ends `failed` (`connect()` then tries the next URL).
 * @module
 */
import { assign, fromCallback, fromPromise, setup } from 'xstate';
import { keepaliveMachine } from './keepalive.machine.js';
import { notProvided } from './not-provided.js';
import { type ReconnectMachineOutput, reconnectMachine } from './reconnect.machine.js';
import { machineFault, type ServerInfo } from './types.js';

/** What the connection machine is started with. */
export interface ConnectionMachineInput {
  /** The server URL (secrets never appear in it); with `urls`, the first one to try. */
  url: string;
  /** Every server URL, tried in order when reconnecting fails to reach the current one. Defaults to `[url]`. */
  urls?: readonly string[] | undefined;
  /** Whether an unexpected loss of the link leads to `reconnecting`. Defaults to `false`. */
  reconnect?: boolean | undefined;
  /** How long opening the transport and the `info` handshake may take. */
  connectTimeoutMs: number;
  /** How long `close` may spend destroying sessions before it drops the transport. */
  closeTimeoutMs: number;
  /**
   * Milliseconds between checks of the keepalive scheduler. Defaults to a twelfth of the server's
   * `session-timeout`, between 100 and 5,000 ms (5 s for 60 s).
   */
  keepaliveTickMs?: number | undefined;
}

/** The connection machine's context. Serialisable. */
export interface ConnectionMachineContext {
  /** Every server URL. */
  urls: readonly string[];
  /** Index in `urls` of the server in use (or being tried). */
  urlIndex: number;
  /** Whether an unexpected loss leads to `reconnecting`. */
  reconnect: boolean;
  /** Whether the connection has been open at least once (only then does a loss lead to reconnecting). */
  everOpen: boolean;
  /** Set once `close` was asked for: nothing reconnects after that. */
  closing: boolean;
  /** Reconnection attempts made in the current outage; 0 while open. */
  attempt: number;
  /** Connect and handshake budget. */
  connectTimeoutMs: number;
  /** Graceful close budget. */
  closeTimeoutMs: number;
  /** Milliseconds between checks of the keepalive scheduler; undefined: derived from the server's timeout. */
  keepaliveTickMs: number | undefined;
  /** The server's `info` reply once the handshake is done. */
  serverInfo: ServerInfo | undefined;
  /** Why the connection ended or was lost, when it was. */
  error: unknown;
}

/** Events the transport actor sends to the connection machine. */
export type TransportActorEvent = { type: 'transport.open' } | { type: 'transport.closed'; error: unknown };

/** Events the connection machine accepts. */
export type ConnectionMachineEvent =
  | TransportActorEvent
  | { type: 'close' }
  | { type: 'link.dead'; error: unknown };

/** Input of the transport actor. */
export interface TransportActorInput {
  /** The server URL. */
  url: string;
}

const lossError = ({ event }: { event: { error?: unknown } }) => event.error;

/** The scheduler's tick for a server `session-timeout` (seconds): a twelfth of it, within 100-5,000 ms. */
export function keepaliveTickFor(sessionTimeoutS: number | undefined): number {
  const timeoutMs = (sessionTimeoutS ?? 60) * 1000;
  return Math.min(5_000, Math.max(100, Math.floor(timeoutMs / 12)));
}

/**
 * The connection statechart. Provide `transport`, `handshake`, `reclaim`, `drain` (and the reconnect
 * machine's `schedule`).
 */
export const connectionMachine = setup({
  types: {
    context: {} as ConnectionMachineContext,
    events: {} as ConnectionMachineEvent,
    input: {} as ConnectionMachineInput,
  },
  actors: {
    /** Owns the socket: sends `transport.open` / `transport.closed`, closes it when stopped. */
    transport: fromCallback<{ type: 'noop' }, TransportActorInput>(() => {
      throw new Error("actor 'transport' was not provided: use machine.provide({ actors })");
    }),
    /** Asks the server for `info`. */
    handshake: fromPromise<ServerInfo, void>(() => notProvided('handshake')),
    /** Claims every live session on the new transport (and re-creates those the server lost). */
    reclaim: fromPromise<void, void>(() => notProvided('reclaim')),
    /** Destroys the live sessions before the transport goes. */
    drain: fromPromise<void, void>(() => notProvided('drain')),
    /** Waits out one delay of the reconnect policy. */
    reconnect: reconnectMachine,
    keepalive: keepaliveMachine,
  },
  guards: {
    /** The connection was open before and reconnect is on: a failure now is part of an outage. */
    canReconnect: ({ context }) => context.reconnect && context.everOpen && !context.closing,
    /** The connection was open before: a new handshake must be followed by claims. */
    wasOpen: ({ context }) => context.everOpen,
    /** The reconnect policy gave up. */
    gaveUp: ({ event }) => (event as { output?: ReconnectMachineOutput }).output?.gaveUp === true,
  },
  actions: {
    /** An open link was lost: count the attempt, keep the URL (the same server may still have the sessions). */
    recordLoss: assign({
      error: lossError,
      attempt: ({ context }) => context.attempt + 1,
    }),
    /** An attempt could not connect: count it, and move on to the next URL. */
    recordFailedAttempt: assign({
      error: lossError,
      attempt: ({ context }) => context.attempt + 1,
      urlIndex: ({ context }) => (context.urlIndex + 1) % context.urls.length,
    }),
    recordError: assign({ error: lossError }),
  },
  delays: {
    connectTimeout: ({ context }) => context.connectTimeoutMs,
    closeTimeout: ({ context }) => context.closeTimeoutMs,
  },
}).createMachine({
  id: 'connection',
  context: ({ input }) => ({
    urls: input.urls && input.urls.length > 0 ? [...input.urls] : [input.url],
    urlIndex: Math.max(0, input.urls?.indexOf(input.url) ?? 0),
    reconnect: input.reconnect === true,
    everOpen: false,
    closing: false,
    attempt: 0,
    connectTimeoutMs: input.connectTimeoutMs,
    closeTimeoutMs: input.closeTimeoutMs,
    keepaliveTickMs: input.keepaliveTickMs,
    serverInfo: undefined,
    error: undefined,
  }),
  initial: 'running',
  states: {
    running: {
      invoke: {
        id: 'transport',
        src: 'transport',
        input: ({ context }) => ({ url: context.urls[context.urlIndex] as string }),
        onError: [
          { guard: 'canReconnect', target: 'reconnecting', actions: 'recordFailedAttempt' },
          { target: 'failed', actions: 'recordError' },
        ],
      },
      initial: 'connecting',
      states: {
        connecting: {
          on: {
            'transport.open': { target: 'handshaking' },
            'transport.closed': [
              { guard: 'canReconnect', target: '#connection.reconnecting', actions: 'recordFailedAttempt' },
              { target: '#connection.failed', actions: 'recordError' },
            ],
            close: { target: '#connection.closed' },
          },
          after: {
            connectTimeout: [
              {
                guard: 'canReconnect',
                target: '#connection.reconnecting',
                actions: assign({
                  error: ({ context }) =>
                    machineFault('TIMEOUT', `connecting timed out after ${context.connectTimeoutMs} ms`),
                  attempt: ({ context }) => context.attempt + 1,
                  urlIndex: ({ context }) => (context.urlIndex + 1) % context.urls.length,
                }),
              },
              {
                target: '#connection.failed',
                actions: assign({
                  error: ({ context }) =>
                    machineFault('TIMEOUT', `connecting timed out after ${context.connectTimeoutMs} ms`),
                }),
              },
            ],
          },
        },
        handshaking: {
          invoke: {
            id: 'handshake',
            src: 'handshake',
            onDone: [
              {
                guard: 'wasOpen',
                target: 'reclaiming',
                actions: assign({ serverInfo: ({ event }) => event.output }),
              },
              { target: 'open', actions: assign({ serverInfo: ({ event }) => event.output }) },
            ],
            onError: [
              { guard: 'canReconnect', target: '#connection.reconnecting', actions: 'recordFailedAttempt' },
              { target: '#connection.failed', actions: 'recordError' },
            ],
          },
          on: {
            'transport.closed': [
              { guard: 'canReconnect', target: '#connection.reconnecting', actions: 'recordFailedAttempt' },
              { target: '#connection.failed', actions: 'recordError' },
            ],
            close: { target: '#connection.closed' },
          },
        },
        reclaiming: {
          invoke: {
            id: 'reclaim',
            src: 'reclaim',
            onDone: { target: 'open' },
            onError: { target: '#connection.reconnecting', actions: 'recordLoss' },
          },
          on: {
            'transport.closed': { target: '#connection.reconnecting', actions: 'recordLoss' },
            'link.dead': { target: '#connection.reconnecting', actions: 'recordLoss' },
            close: { target: 'closing' },
          },
        },
        open: {
          entry: assign({ everOpen: true, attempt: 0, error: undefined }),
          // One keepalive timer for every session of the connection, running while the link is up.
          invoke: {
            id: 'keepalive',
            src: 'keepalive',
            input: ({ context }) => ({
              tickMs: context.keepaliveTickMs ?? keepaliveTickFor(context.serverInfo?.['session-timeout']),
            }),
          },
          on: {
            'transport.closed': [
              { guard: 'canReconnect', target: '#connection.reconnecting', actions: 'recordLoss' },
              { target: '#connection.disconnected', actions: 'recordError' },
            ],
            'link.dead': [
              { guard: 'canReconnect', target: '#connection.reconnecting', actions: 'recordLoss' },
              { target: '#connection.disconnected', actions: 'recordError' },
            ],
            close: { target: 'closing' },
          },
        },
        closing: {
          entry: assign({ closing: true }),
          invoke: {
            id: 'drain',
            src: 'drain',
            onDone: { target: '#connection.closed' },
            onError: { target: '#connection.closed' },
          },
          after: { closeTimeout: { target: '#connection.closed' } },
          on: {
            'transport.closed': { target: '#connection.closed' },
          },
        },
      },
    },
    reconnecting: {
      invoke: {
        id: 'reconnect',
        src: 'reconnect',
        input: ({ context }) => ({ attempt: context.attempt, lastError: context.error }),
        onDone: [{ guard: 'gaveUp', target: 'disconnected' }, { target: 'running' }],
        onError: { target: 'disconnected', actions: 'recordError' },
      },
      on: {
        close: { target: 'closed' },
      },
    },
    failed: { type: 'final' },
    disconnected: { type: 'final' },
    closed: { type: 'final' },
  },
});

/** The connection machine's type. */
export type ConnectionMachine = typeof connectionMachine;
