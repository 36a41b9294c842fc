/**
 * Binds the pure machines to the clients' wires: the real I/O actors and guards, given once per process
 * with `machine.provide`. Each client's actors find its wire (and the rest of its {@link MachineBindings})
 * through the XState system they run in, bound with {@link bindToClient} before they start, so that a
 * connection does not build the five machine definitions again (about 76 KB of heap and 0.5 ms each).
 * @module
 */
import { type AnyActorRef, fromPromise } from 'xstate';
import { connectionMachine } from '../machines/connection.machine.js';
import { handleMachine } from '../machines/handle.machine.js';
import { keepaliveMachine } from '../machines/keepalive.machine.js';
import { reconnectMachine } from '../machines/reconnect.machine.js';
import { sessionMachine } from '../machines/session.machine.js';
import { isMachineFault } from '../machines/types.js';
import { cancelMachineRequest, requestForMachine } from './client/cell-requests.js';
import { JanusError } from './errors.js';
import { boundJsepMachine } from './media/jsep-bindings.js';
import type { ServerInfo } from './protocol/messages.js';
import type { ReconnectPolicy } from './reconnect/policy.js';
import type { Transport, TransportEvents } from './transport/transport.js';
import { wireTransportActor } from './wire/transport-actor.js';
import type { Wire } from './wire/wire.js';

/** What the provided actors need from the client. */
export interface MachineBindings {
  /** The wire requests go on. */
  wire: Wire;
  /** Opens a transport to `url` bound to `events`. */
  openTransport(url: string, events: TransportEvents): Transport;
  /** The `info` handshake deadline. */
  connectTimeoutMs: number;
  /** Destroys every live session (graceful close). */
  drain(): Promise<void>;
  /** Claims every live session on the new transport; resolves when each is active again or lost. */
  reclaim(): Promise<void>;
  /** Re-creates the session the server lost and re-attaches its handles; resolves with the new id. */
  recreate(sessionId: number): Promise<number>;
  /** Sends a keepalive for every session that has been idle for its interval (one scheduler tick). */
  keepaliveTick(): void;
  /** A session's keepalive timed out: the link is dead. */
  linkDead(error: unknown): void;
  /** The reconnect policy (when reconnect is on). */
  policy: ReconnectPolicy | undefined;
  /** Told about each scheduled reconnection attempt. */
  onSchedule(attempt: number, delayMs: number | null, lastError: unknown): void;
}

/** Each client's bindings, by the XState system its lifecycle actors run in. */
const bindingsBySystem = new WeakMap<object, MachineBindings>();

/**
 * Binds `actor`, and every actor of its XState system, to a client's `bindings`; call it after
 * `createActor` and before `start`. A connection actor's invoked children share its system; each session or
 * handle actor a cell creates or restores has a system of its own (its parent's, when inspected).
 */
export function bindToClient(actor: AnyActorRef, bindings: MachineBindings): void {
  bindingsBySystem.set(actor.system, bindings);
}

function bindingsOf(system: unknown): MachineBindings {
  const bindings = bindingsBySystem.get(system as object);
  if (!bindings) {
    throw new JanusError(
      'INVALID_STATE',
      'a lifecycle actor runs outside a client (its system is not bound)',
    );
  }
  return bindings;
}

/** When each client's current outage began (for the reconnect policy's `elapsedMs`). */
const outageStartedAt = new WeakMap<MachineBindings, number>();

// Lifecycle requests are plain transactions sent by the machines' entry actions; their outcomes come back
// as events (see `client/cell-requests.ts`). No actor is invoked per request.
const cancelRequest = ({ self, system }: { self: AnyActorRef; system: unknown }) =>
  cancelMachineRequest(bindingsOf(system).wire, self);

