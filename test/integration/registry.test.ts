/**
 * Transports as a registry: `connect` picks the transport by URL scheme, an application registers its own
 * (here an in-memory channel whose far end relays to the real Janus), and the `transport` option injects a
 * factory for one connection.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  connect,
  connectAdmin,
  JanusError,
  registeredSchemes,
  registerTransport,
  type Transport,
  type TransportEvents,
  type TransportOptions,
} from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'] });
});

afterAll(async () => {
  await server?.stop();
});

/**
 * An in-memory transport: requests are handed, as objects, to a far end in this process (no socket on our
 * side); the far end relays them to Janus and hands the replies back.
 */
function memoryTransport(relayTo: string, seen: string[]) {
  return (options: TransportOptions, events: TransportEvents): Transport => {
    const far = new WebSocket(relayTo, options.api === 'admin' ? 'janus-admin-protocol' : 'janus-protocol');
    let closed = false;
    far.on('open', () => events.onOpen());
    far.on('message', (data) => {
      const message = JSON.parse(String(data));
      seen.push(`in:${message.janus}`);
      events.onMessage(message);
    });
    far.on('error', (error) => {
      if (!closed) events.onClose(new JanusError('TRANSPORT', error.message));
      closed = true;
    });
    return {
      kind: 'memory',
      send(request) {
        seen.push(`out:${request.janus}`);
        far.send(JSON.stringify(request));
      },
      sessionStarted() {},
      sessionEnded() {},
      close() {
        if (closed) return;
        closed = true;
        far.terminate();
        events.onClose(undefined);
      },
    };
  };
}

describe('transport registry', () => {
  it('knows ws, wss, http, https and unix', () => {
    expect(registeredSchemes()).toEqual(expect.arrayContaining(['ws', 'wss', 'http', 'https', 'unix']));
  });

  it('runs a session with an EchoTest message over a registered in-memory transport', async () => {
    const seen: string[] = [];
    const restore = registerTransport('memory', {
      kind: 'memory',
      create: memoryTransport(server.wsUrl, seen),
    });
    try {
      const janus = await connect('memory://janus');
      expect(janus.transportKind).toBe('memory');
      const session = await janus.createSession();
      const echo = await session.attach('janus.plugin.echotest');
      expect((await echo.message({ audio: false })).data.result).toBe('ok');
      await janus.close();
      expect(seen).toEqual(
        expect.arrayContaining(['out:info', 'out:create', 'out:attach', 'out:message', 'in:event']),
      );
    } finally {
      restore();
    }
    const error = await connect('memory://janus').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((error as Error).message).toContain('registerTransport');
  });

  it('takes a factory for one connection with the transport option, for the admin client too', async () => {
    const seen: string[] = [];
    const janus = await connect('custom://anything', { transport: memoryTransport(server.wsUrl, seen) });
    expect(janus.transportKind).toBe('custom');
    const session = await janus.createSession();
    expect(session.id).toBeGreaterThan(0);
    const admin = await connectAdmin('custom://admin', {
      adminSecret: server.adminSecret,
      transport: { kind: 'memory', create: memoryTransport(server.adminWsUrl, seen) },
    });
    expect(admin.transportKind).toBe('memory');
    expect((await admin.listSessions()).sessions).toContain(session.id);
    admin.close();
    await janus.close();
    expect(seen).toContain('out:list_sessions');
  });

  it('rejects schemes nothing handles and bad registrations with INVALID_ARGUMENT', async () => {
    await expect(connect('gopher://127.0.0.1')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(connect('not a url')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() => registerTransport('no spaces', () => undefined as never)).toThrow(JanusError);
    expect(() => registerTransport('x', {} as never)).toThrow(/create/);
  });
});
