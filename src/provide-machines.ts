/**
 * Binds the pure machines to a client's wire: the real I/O actors and guards, given once per connection
 * with `machine.provide`.
 * @module
 */
import { fromCallback, fromPromise } from 'xstate';
import { connectionMachine, type TransportActorEvent } from '../machines/connection.machine.js';
import { handleMachine } from '../machines/handle.machine.js';
import { sessionMachine } from '../machines/session.machine.js';
import { JanusError } from './errors.js';
import type { ServerInfo } from './protocol/messages.js';
import type { Transport, TransportEvents } from './transport/transport.js';
import type { Wire } from './wire.js';

/** What the provided actors need from the client. */
export interface MachineBindings {
  /** The wire requests go on. */
  wire: Wire;
  /** Opens the transport bound to `events`. */
  openTransport(events: TransportEvents): Transport;
  /** The `info` handshake deadline. */
  connectTimeoutMs: number;
  /** Destroys every live session (graceful close). */
  drain(): Promise<void>;
}

/** The connection machine with every I/O actor bound to `bindings`. */
export function provideMachines(bindings: MachineBindings) {
  const { wire } = bindings;

  const handle = handleMachine.provide({
    actors: {
      attach: fromPromise(async ({ input, signal }) => {
        const request: { janus: string; session_id: number; plugin: string; opaque_id?: string } = {
          janus: 'attach',
          session_id: input.sessionId,
          plugin: input.plugin,
        };
        if (input.opaqueId !== undefined) request.opaque_id = input.opaqueId;
        const reply = await wire.request(request, { timeoutMs: input.timeoutMs, signal });
        return { handleId: idOf(reply.data) };
      }),
      detach: fromPromise(async ({ input, signal }) => {
        await wire.request(
          { janus: 'detach', session_id: input.sessionId, handle_id: input.handleId },
          { signal },
        );
      }),
    },
  });

  const session = sessionMachine.provide({
    actors: {
      create: fromPromise(async ({ input, signal }) => {
        const reply = await wire.request({ janus: 'create' }, { timeoutMs: input.timeoutMs, signal });
        return { sessionId: idOf(reply.data) };
      }),
      keepalive: fromPromise(async ({ input, signal }) => {
        await wire.request({ janus: 'keepalive', session_id: input.sessionId }, { signal });
      }),
      destroy: fromPromise(async ({ input, signal }) => {
        await wire.request({ janus: 'destroy', session_id: input.sessionId }, { signal });
      }),
      handle,
    },
    guards: {
      idle: ({ context }) =>
        context.sessionId === undefined || wire.idleMs(context.sessionId) >= context.keepaliveMs / 2,
    },
  });

  return connectionMachine.provide({
    actors: {
      transport: fromCallback<{ type: 'noop' }, { url: string }>(({ sendBack }) => {
        let stopped = false;
        const transport = bindings.openTransport({
          onOpen: () => {
            if (!stopped) sendBack({ type: 'transport.open' } satisfies TransportActorEvent);
          },
          onMessage: (message) => wire.dispatch(message),
          onSendError: (transaction, error) => wire.table.reject(transaction, error),
          onClose: (error) => {
            wire.shutDown(
              error instanceof JanusError ? error : new JanusError('DISCONNECTED', 'the transport closed'),
            );
            if (!stopped) sendBack({ type: 'transport.closed', error } satisfies TransportActorEvent);
          },
        });
        wire.bind(transport);
        return () => {
          stopped = true;
          transport.close();
        };
      }),
      handshake: fromPromise(async ({ signal }) => {
        const reply = await wire.request({ janus: 'info' }, { timeoutMs: bindings.connectTimeoutMs, signal });
        return reply as unknown as ServerInfo;
      }),
      drain: fromPromise(() => bindings.drain()),
      session,
    },
  });
}

/** The connection machine as bound by {@link provideMachines}. */
export type BoundConnectionMachine = ReturnType<typeof provideMachines>;

function idOf(data: { id?: unknown } | undefined): number {
  const id = data?.id;
  if (typeof id !== 'number') throw new JanusError('PROTOCOL', 'the reply carries no numeric id');
  return id;
}
