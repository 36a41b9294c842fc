/**
 * What `inspect` costs per session+handle: creates `--pairs` pairs (64 in flight) with `inspect` off, then
 * on (a no-op inspector: every actor resident, under its parent), in fresh connections to one private
 * Janus, and prints ms and heap KB per pair for each. Asserts nothing.
 *
 *   node --expose-gc --import tsx bench/tools/inspect-cost.ts --pairs 2000
 */
import { parseArgs } from 'node:util';
import { connect, type JanusSession, type PluginHandle } from '../../src/index.js';
import { settle } from '../lib/gc.js';
import { startBenchJanus } from '../lib/janus.js';

const { values } = parseArgs({ options: { pairs: { type: 'string', default: '2000' } } });
const pairs = Number(values.pairs);
const janus = await startBenchJanus();
try {
  for (const inspected of [false, true, false, true]) {
    const client = await connect(janus.wsUrl, inspected ? { inspect: () => {} } : {});
    await settle(4);
    const heap0 = process.memoryUsage().heapUsed;
    const held: Array<[JanusSession, PluginHandle]> = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < pairs) {
          next += 1;
          const session = await client.createSession();
          held.push([session, await session.attach('janus.plugin.echotest')]);
        }
      }),
    );
    const ms = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settle(6);
    const heap = process.memoryUsage().heapUsed - heap0;
    console.log(
      `inspect ${inspected ? 'on ' : 'off'}: ${(ms / pairs).toFixed(3)} ms/pair, ${(heap / pairs / 1024).toFixed(2)} KB/pair`,
    );
    await client.close();
    held.length = 0;
  }
} finally {
  await janus.stop();
}
