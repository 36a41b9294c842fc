/**
 * Child process of the leak test (run with `--expose-gc`): N create → attach → detach → destroy cycles
 * against the URL in argv[2]; prints the heap after GC before and after as one JSON line, then closes
 * the client and prints `closed <ms since epoch>`; nothing else ends the process.
 */
import { getHeapSnapshot } from 'node:v8';
import { connect } from '../../src/index.js';

const [url, countText = '5000', warmupText = '300'] = process.argv.slice(2);
if (!url) throw new Error('usage: leak-cycles.ts URL [COUNT] [WARMUP]');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/**
 * Heap in use after full collections. A heap snapshot (discarded) is taken first: it forces the most
 * thorough collection V8 has (plain `gc()` leaves JIT feedback and fragmentation that grow with the
 * number of calls, not with what the program holds).
 */
async function settledHeap(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const stream = getHeapSnapshot();
  for await (const _chunk of stream) {
    // discarded
  }
  for (let i = 0; i < 4; i += 1) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

const janus = await connect(url, { keepaliveMs: false });
async function cycle(): Promise<void> {
  const session = await janus.createSession();
  const handle = await session.attach('janus.plugin.echotest');
  await handle.detach();
  await session.destroy();
}
for (let i = 0; i < Number(warmupText); i += 1) await cycle();
const before = await settledHeap();
const started = Date.now();
for (let i = 0; i < Number(countText); i += 1) await cycle();
const elapsedMs = Date.now() - started;
const after = await settledHeap();
process.stdout.write(
  `${JSON.stringify({ cycles: Number(countText), before, after, elapsedMs, pending: janus.pendingRequests, sessions: janus.sessions.length })}\n`,
);
await janus.close();
process.stdout.write(`closed ${Date.now()}\n`);
