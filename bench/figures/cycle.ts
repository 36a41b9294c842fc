/** Figure 3: create → attach → message → detach → destroy. */
import type { BenchClient } from '../clients/types.js';
import { type Latency, latency } from '../lib/stats.js';

/** One round of `n` sequential full cycles; median and p90 (ms). */
export async function fullCycle(client: BenchClient, n: number): Promise<Latency> {
  const samples = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await client.fullCycle();
    samples[i] = performance.now() - t0;
  }
  return latency(samples);
}
