/**
 * The proxy drops the connection at a random point of 100 request sequences (create → attach → message
 * → detach → destroy), for each of a fixed list of seeds: every promise settles (resolved, or rejected
 * with a typed JanusError) within its step's deadline, none waits for its own timeout, and nothing escapes
 * as an unhandled rejection or an uncaught exception.
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
/**
 * Fixed seeds, so every run replays the same drop points: 222, 44444 and 6789 once left HTTP requests
 * waiting for their whole timeout (the long-poll that carried their answer was cut, and each cut left
 * dead long-polls in Janus until its connection limit was full). `DROP_SEED` adds one more.
 */
const SEEDS = [222, 44444, 6789, 1, 31337, ...(process.env.DROP_SEED ? [Number(process.env.DROP_SEED)] : [])];
/** Each request's own deadline; a cut must fail it long before that. */
const REQUEST_TIMEOUT_MS = 4000;
/** A step still pending this long after it started is counted as hung (twice its request deadline). */
const STEP_DEADLINE_MS = 2 * REQUEST_TIMEOUT_MS;

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

  it.each(SEEDS)(
    `seed %i: every promise of ${SEQUENCES} sequences settles, typed, none hangs, none waits for its timeout`,
    async (seed) => {
      const random = prng(seed);
      const url = kind === 'ws' ? `ws://127.0.0.1:${proxy.port}` : `http://127.0.0.1:${proxy.port}/janus`;
      const janus = await connect(url, {
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        connectTimeoutMs: 2000,
        keepaliveMs: false,
      });
      const cutsBefore = proxy.cuts;
      const unhandledBefore = unhandled.length;
      const counts = { resolved: 0, typed: 0, other: 0, hung: 0, completed: 0 };
      const codes = new Map<string, number>();
      const hung: string[] = [];
      /** Waits for one step up to its deadline; a step that misses it is counted as hung. */
      async function step<T>(sequence: number, name: string, promise: Promise<T>): Promise<T> {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'hung'>((resolve) => {
          timer = setTimeout(() => resolve('hung'), STEP_DEADLINE_MS);
        });
        const outcome = await Promise.race([
          promise.then(
            (value) => ({ status: 'fulfilled', value }) as const,
            (reason: unknown) => ({ status: 'rejected', reason }) as const,
          ),
          deadline,
        ]);
        clearTimeout(timer);
        if (outcome === 'hung') {
          counts.hung += 1;
          hung.push(`sequence ${sequence} ${name}`);
          promise.catch(() => {}); // it may still settle (at close); that is not an unhandled rejection
          throw new Error('hung');
        }
        if (outcome.status === 'fulfilled') {
          counts.resolved += 1;
          return outcome.value;
        }
        if (outcome.reason instanceof JanusError) {
          counts.typed += 1;
          codes.set(outcome.reason.code, (codes.get(outcome.reason.code) ?? 0) + 1);
        } else counts.other += 1;
        throw outcome.reason;
      }
      for (let i = 0; i < SEQUENCES; i += 1) {
        await waitForState(janus, 'open', 10_000);
        proxy.dropAfter(point(random));
        try {
          const session = await step(i, 'createSession', janus.createSession());
          const echo = await step(i, 'attach', session.attach('janus.plugin.echotest'));
          await step(i, 'message', echo.message({ audio: false }));
          await step(i, 'detach', echo.detach());
          await step(i, 'destroy', session.destroy());
          counts.completed += 1;
        } catch {
          // counted by step()
        }
        if (counts.hung > 0) break; // reported below, with the sequence and the step
      }
      proxy.dropAfter({ bytes: Number.MAX_SAFE_INTEGER });
      await janus.close();
      const cuts = proxy.cuts - cutsBefore;
      const summary =
        `${kind} seed ${seed}: ${SEQUENCES} sequences, ${counts.completed} completed, cuts ${cuts}, ` +
        `promises resolved ${counts.resolved}, rejected typed ${counts.typed} ` +
        `(${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}), other ${counts.other}, hung ${counts.hung}` +
        `${hung.length > 0 ? ` (${hung.join('; ')})` : ''}, unhandled ${unhandled.length - unhandledBefore}, ` +
        `pending after close ${janus.pendingRequests}`;
      console.log(summary);
      expect(counts.hung, summary).toBe(0);
      expect(counts.other, summary).toBe(0);
      // The server stays responsive: a cut fails the requests it touches at once (DISCONNECTED), none is left
      // to wait for its deadline.
      expect(codes.get('TIMEOUT') ?? 0, summary).toBe(0);
      expect(cuts, summary).toBeGreaterThan(SEQUENCES / 2);
      expect(unhandled.slice(unhandledBefore), summary).toEqual([]);
      expect(janus.pendingRequests, summary).toBe(0);
    },
  );
});
