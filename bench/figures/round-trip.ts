/** Figure 1: sequential echotest `message` round trip, resolved on the asynchronous `event`. */
import { type BenchClient, type BenchPair, ECHO_BODY } from '../clients/types.js';
import { type Latency, latency } from '../lib/stats.js';

/** Warms a client up: `messages` sequential messages on `pair`, then `cycles` full cycles. */
export async function warmUp(client: BenchClient, pair: BenchPair, messages: number, cycles: number) {
  for (let i = 0; i < messages; i++) await pair.message(ECHO_BODY);
  for (let i = 0; i < cycles; i++) await client.fullCycle();
}

/** One round: `n` sequential messages; median and p90 of their round trips (ms). */
export async function roundTrip(pair: BenchPair, n: number): Promise<Latency> {
  const samples = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await pair.message(ECHO_BODY);
    samples[i] = performance.now() - t0;
  }
  return latency(samples);
}
