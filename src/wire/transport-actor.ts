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

/** The `transport` actor of a connection whose requests go on `wire`; `open` builds the transport. */
export function wireTransportActor(wire: Wire, open: (url: string, events: TransportEvents) => Transport) {
  return fromCallback<{ type: 'noop' }, { url: string }>(({ sendBack, input }) => {
    let stopped = false;
    const transport: Transport = open(input.url, {
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
