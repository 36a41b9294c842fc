/** Access to the garbage collector without `--expose-gc` on the command line. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let cached: (() => void) | undefined;

/** Returns a function that runs a full garbage collection. */
export function getGc(): () => void {
  if (cached) return cached;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) {
    cached = existing;
  } else {
    setFlagsFromString('--expose-gc');
    cached = runInNewContext('gc') as () => void;
  }
  return cached;
}

/** Collects garbage `times` times, letting pending callbacks and finalizers run in between. */
export async function settle(times = 3): Promise<void> {
  const gc = getGc();
  for (let i = 0; i < times; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
