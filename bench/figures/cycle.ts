/**
 * Figure 3: create → attach → message → detach → destroy.
 *
 * The clients take turns cycle by cycle (A B C B C A C A B ...: each cycle of the round goes to every
 * client, the order rotating), so that a load spike on the shared machine, which lasts longer than a few
 * cycles, falls on every client alike instead of on one client's block of cycles.
 */
import type { BenchClient } from '../clients/types.js';
import { type Latency, latency, median } from '../lib/stats.js';
import { takeTurns } from '../lib/turns.js';

/** One client's round of full cycles: wall-clock latency, and this process's CPU time per cycle. */
export interface CycleRound extends Latency {
  /**
   * Median over the round's cycles of `process.cpuUsage()` (user + system, µs) spent from the call to the
   * resolution: the client's own work (and its share of the event loop and of the socket syscalls),
   * without Janus's. Valid because every client runs in this one process, one cycle at a time.
   */
  cpuUs: number;
}

function cpuNowUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** One round of `n` sequential full cycles on one client; median and p90 (ms). */
export async function fullCycle(client: BenchClient, n: number): Promise<Latency> {
  const samples = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await client.fullCycle();
    samples[i] = performance.now() - t0;
  }
  return latency(samples);
}

/**
 * One round of `n` full cycles per client, the clients taking turns cycle by cycle; median and p90 (ms)
 * and median CPU time (µs) per client. A client whose cycle throws is reported through `onError` and
 * leaves the round.
 */
export async function fullCycleInterleaved<TId extends string>(
  clients: ReadonlyMap<TId, BenchClient>,
  n: number,
  onError: (id: TId, error: unknown) => void,
): Promise<Map<TId, CycleRound>> {
  const cycles = await takeTurns(clients, n, onError, async (client) => {
    const cpu0 = cpuNowUs();
    const t0 = performance.now();
    await client.fullCycle();
    return { ms: performance.now() - t0, cpuUs: cpuNowUs() - cpu0 };
  });
  const out = new Map<TId, CycleRound>();
  for (const [id, c] of cycles) {
    if (c.length > 0) out.set(id, { ...latency(c.map((x) => x.ms)), cpuUs: median(c.map((x) => x.cpuUs)) });
  }
  return out;
}
