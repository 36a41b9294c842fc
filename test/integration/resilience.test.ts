/**
 * Reconnect and claim against a real Janus, through the fault-injecting proxy: cuts during active use,
 * a server killed with SIGKILL and restarted (claim refused → lost / recreate), stalls (TIMEOUT, and a
 * keepalive that times out counts as a dead link).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, JanusError } from '../../src/index.js';
import type { PluginEvent } from '../../src/plugin-handle.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest', 'videoroom'], reclaimSessionTimeoutS: 10 });
});

afterAll(async () => {
  await server?.stop();
});

const wsPort = (url: string): number => Number(new URL(url).port);
const fast = { reconnect: true, requestTimeoutMs: 3000, connectTimeoutMs: 2000 } as const;

/** Settles at once (so no rejection is ever unhandled) into an allSettled-like result. */
function track(promise: Promise<unknown>): Promise<PromiseSettledResult<unknown>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }) as const,
    (reason: unknown) => ({ status: 'rejected', reason }) as const,
  );
}

async function settleAll(
  promises: Promise<PromiseSettledResult<unknown>>[],
): Promise<{ resolved: number; typed: number; other: unknown[] }> {
  const results = await Promise.all(promises);
  let resolved = 0;
  let typed = 0;
  const other: unknown[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') resolved += 1;
    else if (result.reason instanceof JanusError) typed += 1;
    else other.push(result.reason);
  }
  return { resolved, typed, other };
}

