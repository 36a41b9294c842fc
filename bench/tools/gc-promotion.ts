/**
 * How much of each client's full cycle (create → attach → message → detach → destroy) outlives the
 * young generation, for the "where does the full cycle's time go" notes:
 *
 *   npx tsx bench/tools/gc-promotion.ts [--cycles 2000] [--clients raw-ws,janus-xstate-ws,janode]
 *
 * Each client runs in a child `node --expose-gc` with its own private Janus, twice: with V8's defaults,
 * and with `--no-allocation-site-pretenuring` (V8 then never allocates an object literal directly in the
 * old generation because earlier objects from the same literal survived). Each child reports:
 * - `promotedPerCycle`: bytes the old generation grew by over one cycle followed by two young-generation
 *   collections (median of 200 cycles): what the cycle left that a scavenge could not free, although the
 *   cycle's objects are all unreachable by then;
 * - `scavengeMsPerCycle` / `markCompactMsPerCycle`: GC time (`PerformanceObserver` `gc` entries) over
 *   `--cycles` cycles run back to back with no forced collection, divided by the cycles.
 *
 * Prints one JSON line per client and mode; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
import { CLIENTS } from '../clients/index.js';
import type { ClientId } from '../clients/types.js';
import { startBenchJanus } from '../lib/janus.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '2000' },
    clients: { type: 'string', default: 'raw-ws,janus-xstate-ws,janode' },
    // Internal: set in the child.
    child: { type: 'string' },
  },
});

type Gc = (options?: { type: 'minor' | 'major' }) => void;

function oldSpaceUsed(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function child(id: ClientId, cycles: number): Promise<void> {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (!gc) throw new Error('run the child with --expose-gc');
  const spec = CLIENTS[id];
  const janus = await startBenchJanus();
  try {
    const client = await spec.connect(janus.wsUrl);
    for (let i = 0; i < 300; i++) await client.fullCycle();
    // Free-running: GC time per cycle, with whatever pretenuring decisions V8 makes on its own.
    let scavengeMs = 0;
    let markCompactMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
        // perf_hooks constants: NODE_PERFORMANCE_GC_MINOR = 1, NODE_PERFORMANCE_GC_MAJOR = 4.
        if (kind === 1) scavengeMs += entry.duration;
        else if (kind === 4) markCompactMs += entry.duration;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    for (let i = 0; i < cycles; i++) await client.fullCycle();
    await nextTurn();
    observer.disconnect();
    // One cycle at a time, each followed by two scavenges: what it left in the old generation.
    gc();
    gc();
    const promoted: number[] = [];
    for (let i = 0; i < 200; i++) {
      await nextTurn();
      gc({ type: 'minor' });
      gc({ type: 'minor' });
      const before = oldSpaceUsed();
      await client.fullCycle();
      await nextTurn();
      gc({ type: 'minor' });
      gc({ type: 'minor' });
      promoted.push(oldSpaceUsed() - before);
    }
    await client.close();
    console.log(
      JSON.stringify({
        client: id,
        pretenuring: !process.execArgv.includes('--no-allocation-site-pretenuring'),
        promotedPerCycle: median(promoted),
        scavengeMsPerCycle: Number((scavengeMs / cycles).toFixed(4)),
        markCompactMsPerCycle: Number((markCompactMs / cycles).toFixed(4)),
      }),
    );
  } finally {
    await janus.stop();
  }
}

if (values.child) {
  await child(values.child as ClientId, Number(values.cycles));
  process.exit(0);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const id of values.clients.split(',')) {
    for (const flags of [[], ['--no-allocation-site-pretenuring']]) {
      const run = spawnSync(
        process.execPath,
        [...flags, '--expose-gc', '--import', 'tsx', self, '--child', id, '--cycles', values.cycles],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      if (run.status !== 0) throw new Error(`${id} child exited ${run.status}`);
      process.stdout.write(
        run.stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .join('\n') + '\n',
      );
    }
  }
}
