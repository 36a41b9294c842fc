/** Figure 1: sequential echotest `message` round trip, resolved on the asynchronous `event`. */
import { type BenchClient, type BenchPair, ECHO_BODY } from '../clients/types.js';
import { type Latency, latency } from '../lib/stats.js';
import { takeTurns } from '../lib/turns.js';

/** Warms a client up: `messages` sequential messages on `pair`, then `cycles` full cycles. */
export async function warmUp(client: BenchClient, pair: BenchPair, messages: number, cycles: number) {
  for (let i = 0; i < messages; i++) await pair.message(ECHO_BODY);
  for (let i = 0; i < cycles; i++) await client.fullCycle();
}

/** One round: `n` sequential messages on one pair; median and p90 of their round trips (ms). */
export async function roundTrip(pair: BenchPair, n: number): Promise<Latency> {
  const samples = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await pair.message(ECHO_BODY);
    samples[i] = performance.now() - t0;
  }
  return latency(samples);
}

/**
 * One round of `n` sequential messages per client, the clients taking turns message by message (A B C, then
 * B C A, ...), so that load drifting on the shared machine falls on every client alike; median and p90 of
 * each client's round trips (ms). A client whose message throws is reported through `onError` and leaves
 * the round.
 */
export async function roundTripInterleaved<TId extends string>(
  pairs: ReadonlyMap<TId, BenchPair>,
  n: number,
  onError: (id: TId, error: unknown) => void,
): Promise<Map<TId, Latency>> {
  const samples = await takeTurns(pairs, n, onError, async (pair) => {
    const t0 = performance.now();
    await pair.message(ECHO_BODY);
    return performance.now() - t0;
  });
  return new Map([...samples].map(([id, s]) => [id, latency(s)]));
}
