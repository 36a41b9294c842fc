/**
 * The wire's dispatch is the transport's only inbound call: a defect in whoever handles an event must be
 * logged there, never thrown back into the transport (the WebSocket receiver stops reading after an
 * exception in its listener), and the next frame must still settle its request.
 */
import { describe, expect, it } from 'vitest';
import type { JanusWireRequest } from '../../src/protocol/messages.js';
import type { Transport } from '../../src/transport/transport.js';
import { Wire } from '../../src/wire/wire.js';

describe('Wire.dispatch', () => {
  it('logs a handler that throws, and the next reply still settles its request', async () => {
    const errors: { message: string; details: unknown }[] = [];
    const noop = (): void => {};
    const wire = new Wire(
      {
        auth: {},
        requestTimeoutMs: 1000,
        logger: {
          debug: noop,
          info: noop,
          warn: noop,
          error: (message, details) => errors.push({ message, details }),
        },
        debug: false,
      },
      {
        toHandle: () => {
          throw new TypeError('a defect in the handle');
        },
        toSession: () => false,
      },
    );
    const sent: JanusWireRequest[] = [];
    const transport: Transport = {
      kind: 'test',
      send: (request) => sent.push(request),
      sessionStarted: noop,
      sessionEnded: noop,
      close: noop,
    };
    wire.bind(transport);
    wire.release();
    const reply = wire.request({ janus: 'info' });
    expect(() =>
      wire.dispatch({ janus: 'event', sender: 7, plugindata: { plugin: 'x', data: {} } }),
    ).not.toThrow();
    expect(errors).toEqual([
      {
        message: 'a server message could not be handled',
        details: { janus: 'event', error: 'a defect in the handle' },
      },
    ]);
    wire.dispatch({ janus: 'server_info', transaction: sent[0]?.transaction });
    await expect(reply).resolves.toMatchObject({ janus: 'server_info' });
  });
});
