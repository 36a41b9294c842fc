/**
 * Reconnect and claim against a real Janus, through the fault-injecting proxy: cuts during active use,
 * a server killed with SIGKILL and restarted (claim refused → lost / recreate), stalls (TIMEOUT, and a
 * keepalive that times out counts as a dead link).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, JanusError } from '../../src/index.js';
import type { PluginEvent } from '../../src/plugin-handle.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';
import { waitForState } from './resilience-support.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest', 'videoroom'], reclaimSessionTimeoutS: 10 });
});

afterAll(async () => {
  await server?.stop();
});

const wsPort = (url: string): number => Number(new URL(url).port);
const fast = { reconnect: true, requestTimeoutMs: 3000, connectTimeoutMs: 2000 } as const;

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

    /** How each request sent just before a cut ended, and whether that was before the link was back. */
    const inFlight: string[] = [];
    const queuedOutcomes: string[] = [];
    let eventsAfterClaim = 0;
    for (let cut = 1; cut <= 20; cut += 1) {
      // Requests in flight when the link goes: sent, and the link is cut in the same tick, so no reply can
      // have been read. Each must fail with DISCONNECTED at the cut, not later.
      let linkBack = false;
      const sent = [
        echo.message({ audio: false }),
        echo.message({ audio: false }),
        echo.message({ audio: false }),
        publisher.message({ request: 'listparticipants', room }),
      ].map((promise) =>
        promise.then(
          () => inFlight.push(`cut ${cut}: resolved`),
          (error: unknown) =>
            inFlight.push(
              `cut ${cut}: ${error instanceof JanusError ? error.code : String(error)} ${linkBack ? 'after' : 'before'} the link was back`,
            ),
        ),
      );
      const back = nextEvent(janus, 'reconnected', () => true, 10_000);
      const down = nextEvent(janus, 'reconnecting', () => true, 5000);
      proxy.cutAll();
      await down;
      // Made during the outage: it waits in the queue, goes out once the session is claimed, and is
      // answered before the next cut (the test waits for it: a request still in flight at the next cut
      // would rightly fail with DISCONNECTED, which is what made this test flaky).
      const madeAt = Date.now();
      const queued = echo.message({ audio: true }).then(
        (reply) => `resolved ${reply.data.result === 'ok' ? 'ok' : JSON.stringify(reply.data)}`,
        (error: unknown) =>
          `${(error as JanusError).code} '${(error as Error).message}' after ${Date.now() - madeAt} ms, ` +
          `connection ${janus.state}, session ${session.state}, handle ${echo.state}`,
      );
      await back;
      linkBack = true;
      await Promise.all(sent);
      queuedOutcomes.push(`cut ${cut}: ${await queued}`);
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
    const inFlightDisconnected = inFlight.filter((o) => o.endsWith('DISCONNECTED before the link was back'));
    const queuedResolved = queuedOutcomes.filter((o) => o.endsWith('resolved ok'));
    console.log(
      `cuts ${proxy.cuts}, claims ${reconnected.reduce((n, e) => n + e.claimed, 0)}, ` +
        `events after claim ${eventsAfterClaim}, in-flight ${inFlight.length}: DISCONNECTED before the link ` +
        `was back ${inFlightDisconnected.length}; made during the outage ${queuedOutcomes.length}: resolved ` +
        `${queuedResolved.length}`,
    );
    const others = (outcomes: string[], good: string[]) => outcomes.filter((o) => !good.includes(o));
    expect(others(queuedOutcomes, queuedResolved), 'queued requests that did not resolve').toEqual([]);
    expect(queuedResolved).toHaveLength(20);
    expect(others(inFlight, inFlightDisconnected), 'in-flight requests not failed at the cut').toEqual([]);
    expect(inFlightDisconnected).toHaveLength(80);
    expect(reconnected).toHaveLength(20);
    expect(reconnected.reduce((n, e) => n + e.claimed, 0)).toBe(20);
    expect(reconnected.every((e) => e.lost === 0 && e.recreated === 0)).toBe(true);
    expect(lost).toEqual([]);
    expect([publisher.id, echo.id]).toEqual(handleIds);
    expect([publisher.state, echo.state]).toEqual(['attached', 'attached']);
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
    // keepalive interval 600 ms + request timeout 400 ms: the dead link is found in ~1 s (the 5 s wait
    // above is the deadline). While the link is stalled nothing but a keepalive that times out can find it
    // dead: the loss it reports is that TIMEOUT, and the link is still stalled when it comes.
    const loss = await reconnecting;
    const detectedMs = Date.now() - started;
    expect(proxy.connections).toBeGreaterThan(0);
    expect((loss.error as JanusError).code).toBe('TIMEOUT');
    expect((loss.error as JanusError).message).toContain("'keepalive' request timed out");
    proxy.stall(false);
    proxy.cutAll(); // the stalled connection is dead anyway
    await reconnected;
    console.log(`stalled link detected by keepalive after ${detectedMs} ms`);
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await janus.close();
  });
});

