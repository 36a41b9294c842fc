/**
 * The proxy drops the connection at a random point of 100 request sequences (create → attach → message
 * → detach → destroy): every promise settles (resolved, or rejected with a typed JanusError), none hangs,
 * and nothing escapes as an unhandled rejection or an uncaught exception.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, JanusError } from '../../src/index.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { waitForState } from './resilience-support.js';

let server: TestServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  server = await getTestServer({ plugins: ['echotest'], reclaimSessionTimeoutS: 5 });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await server?.stop();
});

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEQUENCES = 100;
const HANG_MS = 8000;

describe.each([
  { kind: 'ws', point: (r: () => number) => ({ frames: 1 + Math.floor(r() * 8) }) },
  { kind: 'http', point: (r: () => number) => ({ bytes: 1 + Math.floor(r() * 3000) }) },
] as const)('random drops over $kind', ({ kind, point }) => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    const target = new URL(kind === 'ws' ? server.wsUrl : server.httpUrl);
    proxy = await startTcpProxy({ port: Number(target.port) });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it(`every promise of ${SEQUENCES} sequences settles, typed, none hangs`, async () => {
    const seed = Number(process.env.DROP_SEED ?? Date.now() % 100_000);
    const random = prng(seed);
    const url = kind === 'ws' ? `ws://127.0.0.1:${proxy.port}` : `http://127.0.0.1:${proxy.port}/janus`;
    const janus = await connect(url, { requestTimeoutMs: 2000, connectTimeoutMs: 2000, keepaliveMs: false });
    const counts = { resolved: 0, typed: 0, other: 0, hung: 0, completed: 0 };
    const codes = new Map<string, number>();
    for (let i = 0; i < SEQUENCES; i += 1) {
      await waitForState(janus, 'open', 10_000);
      proxy.dropAfter(point(random));
      const steps: Promise<unknown>[] = [];
      const run = async (): Promise<void> => {
        const session = await record(janus.createSession());
        const echo = await record(session.attach('janus.plugin.echotest'));
        await record(echo.message({ audio: false }));
        await record(echo.detach());
        await record(session.destroy());
        counts.completed += 1;
      };
      function record<T>(promise: Promise<T>): Promise<T> {
        steps.push(promise);
        return promise;
      }
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<'hung'>((resolve) => {
        timer = setTimeout(() => resolve('hung'), HANG_MS);
      });
      const outcome = await Promise.race([
        run().then(
          () => 'done',
          () => 'failed',
        ),
        hang,
      ]);
      clearTimeout(timer);
      if (outcome === 'hung') counts.hung += 1;
      for (const result of await Promise.allSettled(steps)) {
        if (result.status === 'fulfilled') counts.resolved += 1;
        else if (result.reason instanceof JanusError) {
          counts.typed += 1;
          codes.set(result.reason.code, (codes.get(result.reason.code) ?? 0) + 1);
        } else counts.other += 1;
      }
    }
    proxy.dropAfter({ bytes: Number.MAX_SAFE_INTEGER });
    await janus.close();
    console.log(
      `${kind} seed ${seed}: ${SEQUENCES} sequences, ${counts.completed} completed, cuts ${proxy.cuts}, ` +
        `promises resolved ${counts.resolved}, rejected typed ${counts.typed} ` +
        `(${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}), other ${counts.other}, hung ${counts.hung}, ` +
        `unhandled ${unhandled.length}, pending after close ${janus.pendingRequests}`,
    );
    expect(counts.hung).toBe(0);
    expect(counts.other).toBe(0);
    expect(proxy.cuts).toBeGreaterThan(SEQUENCES / 2);
    expect(unhandled).toEqual([]);
    expect(janus.pendingRequests).toBe(0);
  });
});
