import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, JanusError } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';
import { TRANSPORTS } from './transports.js';

const SESSION_TIMEOUT_S = 2;
let shortLived: TestServer;
let stallable: TestServer;

beforeAll(async () => {
  [shortLived, stallable] = await Promise.all([
    getTestServer({ sessionTimeoutS: SESSION_TIMEOUT_S, plugins: ['echotest'] }),
    getTestServer({ plugins: ['echotest'] }),
  ]);
});

afterAll(async () => {
  await Promise.all([shortLived?.stop(), stallable?.stop()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TRANSPORTS)('session timeout and request deadlines over $name', (transport) => {
  it('keeps an idle session alive past session_timeout with keepalive, derived from info', async () => {
    const janus = await connect(transport.url(shortLived));
    expect(janus.serverInfo?.['session-timeout']).toBe(SESSION_TIMEOUT_S);
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    await sleep(SESSION_TIMEOUT_S * 1000 * 3);
    expect(session.state).toBe('active');
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await janus.close();
  });

  it('learns that the server timed the session out when keepalive is off', async () => {
    const janus = await connect(transport.url(shortLived), { keepaliveMs: false });
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    const detached = nextEvent(handle, 'detached', () => true, SESSION_TIMEOUT_S * 1000 * 5);
    detached.catch(() => {});
    if (transport.name === 'ws') {
      // Over WebSocket Janus sends the `timeout` event.
      await nextEvent(session, 'timeout', () => true, SESSION_TIMEOUT_S * 1000 * 5);
      expect(session.state).toBe('timedOut');
    } else {
      // Over HTTP the `timeout` event reaches a pending long-poll, or the next poll gets 404 with a 458
      // error (both seen here): the session ends timed out or lost, never hangs.
      await nextEvent(
        session,
        'state',
        (state) => state === 'lost' || state === 'timedOut',
        SESSION_TIMEOUT_S * 1000 * 5,
      );
    }
    expect((await detached).reason).toMatch(/detached by the server|timedOut|lost/);
    expect(handle.state).toBe('detached');
    await janus.close();
  });

  it('rejects a request with TIMEOUT when the server stalls, and ignores the late reply', async () => {
    const janus = await connect(transport.url(stallable));
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    await stallable.janus?.kill('SIGSTOP');
    try {
      const started = Date.now();
      const error = await echo.message({ audio: false }, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JanusError);
      expect((error as JanusError).code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(janus.pendingRequests).toBe(0);
    } finally {
      await stallable.janus?.kill('SIGCONT');
    }
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    expect(janus.pendingRequests).toBe(0);
    await janus.close();
  });
});