function buildMachines() {
  const handle = handleMachine.provide({
    actors: { jsep: boundJsepMachine },
    actions: {
      sendAttach: ({ context, self, system }) => {
        const { wire } = bindingsOf(system);
        const request: { janus: string; session_id: number; plugin: string; opaque_id?: string } = {
          janus: 'attach',
          session_id: context.sessionId,
          plugin: context.plugin,
        };
        if (context.opaqueId !== undefined) request.opaque_id = context.opaqueId;
        requestForMachine(
          wire,
          self,
          request,
          { timeoutMs: context.timeoutMs },
          (reply) => ({ type: 'attach.done', handleId: idOf(reply.data) }),
          'attach.failed',
          // Abandoned (the caller aborted): the handle a late success names is detached, not orphaned.
          (late) =>
            wire.request({ janus: 'detach', session_id: context.sessionId, handle_id: idOf(late.data) }),
        );
      },
      sendDetach: ({ context, self, system }) =>
        requestForMachine(
          bindingsOf(system).wire,
          self,
          { janus: 'detach', session_id: context.sessionId, handle_id: context.handleId as number },
          {},
          detachDone,
          'detach.failed',
        ),
      cancelRequest,
    },
  });

  const session = sessionMachine.provide({
    actors: {
      recreate: fromPromise(async ({ input, system }) => ({
        sessionId: await bindingsOf(system).recreate(input.sessionId),
      })),
    },
    actions: {
      reportDeadLink: ({ event, system }) =>
        bindingsOf(system).linkDead((event as { error?: unknown }).error),
      sendCreate: ({ context, self, system }) => {
        const { wire } = bindingsOf(system);
        requestForMachine(
          wire,
          self,
          { janus: 'create' },
          { timeoutMs: context.timeoutMs },
          (reply) => ({ type: 'create.done', sessionId: idOf(reply.data) }),
          'create.failed',
          // Abandoned (the caller aborted): the session a late success names is destroyed, not orphaned.
          (late) => wire.request({ janus: 'destroy', session_id: idOf(late.data) }),
        );
      },
      sendClaim: ({ context, self, system }) =>
        requestForMachine(
          bindingsOf(system).wire,
          self,
          { janus: 'claim', session_id: context.sessionId as number },
          { urgent: true },
          claimDone,
          'claim.failed',
        ),
      sendDestroy: ({ context, self, system }) =>
        requestForMachine(
          bindingsOf(system).wire,
          self,
          { janus: 'destroy', session_id: context.sessionId as number },
          // Urgent: a `close()` while the connection is `reclaiming` destroys sessions whose claim is in
          // flight; the outage queue only opens once the connection is `open` again, which it never will be.
          { urgent: true },
          destroyDone,
          'destroy.failed',
        ),
      cancelRequest,
    },
  });

  const keepalive = keepaliveMachine.provide({
    actions: { tick: ({ system }) => bindingsOf(system).keepaliveTick() },
  });

  const reconnect = reconnectMachine.provide({
    actors: {
      schedule: fromPromise(async ({ input, system }) => {
        const bindings = bindingsOf(system);
        const now = Date.now();
        let startedAt = outageStartedAt.get(bindings);
        if (input.attempt <= 1 || startedAt === undefined) {
          startedAt = now;
          outageStartedAt.set(bindings, now);
        }
        const delayMs =
          bindings.policy?.nextDelayMs({
            attempt: input.attempt,
            elapsedMs: now - startedAt,
            lastError: fromMachineError(input.lastError),
          }) ?? null;
        bindings.onSchedule(input.attempt, delayMs, fromMachineError(input.lastError));
        return delayMs;
      }),
    },
  });

  const connection = connectionMachine.provide({
    actors: {
      transport: wireTransportActor(bindingsOf),
      handshake: fromPromise(async ({ signal, system }) => {
        const { wire, connectTimeoutMs } = bindingsOf(system);
        const reply = await wire.request(
          { janus: 'info' },
          { timeoutMs: connectTimeoutMs, signal, urgent: true },
        );
        return reply as unknown as ServerInfo;
      }),
      reclaim: fromPromise(({ system }) => bindingsOf(system).reclaim()),
      drain: fromPromise(({ system }) => bindingsOf(system).drain()),
      reconnect,
      keepalive,
    },
  });
  return { connection, session, handle };
}

let built: ReturnType<typeof buildMachines> | undefined;

/**
 * The connection, session and handle machines with every I/O actor bound, built once per process; each
 * client binds its actors with {@link bindToClient}. Sessions and handles are not children of the
 * connection: the client hosts them (see `client/machine-cell.ts`).
 */
export function provideMachines(): ReturnType<typeof buildMachines> {
  built ??= buildMachines();
  return built;
}

/** The machines as bound by {@link provideMachines}. */
export type BoundMachines = ReturnType<typeof provideMachines>;
/** The connection machine as bound by {@link provideMachines}. */
export type BoundConnectionMachine = BoundMachines['connection'];
/** The session machine as bound by {@link provideMachines}. */
export type BoundSessionMachine = BoundMachines['session'];
/** The handle machine as bound by {@link provideMachines}. */
export type BoundHandleMachine = BoundMachines['handle'];

/** Turns what a machine recorded as an error (a {@link MachineFault} included) into what users see. */
export function fromMachineError(error: unknown): unknown {
  return isMachineFault(error) ? new JanusError(error.code, error.message) : error;
}

const detachDone = () => ({ type: 'detach.done' });
const claimDone = () => ({ type: 'claim.done' });
const destroyDone = () => ({ type: 'destroy.done' });

function idOf(data: { id?: unknown } | undefined): number {
  const id = data?.id;
  if (typeof id !== 'number') throw new JanusError('PROTOCOL', 'the reply carries no numeric id');
  return id;
}
