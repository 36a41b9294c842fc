/**
 * The connection to one Janus server: the transport's lifecycle, the `info` handshake that tells the
 * session timeout, and the sessions, which are spawned as children (`session.spawn`) so that one root
 * actor holds the whole tree (and Stately Inspector sees all of it).
 * @module
 */
import { assign, fromCallback, fromPromise, setup, spawnChild } from 'xstate';
import { JanusError } from '../src/errors.js';
import type { ServerInfo } from '../src/protocol/messages.js';
import { notProvided } from './not-provided.js';
import { type SessionMachineInput, sessionMachine } from './session.machine.js';

/** What the connection machine is started with. */
export interface ConnectionMachineInput {
  /** The server URL (secrets never appear in it). */
  url: string;
  /** How long opening the transport and the `info` handshake may take. */
  connectTimeoutMs: number;
  /** How long `close` may spend destroying sessions before it drops the transport. */
  closeTimeoutMs: number;
}

/** The connection machine's context. Serialisable. */
export interface ConnectionMachineContext {
  /** The server URL. */
  url: string;
  /** Connect and handshake budget. */
  connectTimeoutMs: number;
  /** Graceful close budget. */
  closeTimeoutMs: number;
  /** The server's `info` reply once the handshake is done. */
  serverInfo: ServerInfo | undefined;
  /** Why the connection ended, when it failed. */
  error: unknown;
}

/** Events the transport actor sends to the connection machine. */
export type TransportActorEvent = { type: 'transport.open' } | { type: 'transport.closed'; error: unknown };

/** Events the connection machine accepts. */
export type ConnectionMachineEvent =
  | TransportActorEvent
  | { type: 'close' }
  | { type: 'session.spawn'; id: string; input: SessionMachineInput };

/** The event that spawns a session child with a stable id. */
export type SessionSpawnEvent = Extract<ConnectionMachineEvent, { type: 'session.spawn' }>;

/** Input of the transport actor. */
export interface TransportActorInput {
  /** The server URL. */
  url: string;
}

/** The connection statechart. Provide `transport`, `handshake`, `drain` (and `session`) before use. */
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
    /** Destroys the live sessions before the transport goes. */
    drain: fromPromise<void, void>(() => notProvided('drain')),
    session: sessionMachine,
  },
  delays: {
    connectTimeout: ({ context }) => context.connectTimeoutMs,
    closeTimeout: ({ context }) => context.closeTimeoutMs,
  },
}).createMachine({
  id: 'connection',
  context: ({ input }) => ({
    url: input.url,
    connectTimeoutMs: input.connectTimeoutMs,
    closeTimeoutMs: input.closeTimeoutMs,
    serverInfo: undefined,
    error: undefined,
  }),
  initial: 'running',
  states: {
    running: {
      invoke: {
        id: 'transport',
        src: 'transport',
        input: ({ context }) => ({ url: context.url }),
        onError: {
          target: 'failed',
          actions: assign({ error: ({ event }) => event.error }),
        },
      },
      initial: 'connecting',
      states: {
        connecting: {
          on: {
            'transport.open': { target: 'handshaking' },
            'transport.closed': {
              target: '#connection.failed',
              actions: assign({ error: ({ event }) => event.error }),
            },
            close: { target: '#connection.closed' },
          },
          after: {
            connectTimeout: {
              target: '#connection.failed',
              actions: assign({
                error: ({ context }) =>
                  new JanusError('TIMEOUT', `connecting timed out after ${context.connectTimeoutMs} ms`),
              }),
            },
          },
        },
        handshaking: {
          invoke: {
            id: 'handshake',
            src: 'handshake',
            onDone: {
              target: 'open',
              actions: assign({ serverInfo: ({ event }) => event.output }),
            },
            onError: {
              target: '#connection.failed',
              actions: assign({ error: ({ event }) => event.error }),
            },
          },
          on: {
            'transport.closed': {
              target: '#connection.failed',
              actions: assign({ error: ({ event }) => event.error }),
            },
            close: { target: '#connection.closed' },
          },
        },
        open: {
          on: {
            'session.spawn': {
              actions: spawnChild('session', {
                id: ({ event }) => (event as SessionSpawnEvent).id,
                input: ({ event }) => (event as SessionSpawnEvent).input,
              }),
            },
            'transport.closed': {
              target: '#connection.disconnected',
              actions: assign({ error: ({ event }) => event.error }),
            },
            close: { target: 'closing' },
          },
        },
        closing: {
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
    failed: { type: 'final' },
    disconnected: { type: 'final' },
    closed: { type: 'final' },
  },
});

/** The connection machine's type. */
export type ConnectionMachine = typeof connectionMachine;
