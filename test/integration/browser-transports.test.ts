/**
 * The browser transports against the real Janus, run in Node: the WebSocket transport on a `WebSocket`
 * constructor passed in (the `ws` package's; Node 20 has no global one) and the long-poll transport on
 * Node 20's global `fetch`. Each case runs beside the Node transport of the same kind, so "the same failure
 * has the same code" is checked side by side: `TRANSPORT` when the first connect never opens,
 * `DISCONNECTED` when the link is cut, `TIMEOUT` when no answer comes.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connect, JanusError, type TransportOption } from '../../src/index.js';
import { freePorts } from '../../src/testing/free-port.js';
import {
  browserWebSocketTransport,
  type WebSocketConstructor,
} from '../../src/transport/browser-websocket-transport.js';
import { fetchTransport } from '../../src/transport/fetch-transport.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';

interface Case {
  /** What is tested. */
  name: string;
  /** `ws` or `http`: which URL of the server it takes. */
  kind: 'ws' | 'http';
  /** The transport option (`undefined`: the Node transport of the registry). */
  transport: TransportOption | undefined;
  /** The transport kind the client reports. */
  reported: string;
}

const CASES: Case[] = [
  {
    name: 'browser WebSocket (ws constructor)',
    kind: 'ws',
    transport: browserWebSocketTransport({ WebSocket: WebSocket as unknown as WebSocketConstructor }),
    reported: 'ws',
  },
  { name: 'Node WebSocket', kind: 'ws', transport: undefined, reported: 'ws' },
  { name: 'browser fetch long-poll', kind: 'http', transport: fetchTransport(), reported: 'http' },
  { name: 'Node HTTP long-poll', kind: 'http', transport: undefined, reported: 'http' },
];

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'], reclaimSessionTimeoutS: 10 });
});

afterAll(async () => {
  await server?.stop();
});

function urlOf(kind: 'ws' | 'http', port?: number): string {
  if (port === undefined) return kind === 'ws' ? server.wsUrl : server.httpUrl;
  return kind === 'ws' ? `ws://127.0.0.1:${port}` : `http://127.0.0.1:${port}/janus`;
}

function withTransport(transport: TransportOption | undefined): { transport?: TransportOption } {
  return transport ? { transport } : {};
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JanusError);
  return (error as JanusError).code;
}

describe.each(CASES)('$name against the real Janus', ({ kind, transport, reported }) => {
  it('carries a session: create, attach, a plugin request answered by an event, detach, destroy', async () => {
    const janus = await connect(urlOf(kind), withTransport(transport));
    expect(janus.transportKind).toBe(reported);
    expect((await janus.info()).janus).toBe('server_info');
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    // The EchoTest answers with an async event: over HTTP it comes by the long-poll.
    for (let index = 0; index < 3; index += 1) {
      expect((await echo.message({ audio: false })).data.result).toBe('ok');
    }
    await echo.detach();
    await session.destroy();
    expect(janus.pendingRequests).toBe(0);
    await janus.close();
  });

  it('rejects a first connect that never opens with TRANSPORT', async () => {
    const [port] = await freePorts(1);
    expect(await codeOf(connect(urlOf(kind, port), { ...withTransport(transport), reconnect: false }))).toBe(
      'TRANSPORT',
    );
  });

  it('fails a request in flight with DISCONNECTED when the link is cut, and ends disconnected', async () => {
    const proxy: TcpProxy = await startTcpProxy({ port: Number(new URL(urlOf(kind)).port) });
    try {
      const janus = await connect(urlOf(kind, proxy.port), { ...withTransport(transport), reconnect: false });
      const session = await janus.createSession();
      const echo = await session.attach('janus.plugin.echotest');
      // Hold the request in the proxy, then cut every connection with the server gone for good.
      proxy.stall(true);
      const inFlight = codeOf(echo.message({ audio: false }, { timeoutMs: 20_000 }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.refuse(true);
      proxy.cutAll();
      expect(await inFlight).toBe('DISCONNECTED');
      await expect.poll(() => janus.state, { timeout: 10_000, interval: 20 }).toBe('disconnected');
      await janus.close();
    } finally {
      await proxy.close();
    }
  });

  it('rejects a request with TIMEOUT when no answer comes, ignores the late one, and works again after', async () => {
    // The proxy holds every byte (nothing is lost): to the client the server is silent.
    const proxy: TcpProxy = await startTcpProxy({ port: Number(new URL(urlOf(kind)).port) });
    try {
      const janus = await connect(urlOf(kind, proxy.port), {
        ...withTransport(transport),
        keepaliveMs: false,
      });
      const session = await janus.createSession();
      const echo = await session.attach('janus.plugin.echotest');
      proxy.stall(true);
      expect(await codeOf(echo.message({ audio: false }, { timeoutMs: 300 }))).toBe('TIMEOUT');
      expect(janus.pendingRequests).toBe(0);
      proxy.stall(false);
      expect((await echo.message({ audio: false })).data.result).toBe('ok');
      expect(janus.state).toBe('open');
      await janus.close();
    } finally {
      await proxy.close();
    }
  });
});

describe.each(CASES.filter((c) => c.kind === 'ws'))('$name: reconnect and claim', ({ kind, transport }) => {
  it('claims the session after the proxy cuts the link: same session and handle ids, the handle answers', async () => {
    const proxy: TcpProxy = await startTcpProxy({ port: Number(new URL(urlOf(kind)).port) });
    try {
      const janus = await connect(urlOf(kind, proxy.port), withTransport(transport));
      const session = await janus.createSession();
      const echo = await session.attach('janus.plugin.echotest');
      const ids = [session.id, echo.id];
      const back = nextEvent(janus, 'reconnected', () => true, 10_000);
      proxy.cutAll();
      const event = await back;
      expect(event).toMatchObject({ claimed: 1, recreated: 0, lost: 0 });
      expect([session.id, echo.id]).toEqual(ids);
      expect(session.state).toBe('active');
      expect((await echo.message({ audio: false })).data.result).toBe('ok');
      await janus.close();
    } finally {
      await proxy.close();
    }
  });
});
