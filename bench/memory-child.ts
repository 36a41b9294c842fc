/**
 * Memory and idle-cost child: one fresh process per client and count. Run as
 * `node --expose-gc --import tsx bench/memory-child.ts --client janus-xstate-ws --sessions 10000
 * --idle-ms 60000 [--url ws://127.0.0.1:PORT] [--heap-snapshot FILE] [--cpu-prof-idle FILE]`. Without
 * `--url` it starts its own private Janus; `--heap-snapshot FILE` writes V8 heap snapshots at the baseline,
 * `FILE.base.heapsnapshot`, and right after the memory measurement, `FILE`, for
 * `bench/tools/profile-summary.ts --base`; `--cpu-prof-idle FILE.cpuprofile` profiles the idle window only;
 * `--create-budget-ms` stops starting sessions after that long (then `sessions` < `requestedSessions`).
 *
 * Connects, collects garbage, takes the baseline, creates `sessions` sessions each with one attached
 * echotest handle (64 in flight, all over one connection), collects garbage several times and measures
 * heap and RSS again. With `--idle-ms`, then measures the CPU the idle process uses (keepalives) over that
 * window, counting the keepalive requests and WebSocket pings it sends. Reports over IPC when forked,
 * otherwise prints JSON.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { WebSocket as UndiciWebSocket } from 'undici';
import WebSocket from 'ws';
import { CLIENTS } from './clients/index.js';
import type { BenchPair, ClientId } from './clients/types.js';
import type { ChildResult } from './lib/child.js';
import { settle } from './lib/gc.js';
import { type BenchJanus, startBenchJanus } from './lib/janus.js';

let keepalives = 0;
let pings = 0;

/** Counts keepalive requests and pings on every WebSocket implementation a client may use. */
function countWebSocketTraffic(): void {
  for (const proto of [WebSocket.prototype, UndiciWebSocket.prototype] as unknown as Array<{
    send(data: unknown, ...rest: unknown[]): unknown;
    ping?(...rest: unknown[]): unknown;
  }>) {
    const send = proto.send;
    proto.send = function (this: unknown, data: unknown, ...rest: unknown[]) {
      if (typeof data === 'string' && data.includes('"keepalive"')) keepalives++;
      return send.call(this, data, ...rest);
    };
    const ping = proto.ping;
    if (ping) {
      proto.ping = function (this: unknown, ...rest: unknown[]) {
        pings++;
        return ping.apply(this, rest);
      };
    }
  }
}

/** Starts the V8 CPU profiler in this process (for `--cpu-prof-idle`: the idle window only). */
async function startProfiler(): Promise<{ stop(): Promise<object> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) =>
      session.post(method, params ?? {}, (err, result) =>
        err ? reject(err) : resolve((result ?? {}) as Record<string, unknown>),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      return profile as object;
    },
  };
}

/** Tells the parent how far the child got (shown if the child is killed for taking too long). */
function progress(what: string): void {
  if (process.send) process.send({ progress: what });
  else console.error(`[memory-child] ${what}`);
}

function memory(): { heapUsed: number; rss: number } {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}

