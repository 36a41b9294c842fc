/**
 * The wire's inbound entry: the connection machine's `transport` actor. It opens a transport, feeds what
 * the server sends straight into the wire (no actor on the hot path) and tells the machine only when the
 * link opens or closes.
 * @module
 */
import { fromCallback } from 'xstate';
import type { TransportActorEvent } from '../../machines/connection.machine.js';
import { JanusError } from '../errors.js';
import type { Transport, TransportEvents } from '../transport/transport.js';
import type { Wire } from './wire.js';

/** What the `transport` actor needs of its connection's client. */
export interface TransportLink {
  /** The wire the connection's requests go on. */
  wire: Wire;
  /** Builds the transport to `url`, bound to `events`. */
  openTransport(url: string, events: TransportEvents): Transport;
}

/**
 * The `transport` actor of a connection; `linkOf` gives, for the actor system it runs in, the client's
 * wire and the function that builds its transport.
 */
export function wireTransportActor(linkOf: (system: unknown) => TransportLink) {
  return fromCallback<{ type: 'noop' }, { url: string }>(({ sendBack, input, system }) => {
    const { wire, openTransport } = linkOf(system);
    let stopped = false;
    const transport: Transport = openTransport(input.url, {
      onOpen: () => {
        if (!stopped) sendBack({ type: 'transport.open' } satisfies TransportActorEvent);
      },
      onMessage: (message) => {
        if (!stopped) wire.dispatch(message);
      },
      onSendError: (transaction, error) => wire.table.reject(transaction, error),
      onClose: (error) => {
        if (stopped) return;
        wire.linkLost(
          transport,
          error instanceof JanusError ? error : new JanusError('DISCONNECTED', 'the transport closed'),
        );
        sendBack({ type: 'transport.closed', error } satisfies TransportActorEvent);
      },
    });
    wire.bind(transport);
    return () => {
      stopped = true;
      wire.linkLost(transport, new JanusError('DISCONNECTED', 'the transport was replaced'));
      transport.close();
    };
  });
}
