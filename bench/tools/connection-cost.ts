/**
 * What a connection costs, per client: the heap an idle connection holds and the time from the call to
 * a usable connection.
 *
 *   npx tsx bench/tools/connection-cost.ts [--connections 100] [--connects 300]
 *
 * Per client (the raw `ws` client, janus-xstate compiled as the bench runs it, janode), in a child
 * `node --expose-gc` of its own with a private Janus: `--connections` connections opened and kept idle, heap used (after two full collections) minus the
 * baseline, divided by their number; then `--connects` sequential connect → close, the median time to a
 * usable connection (after 20 unmeasured). Prints one JSON line per client; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLIENTS } from '../clients/index.js';
import type { BenchClient, ClientId } from '../clients/types.js';
import { startBenchJanus } from '../lib/janus.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    connects: { type: 'string', default: '300' },
    // Internal: set in the child.
    child: { type: 'string' },
  },
});

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function child(id: ClientId): Promise<void> {
  const fullGc = (globalThis as { gc?: () => void }).gc;
  if (!fullGc) throw new Error('the child runs with --expose-gc');
  const server = await startBenchJanus();
  try {
    const open = () => CLIENTS[id].connect(server.wsUrl);
    // Warm: the first connection loads and builds what every later one shares.
    await (await open()).close();
    // The warm-up connection's socket finishes closing in the background: let it, then collect.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    fullGc();
    fullGc();
    const baseline = process.memoryUsage().heapUsed;
    const idle: BenchClient[] = [];
    for (let i = 0; i < Number(values.connections); i++) idle.push(await open());
    fullGc();
    fullGc();
    const heapPerConnection = (process.memoryUsage().heapUsed - baseline) / idle.length;
    for (const client of idle) await client.close();
    const times: number[] = [];
    for (let i = 0; i < Number(values.connects) + 20; i++) {
      const started = performance.now();
      const client = await open();
      if (i >= 20) times.push(performance.now() - started);
      await client.close();
    }
    console.log(
      JSON.stringify({
        client: id,
        heapKBPerIdleConnection: Math.round(heapPerConnection / 102.4) / 10,
        connectMedianMs: Math.round(median(times) * 100) / 100,
      }),
    );
  } finally {
    await server.stop();
  }
}

if (values.child) await child(values.child as ClientId);
else {
  for (const id of ['raw-ws', 'janus-xstate-ws', 'janode'] as ClientId[]) {
    const run = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        id,
        '--connections',
        String(values.connections),
        '--connects',
        String(values.connects),
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`${id}: child exited ${run.status}`);
  }
}