async function main(): Promise<ChildResult> {
  const { values } = parseArgs({
    options: {
      client: { type: 'string' },
      url: { type: 'string' },
      sessions: { type: 'string', default: '5000' },
      'idle-ms': { type: 'string', default: '0' },
      'heap-snapshot': { type: 'string' },
      'cpu-prof-idle': { type: 'string' },
      'create-budget-ms': { type: 'string' },
    },
  });
  const id = values.client as ClientId;
  const spec = CLIENTS[id];
  if (!spec) throw new Error(`unknown client ${values.client}`);
  const requested = Number(values.sessions);
  const budgetMs = values['create-budget-ms'] ? Number(values['create-budget-ms']) : Number.POSITIVE_INFINITY;
  const idleMs = Number(values['idle-ms']);
  let janus: BenchJanus | undefined;
  let url = values.url;
  if (!url) {
    janus = await startBenchJanus();
    url = spec.transport === 'ws' ? janus.wsUrl : janus.httpUrl;
  }
  countWebSocketTraffic();
  const client = await spec.connect(url);
  await sleep(100);
  await settle(4);
  const baseline = memory();
  if (values['heap-snapshot']) {
    writeHeapSnapshot(values['heap-snapshot'].replace(/(\.heapsnapshot)?$/, '.base.heapsnapshot'));
    await settle(2);
  }

  const pairs: BenchPair[] = [];
  let next = 0;
  const chunk = Math.max(1, Math.min(1000, Math.floor(requested / 10)));
  /** When the n-th pair (1-based) was done, for the first and last chunks' ms per pair. */
  const createdAt: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      // Past the budget no new session is started: memory and idle are then measured with what exists.
      while (next < requested && performance.now() - t0 < budgetMs) {
        next++;
        pairs.push(await client.openPair());
        createdAt.push(performance.now());
        if (pairs.length % 1000 === 0) progress(`${pairs.length} of ${requested} sessions created`);
      }
    }),
  );
  const createMs = performance.now() - t0;
  const createScale = chunkScale(t0, createdAt, chunk);
  const sessions = pairs.length;
  progress(`${sessions} of ${requested} sessions created in ${Math.round(createMs)} ms`);
  await sleep(500);
  await settle(6);
  const after = memory();
  progress('memory measured');
  if (values['heap-snapshot']) writeHeapSnapshot(values['heap-snapshot']);

  const result: ChildResult = {
    client: id,
    sessions,
    requestedSessions: requested,
    ...(Number.isFinite(budgetMs) ? { createBudgetMs: budgetMs } : {}),
    createMs,
    ...(createScale ? { createScale } : {}),
    baseline,
    after,
    heapPerPair: (after.heapUsed - baseline.heapUsed) / sessions,
    rssPerPair: (after.rss - baseline.rss) / sessions,
    keepalive: client.keepalive,
  };

  if (idleMs > 0) {
    // Let V8's after-burst work (memory reducer GCs, concurrent compilation) pass before the window.
    await sleep(Math.min(3000, idleMs / 10));
    keepalives = 0;
    pings = 0;
    const profiler = values['cpu-prof-idle'] ? await startProfiler() : undefined;
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    await sleep(idleMs);
    const cpu = process.cpuUsage(cpu0);
    const windowMs = performance.now() - w0;
    if (profiler) writeFileSync(values['cpu-prof-idle']!, JSON.stringify(await profiler.stop()));
    const cpuMs = (cpu.user + cpu.system) / 1000;
    result.idle = {
      windowMs,
      cpuMs,
      cpuPercent: (cpuMs / windowMs) * 100,
      keepalives: spec.transport === 'ws' ? keepalives : -1,
      pings,
    };
  }
  // Report the memory and idle figures first: if destroying takes past the parent's cap, they stand.
  await report({ result });
  // Destroy every pair (64 in flight), timed like the creation.
  progress('destroying');
  const destroyedAt: number[] = [];
  const d0 = performance.now();
  let cursor = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (cursor < pairs.length) {
        const pair = pairs[cursor++] as BenchPair;
        await pair.close().catch(() => {});
        destroyedAt.push(performance.now());
      }
    }),
  );
  const destroyScale = chunkScale(d0, destroyedAt, chunk);
  if (destroyScale) result.destroy = { ms: performance.now() - d0, ...destroyScale };
  await report({ result });
  progress('closing');
  await Promise.race([client.close().catch(() => {}), sleep(5000)]);
  await janus?.stop();
  return result;
}

/** ms per pair over the first and the last `chunk` completions (none when fewer than two chunks). */
function chunkScale(
  start: number,
  doneAt: readonly number[],
  chunk: number,
): { chunk: number; firstMsPerPair: number; lastMsPerPair: number } | undefined {
  if (doneAt.length < 2 * chunk) return undefined;
  const first = (doneAt[chunk - 1] as number) - start;
  const last = (doneAt[doneAt.length - 1] as number) - (doneAt[doneAt.length - 1 - chunk] as number);
  return { chunk, firstMsPerPair: first / chunk, lastMsPerPair: last / chunk };
}

/** Sends a message to the parent (or prints it when run by hand); resolves once it is out. */
function report(message: { result?: ChildResult; error?: string }): Promise<void> {
  if (process.send) {
    return new Promise((resolve) => process.send!(message, () => resolve()));
  }
  if (message.result) console.log(JSON.stringify(message.result, null, 2));
  if (message.error) console.error(message.error);
  return Promise.resolve();
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    await report({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);