describe('reconnect and claim over ws, through the proxy', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy({ port: wsPort(server.wsUrl) });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('survives 20 cuts during active use: 20 claims, no handle lost, events after each claim', async () => {
    const room = 4000 + Math.floor(Math.random() * 1000);
    const janus = await connect(`ws://127.0.0.1:${proxy.port}`, fast);
    const observer = await connect(server.wsUrl);
    const session = await janus.createSession();
    const publisher = await session.attach('janus.plugin.videoroom');
    await publisher.message({ request: 'create', room, notify_joining: true, publishers: 50 });
    await publisher.message({ request: 'join', ptype: 'publisher', room, display: 'under-test' });
    const echo = await session.attach('janus.plugin.echotest');
    const sessionId = session.id;
    const handleIds = [publisher.id, echo.id];
    const reconnected: Array<{ claimed: number; lost: number; recreated: number }> = [];
    janus.on('reconnected', (event) => reconnected.push(event));
    const lost: unknown[] = [];
    janus.on('session-lost', (_s, error) => lost.push(error));
    const observerSession = await observer.createSession();

    const inFlight: Promise<PromiseSettledResult<unknown>>[] = [];
    const duringOutage: Promise<PromiseSettledResult<unknown>>[] = [];
    let eventsAfterClaim = 0;
    for (let cut = 1; cut <= 20; cut += 1) {
      // Requests in flight when the link goes, and one made during the outage.
      for (let i = 0; i < 3; i += 1) inFlight.push(track(echo.message({ audio: false })));
      inFlight.push(track(publisher.message({ request: 'listparticipants', room })));
      const back = nextEvent(janus, 'reconnected', () => true, 10_000);
      const down = nextEvent(janus, 'reconnecting', () => true, 5000);
      proxy.cutAll();
      await down;
      // Made during the outage: waits in the queue and goes out once the session is claimed.
      // Its deadline covers the whole reconnection (the `reconnected` wait below), so only a real failure
      // to deliver it after the claim can reject it.
      duringOutage.push(track(echo.message({ audio: true }, { timeoutMs: 10_000 })));
      await back;
      expect(janus.state).toBe('open');
      expect(session.id).toBe(sessionId);
      // A plugin event that only the claimed handle can receive: someone joins the room.
      const joining = nextEvent(
        publisher,
        'event',
        (event: PluginEvent) =>
          (event.data as { joining?: { display?: string } }).joining?.display === `o${cut}`,
        5000,
      );
      const other = await observerSession.attach('janus.plugin.videoroom');
      await other.message({ request: 'join', ptype: 'publisher', room, display: `o${cut}` });
      await joining;
      eventsAfterClaim += 1;
      await other.detach();
    }
    const settled = await settleAll(inFlight);
    const queued = await settleAll(duringOutage);
    console.log(
      `cuts ${proxy.cuts}, claims ${reconnected.reduce((n, e) => n + e.claimed, 0)}, ` +
        `events after claim ${eventsAfterClaim}, in-flight ${inFlight.length}: resolved ${settled.resolved}, ` +
        `typed rejections ${settled.typed}, other ${settled.other.length}; made during the outage ` +
        `${duringOutage.length}: resolved ${queued.resolved}`,
    );
    expect(queued.other, 'untyped rejections of queued requests').toEqual([]);
    expect(queued.resolved, `queued requests resolved (rejected: ${queued.typed})`).toBe(20);
    expect(reconnected).toHaveLength(20);
    expect(reconnected.reduce((n, e) => n + e.claimed, 0)).toBe(20);
    expect(reconnected.every((e) => e.lost === 0 && e.recreated === 0)).toBe(true);
    expect(lost).toEqual([]);
    expect([publisher.id, echo.id]).toEqual(handleIds);
    expect([publisher.state, echo.state]).toEqual(['attached', 'attached']);
    expect(settled.other).toEqual([]);
    expect(settled.resolved + settled.typed).toBe(inFlight.length);
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    expect(janus.pendingRequests).toBe(0);
    await publisher.message({ request: 'destroy', room });
    await observer.close();
    await janus.close();
  });

  it('a stalled link: requests time out with TIMEOUT and a timed-out keepalive triggers a reconnect', async () => {
    const janus = await connect(`ws://127.0.0.1:${proxy.port}`, {
      ...fast,
      keepaliveMs: 600,
      requestTimeoutMs: 400,
    });
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    const reconnecting = nextEvent(janus, 'reconnecting', () => true, 5000);
    const reconnected = nextEvent(janus, 'reconnected', () => true, 8000);
    proxy.stall(true);
    const started = Date.now();
    const error = await echo.message({ audio: false }).catch((e: unknown) => e);
    expect((error as JanusError).code).toBe('TIMEOUT');
    // keepalive interval 600 ms + request timeout 400 ms: the dead link is found within ~1 s.
    await reconnecting;
    const detectedMs = Date.now() - started;
    proxy.stall(false);
    proxy.cutAll(); // the stalled connection is dead anyway
    await reconnected;
    console.log(`stalled link detected by keepalive after ${detectedMs} ms`);
    expect(detectedMs).toBeLessThan(2000);
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await janus.close();
  });
});

describe.each(['ws', 'http'] as const)('server killed with SIGKILL and restarted, over %s', (kind) => {
  it('the claim is refused: the app is told, and with recreate: true the session and handles are back', async () => {
    const url = kind === 'ws' ? server.wsUrl : server.httpUrl;
    const plain = await connect(url, fast);
    const recreating = await connect(url, { ...fast, recreate: true });
    const lostSession = await plain.createSession();
    const lostHandle = await lostSession.attach('janus.plugin.echotest');
    const session = await recreating.createSession();
    const echo = await session.attach('janus.plugin.echotest', { opaqueId: 'keep-me' });
    const oldIds = { session: session.id, handle: echo.id };
    const sessionLost = nextEvent(plain, 'session-lost', () => true, 15_000);
    const recreated = nextEvent(recreating, 'session-recreated', () => true, 15_000);
    await server.janus?.kill('SIGKILL');
    await server.janus?.restart();
    const lostError = await sessionLost;
    expect(lostError).toBe(lostSession);
    expect(lostSession.state).toBe('lost');
    expect(lostHandle.state).toBe('detached');
    const event = await recreated;
    expect(event).toBe(session);
    expect(session.state).toBe('active');
    expect(session.id).not.toBe(oldIds.session);
    expect(echo.state).toBe('attached');
    // The same handle object works against the new ids.
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await plain.close();
    await recreating.close();
  });
});
