/**
 * The plugin handle: attaching → attached (media inactive/active) → detaching → detached.
 * Requests on an attached handle (message, trickle, hangup) do not pass through the machine: they are
 * plain transactions. The machine tracks what the server says about the handle's life.
 * @module
 */
import { assign, fromPromise, setup, spawnChild, stopChild } from 'xstate';
import { jsepMachine } from './jsep.machine.js';
import { notProvided } from './not-provided.js';

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
  | { type: 'janus.webrtcup' }
  | { type: 'janus.hangup'; reason?: string }
  | { type: 'janus.ice-failed' }
  | { type: 'janus.detached' }
  | { type: 'jsep.start'; peerKey: string }
  | { type: 'jsep.stop' }
  /** The session was re-created and the handle re-attached: it has new server ids. */
  | { type: 'handle.reattached'; sessionId: number; handleId: number };

/** Output of the `attach` actor. */
export interface AttachOutput {
  /** The new handle id. */
  handleId: number;
}

/** Input of the `attach` actor. */
export interface AttachInput {
  /** The session to attach on. */
  sessionId: number;
  /** The plugin package name. */
  plugin: string;
  /** Optional opaque id. */
  opaqueId: string | undefined;
  /** Deadline of the request. */
  timeoutMs: number | undefined;
}

/** Input of the `detach` actor. */
export interface DetachInput {
  /** The session of the handle. */
  sessionId: number;
  /** The handle to detach. */
  handleId: number;
}

/** The plugin handle statechart. Provide `attach` and `detach` actors before use. */
export const handleMachine = setup({
  types: {
    context: {} as HandleMachineContext,
    events: {} as HandleMachineEvent,
    input: {} as HandleMachineInput,
  },
  actors: {
    attach: fromPromise<AttachOutput, AttachInput>(() => notProvided('attach')),
    detach: fromPromise<void, DetachInput>(() => notProvided('detach')),
    jsep: jsepMachine,
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
      invoke: {
        id: 'attach',
        src: 'attach',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          plugin: context.plugin,
          opaqueId: context.opaqueId,
          timeoutMs: context.timeoutMs,
        }),
        onDone: {
          target: 'attached',
          actions: assign({ handleId: ({ event }) => event.output.handleId }),
        },
        onError: {
          target: 'failed',
          actions: assign({ reason: 'attach-failed', error: ({ event }) => event.error }),
        },
      },
      on: {
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
      invoke: {
        id: 'detach',
        src: 'detach',
        input: ({ context }) => ({ sessionId: context.sessionId, handleId: context.handleId as number }),
        onDone: { target: 'detached', actions: assign({ reason: 'detached' }) },
        onError: {
          target: 'detached',
          actions: assign({ reason: 'detached', error: ({ event }) => event.error }),
        },
      },
      on: {
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