describe('a request queued during an outage, with the reconnection slowed by the proxy', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy({ port: wsPort(server.wsUrl) });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  /** Connects through the proxy, with an EchoTest handle; the link is then cut and slowed by `delayMs`. */
  async function setUp(options: { connectTimeoutMs: number; requestTimeoutMs: number }) {
    proxy.delay(0);
    const janus = await connect(`ws://127.0.0.1:${proxy.port}`, { reconnect: true, ...options });
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    const states: string[] = [];
    janus.on('state', (state) => states.push(state));
    return { janus, session, echo, states };
  }

  /** Cuts the link and slows every byte of the reconnection by `delayMs` each way; resolves once it is down. */
  async function cutAndSlow(janus: JanusClient, delayMs: number): Promise<void> {
    const down = waitForState(janus, 'reconnecting', 5000);
    proxy.delay(delayMs);
    proxy.cutAll();
    await down;
  }

  it('survives a slow reconnection (~6 slowed round trips) and is answered after the claim', async () => {
    const { janus, session, echo, states } = await setUp({
      connectTimeoutMs: 10_000,
      requestTimeoutMs: 10_000,
    });
    try {
      const back = nextEvent(janus, 'reconnected', () => true, 15_000);
      await cutAndSlow(janus, 250);
      const outageAt = Date.now();
      let reconnectedAt = 0;
      void back.then(() => {
        reconnectedAt = Date.now();
      });
      const reply = await echo.message({ audio: true });
      const answeredAt = Date.now();
      await back;
      console.log(
        `slowed reconnection took ${reconnectedAt - outageAt} ms; the queued request was answered ` +
          `${answeredAt - outageAt} ms after the outage began`,
      );
      expect(reply.data.result).toBe('ok');
      // Order, not speed: the reconnection really was slow (at least the 4 slowed round trips of the
      // upgrade and the info handshake), and the request was answered only once the session was claimed.
      expect(reconnectedAt - outageAt).toBeGreaterThanOrEqual(4 * 250);
      expect(reconnectedAt).toBeGreaterThan(0);
      expect(answeredAt).toBeGreaterThanOrEqual(reconnectedAt);
      expect(states).toEqual(['reconnecting', 'connecting', 'handshaking', 'reclaiming', 'open']);
      expect(session.state).toBe('active');
    } finally {
      proxy.delay(0);
      await janus.close();
    }
  });

  it('survives a reconnection attempt that fails (its upgrade outlives connectTimeoutMs)', async () => {
    const { janus, echo, states } = await setUp({ connectTimeoutMs: 800, requestTimeoutMs: 10_000 });
    try {
      const secondAttempt = nextEvent(janus, 'reconnecting', (event) => event.attempt === 2, 10_000);
      const back = nextEvent(janus, 'reconnected', () => true, 15_000);
      // The WebSocket upgrade alone takes 2 × 500 ms > 800 ms: the first attempt times out.
      await cutAndSlow(janus, 500);
      const queued = echo.message({ audio: true });
      const attempt = await secondAttempt;
      proxy.delay(0);
      const reconnected = await back;
      expect(attempt.attempt).toBe(2);
      expect((attempt.error as JanusError).code).toBe('TIMEOUT');
      expect(reconnected.attempts).toBeGreaterThanOrEqual(2);
      expect((await queued).data.result).toBe('ok');
      expect(states.filter((state) => state === 'reconnecting').length).toBeGreaterThanOrEqual(2);
    } finally {
      proxy.delay(0);
      await janus.close();
    }
  });

  it('fails with TIMEOUT, while the link is still being restored, when its own deadline comes first', async () => {
    const { janus, echo } = await setUp({ connectTimeoutMs: 10_000, requestTimeoutMs: 10_000 });
    try {
      const back = nextEvent(janus, 'reconnected', () => true, 15_000);
      await cutAndSlow(janus, 250);
      let stateAtRejection = '';
      const error = await echo.message({ audio: true }, { timeoutMs: 300 }).catch((e: unknown) => {
        stateAtRejection = janus.state;
        return e;
      });
      expect(error).toBeInstanceOf(JanusError);
      expect((error as JanusError).code).toBe('TIMEOUT');
      expect((error as JanusError).message).toContain('timed out after 300 ms');
      expect(['reconnecting', 'connecting', 'handshaking', 'reclaiming']).toContain(stateAtRejection);
      await back;
      proxy.delay(0);
      // The link came back; the handle works and nothing is left waiting.
      expect((await echo.message({ audio: false })).data.result).toBe('ok');
      expect(janus.pendingRequests).toBe(0);
      expect(janus.queuedRequests).toBe(0);
    } finally {
      proxy.delay(0);
      await janus.close();
    }
  });
});

describe.each(['ws', 'http'] as const)('server killed with SIGKILL and restarted, over %s', (kind) => {
  it('the claim is refused: the app is told, a request queued for the lost session fails SESSION_LOST, and with recreate: true the session and handles are back', async () => {
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
    await waitForState(plain, 'reconnecting', 10_000);
    // Made during the outage for the session the server is about to forget: it waits in the queue, and
    // fails with its own code once the claim is refused.
    const queued = lostHandle.message({ audio: false }, { timeoutMs: 20_000 }).catch((e: unknown) => e);
    await server.janus?.restart();
    const queuedError = await queued;
    expect(queuedError).toBeInstanceOf(JanusError);
    expect((queuedError as JanusError).code).toBe('SESSION_LOST');
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
