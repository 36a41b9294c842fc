/**
 * Runs one figure's work on one client in its own process, for profiling:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/tools/workload.ts \
 *     --client janus-xstate-ws --work cycle --count 3000
 *   npx tsx bench/tools/profile-summary.ts "$(ls -S /tmp/prof/*.cpuprofile | head -1)" 30
 *
 * Starts its own private Janus; `--work` is `rtt` (sequential messages), `throughput` (64 in flight) or
 * `cycle` (create → attach → message → detach → destroy). Prints the elapsed time; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { CLIENTS } from '../clients/index.js';
import type { ClientId } from '../clients/types.js';
import { fullCycle } from '../figures/cycle.js';
import { roundTrip, warmUp } from '../figures/round-trip.js';
import { throughput } from '../figures/throughput.js';
import { startBenchJanus } from '../lib/janus.js';

const { values } = parseArgs({
  options: {
    client: { type: 'string', default: 'janus-xstate-ws' },
    work: { type: 'string', default: 'rtt' },
    count: { type: 'string', default: '5000' },
  },
});
const id = values.client as ClientId;
const spec = CLIENTS[id];
if (!spec) throw new Error(`unknown client ${values.client}`);
const count = Number(values.count);
const janus = await startBenchJanus();
try {
  const client = await spec.connect(spec.transport === 'ws' ? janus.wsUrl : janus.httpUrl);
  const pair = await client.openPair();
  await warmUp(client, pair, 200, 10);
  const t0 = performance.now();
  let result: unknown;
  if (values.work === 'rtt') result = await roundTrip(pair, count);
  else if (values.work === 'throughput') result = `${Math.round(await throughput(pair, count, 64))} req/s`;
  else if (values.work === 'cycle') result = await fullCycle(client, count);
  else throw new Error(`unknown work ${values.work}`);
  console.log(`${id} ${values.work} × ${count}: ${Math.round(performance.now() - t0)} ms`, result);
  await pair.close();
  await client.close();
} finally {
  await janus.stop();
}
