/**
 * Where the full cycle's time goes, per client, for the "why does it miss" notes of the cycle figure:
 *
 *   npx tsx bench/tools/cycle-anatomy.ts [--cycles 3000] [--alloc-cycles 1500]
 *
 * One process, one private Janus, the raw `ws` client, janus-xstate (compiled, as the bench runs it) and
 * janode taking turns cycle by cycle (create → attach → message → detach → destroy, the order rotating).
 * Prints, per client:
 * - the cycle's deciles (ms) and its CPU per cycle, user and system apart (`process.cpuUsage()`);
 * - the bytes it allocates per cycle, collected or not (V8's sampling heap profiler with the objects
 *   that young- and old-generation collections freed; one client at a time, after the timed part);
 * - how its slow cycles (slowest 15 %) cluster: the chance that its next cycle is slow too, and that the
 *   raw client's cycle right after it is slow (both 0.15 if slow cycles were independent of time);
 * and, for janus-xstate, the mean time of each of the five steps in its middle-half cycles and in its
 * p85-p97 cycles. Asserts nothing.
 */
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { CLIENTS } from '../clients/index.js';
import { janusXstateApi } from '../clients/janus-xstate.js';
import type { BenchClient, ClientId } from '../clients/types.js';
import { startBenchJanus } from '../lib/janus.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '3000' },
    'alloc-cycles': { type: 'string', default: '1500' },
  },
});
const IDS: ClientId[] = ['raw-ws', 'janus-xstate-ws', 'janode'];
const STEPS = ['create', 'attach', 'message', 'detach', 'destroy'] as const;

interface Samples {
  ms: number[];
  userUs: number[];
  systemUs: number[];
}

const quantile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? Number.NaN;
const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Bytes allocated per cycle over `cycles` cycles of `client`, freed or not. */
async function allocatedPerCycle(session: Session, client: BenchClient, cycles: number): Promise<number> {
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as { samplingInterval: number });
  for (let i = 0; i < cycles; i++) await client.fullCycle();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  let bytes = 0;
  const walk = (node: { selfSize: number; children: unknown[] }): void => {
    bytes += node.selfSize;
    for (const child of node.children) walk(child as typeof node);
  };
  walk(profile.head as unknown as { selfSize: number; children: unknown[] });
  return bytes / cycles;
}

/** janus-xstate's cycle timed step by step, through its public API (for the step split). */
async function steppedCycle(api: typeof import('../../src/index.js'), url: string, cycles: number) {
  const janus = await api.connect(url);
  const steps: Record<(typeof STEPS)[number], number[]> = {
    create: [],
    attach: [],
    message: [],
    detach: [],
    destroy: [],
  };
  const totals: number[] = [];
  for (let i = 0; i < cycles; i++) {
    const t = [performance.now()];
    const session = await janus.createSession();
    t.push(performance.now());
    const handle = await session.attach('janus.plugin.echotest');
    t.push(performance.now());
    await handle.message({ audio: false });
    t.push(performance.now());
    await handle.detach();
    t.push(performance.now());
    await session.destroy();
    t.push(performance.now());
    STEPS.forEach((step, j) => {
      steps[step].push((t[j + 1] as number) - (t[j] as number));
    });
    totals.push((t[5] as number) - (t[0] as number));
  }
  await janus.close();
  return { steps, totals };
}

const server = await startBenchJanus();
try {
  const clients = new Map<ClientId, BenchClient>();
  for (const id of IDS) clients.set(id, await CLIENTS[id].connect(server.wsUrl));
  for (let i = 0; i < 500; i++) for (const client of clients.values()) await client.fullCycle();
  const samples = new Map<ClientId, Samples>(IDS.map((id) => [id, { ms: [], userUs: [], systemUs: [] }]));
  const cycles = Number(values.cycles);
  for (let i = 0; i < cycles; i++) {
    for (let j = 0; j < IDS.length; j++) {
      const id = IDS[(i + j) % IDS.length] as ClientId;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await clients.get(id)?.fullCycle();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const s = samples.get(id) as Samples;
      s.ms.push(ms);
      s.userUs.push(cpu.user);
      s.systemUs.push(cpu.system);
    }
  }
  const inspector = new Session();
  inspector.connect();
  const raw = samples.get('raw-ws') as Samples;
  const rawSlow = raw.ms.map((ms) => ms > quantile(raw.ms, 0.85));
  for (const id of IDS) {
    const s = samples.get(id) as Samples;
    const slow = s.ms.map((ms) => ms > quantile(s.ms, 0.85));
    let slowCount = 0;
    let nextSlow = 0;
    let rawAfterSlow = 0;
    for (let i = 0; i < slow.length - 1; i++) {
      if (!slow[i]) continue;
      slowCount++;
      if (slow[i + 1]) nextSlow++;
      if (rawSlow[id === 'raw-ws' ? i + 1 : i]) rawAfterSlow++;
    }
    const allocated = await allocatedPerCycle(
      inspector,
      clients.get(id) as BenchClient,
      Number(values['alloc-cycles']),
    );
    console.log(
      JSON.stringify({
        client: id,
        deciles: [0.1, 0.25, 0.5, 0.75, 0.85, 0.9, 0.95, 0.99].map((p) =>
          Number(quantile(s.ms, p).toFixed(3)),
        ),
        cpuUserUsPerCycle: Math.round(mean(s.userUs)),
        cpuSystemUsPerCycle: Math.round(mean(s.systemUs)),
        allocatedBytesPerCycle: Math.round(allocated),
        slowNextSlow: Number((nextSlow / slowCount).toFixed(2)),
        slowThenRawSlow: Number((rawAfterSlow / slowCount).toFixed(2)),
      }),
    );
  }
  inspector.disconnect();
  for (const client of clients.values()) await client.close();
  const api = await janusXstateApi();
  const { steps, totals } = await steppedCycle(api, server.wsUrl, cycles);
  const order = totals.map((ms, i) => [ms, i] as const).sort((a, b) => a[0] - b[0]);
  const pick = (from: number, to: number) =>
    order.slice(Math.floor(from * order.length), Math.floor(to * order.length)).map(([, i]) => i);
  const body = pick(0.25, 0.75);
  const tail = pick(0.85, 0.97);
  const at = (step: (typeof STEPS)[number], indexes: number[]) =>
    Number(mean(indexes.map((i) => steps[step][i] as number)).toFixed(3));
  console.log(
    JSON.stringify({
      client: 'janus-xstate-ws',
      stepMsMiddleHalf: Object.fromEntries(STEPS.map((step) => [step, at(step, body)])),
      stepMsP85toP97: Object.fromEntries(STEPS.map((step) => [step, at(step, tail)])),
    }),
  );
} finally {
  await server.stop();
}
