/**
 * The plugin handle: attaching → attached (media inactive/active) → detaching → detached.
 * Requests on an attached handle (message, trickle, hangup) do not pass through the machine: they are
 * plain transactions. The machine tracks what the server says about the handle's life.
 *
 * `attach` and `detach` are plain transactions too: entering `attaching` or `detaching` runs the provided
 * action (`sendAttach`, `sendDetach`) that puts the request on the wire, and its outcome comes back as an
 * event (`attach.done`, `attach.failed`, `detach.done`, `detach.failed`). Leaving the state before the
 * outcome runs `cancelRequest`.
 * @module
 */
import { assign, setup, spawnChild, stopChild } from 'xstate';
import { jsepMachine } from './jsep.machine.js';

/** What the handle machine is started with. */
export interface HandleMachineInput {
  /** The session the handle lives on. */
  sessionId: number;
  /** The plugin package, e.g. `janus.plugin.echotest`. */
  plugin: string;
  /** Optional opaque id sent with `attach`. */
  opaqueId?: string | undefined;
  /** Deadline of the attach request; undefined uses the client's default. */
  timeoutMs?: number | undefined;
}

/** The handle machine's context. Serialisable. */
export interface HandleMachineContext {
  /** The session the handle lives on. */
  sessionId: number;
  /** The plugin package name. */
  plugin: string;
  /** Opaque id sent with `attach`. */
  opaqueId: string | undefined;
  /** Deadline of the attach request. */
  timeoutMs: number | undefined;
  /** The server's handle id once attached. */
  handleId: number | undefined;
  /** Why the handle ended. */
  reason: 'detached' | 'detached-by-server' | 'attach-failed' | 'cancelled' | undefined;
  /** The error that ended it, if one did. */
  error: unknown;
}

/** Events the handle machine accepts. */
export type HandleMachineEvent =
  | { type: 'detach' }
  /** The server attached the handle. */
  | { type: 'attach.done'; handleId: number }
  /** The `attach` request failed. */
  | { type: 'attach.failed'; error: unknown }
  /** The server detached the handle. */
  | { type: 'detach.done' }
  /** The `detach` request failed (the handle is considered gone all the same). */
  | { type: 'detach.failed'; error: unknown }
  | { type: 'janus.webrtcup' }
  | { type: 'janus.hangup'; reason?: string }
  | { type: 'janus.ice-failed' }
  | { type: 'janus.detached' }
  | { type: 'jsep.start'; peerKey: string }
  | { type: 'jsep.stop' }
  /** The session was re-created and the handle re-attached: it has new server ids. */
  | { type: 'handle.reattached'; sessionId: number; handleId: number };

/**
 * The plugin handle statechart. Provide the `sendAttach`, `sendDetach` and `cancelRequest` actions before
 * use (the default actions do nothing: the machine then waits for the outcome events).
 */
export const handleMachine = setup({
  types: {
    context: {} as HandleMachineContext,
    events: {} as HandleMachineEvent,
    input: {} as HandleMachineInput,
  },
  actors: {
    jsep: jsepMachine,
  },
  actions: {
    /** Sends `{ janus: 'attach' }`; its outcome comes back as `attach.done` or `attach.failed`. */
    sendAttach: () => {},
    /** Sends `{ janus: 'detach' }`; `detach.done` or `detach.failed` follows. */
    sendDetach: () => {},
    /** Drops the request of the state being left, if it is still in flight (its outcome is ignored). */
    cancelRequest: () => {},
  },
}).createMachine({
  id: 'handle',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    plugin: input.plugin,
    opaqueId: input.opaqueId,
    timeoutMs: input.timeoutMs,
    handleId: undefined,
    reason: undefined,
    error: undefined,
  }),
  initial: 'attaching',
  states: {
    attaching: {
      entry: 'sendAttach',
      exit: 'cancelRequest',
      on: {
        'attach.done': {
          target: 'attached',
          actions: assign({ handleId: ({ event }) => event.handleId }),
        },
        'attach.failed': {
          target: 'failed',
          actions: assign({ reason: 'attach-failed', error: ({ event }) => event.error }),
        },
        // The caller gave up (aborted) before the server answered.
        detach: { target: 'failed', actions: assign({ reason: 'cancelled' }) },
      },
    },
    attached: {
      initial: 'inactive',
      states: {
        inactive: {
          on: { 'janus.webrtcup': { target: 'active' } },
        },
        active: {
          on: {
            'janus.hangup': { target: 'inactive' },
            'janus.ice-failed': { target: 'inactive' },
          },
        },
      },
      on: {
        detach: { target: 'detaching' },
        // A peer connection for this handle: its JSEP negotiation runs as the child `jsep`.
        'jsep.start': {
          actions: spawnChild('jsep', {
            id: 'jsep',
            input: ({ context, event }) => ({
              handleId: context.handleId as number,
              peerKey: (event as Extract<HandleMachineEvent, { type: 'jsep.start' }>).peerKey,
            }),
          }),
        },
        'jsep.stop': { actions: stopChild('jsep') },
        'handle.reattached': {
          actions: assign({
            sessionId: ({ event }) =>
              (event as Extract<HandleMachineEvent, { type: 'handle.reattached' }>).sessionId,
            handleId: ({ event }) =>
              (event as Extract<HandleMachineEvent, { type: 'handle.reattached' }>).handleId,
          }),
        },
        'janus.detached': {
          target: 'detached',
          actions: assign({ reason: 'detached-by-server' }),
        },
      },
    },
    detaching: {
      entry: 'sendDetach',
      exit: 'cancelRequest',
      on: {
        'detach.done': { target: 'detached', actions: assign({ reason: 'detached' }) },
        'detach.failed': {
          target: 'detached',
          actions: assign({ reason: 'detached', error: ({ event }) => event.error }),
        },
        // The server's `detached` event often overtakes the `success` of the detach request.
        'janus.detached': { target: 'detached', actions: assign({ reason: 'detached' }) },
      },
    },
    detached: { type: 'final' },
    failed: { type: 'final' },
  },
});

/** The handle machine's type. */
export type HandleMachine = typeof handleMachine;
