/** Figure 2: pipelined throughput, `total` messages with `inFlight` outstanding on one handle. */
import { type BenchPair, ECHO_BODY } from '../clients/types.js';

/** One round; returns requests per second. */
export async function throughput(pair: BenchPair, total: number, inFlight: number): Promise<number> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started++;
      await pair.message(ECHO_BODY);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return total / ((performance.now() - t0) / 1000);
}
