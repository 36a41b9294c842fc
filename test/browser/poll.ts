/**
 * Polling a page (or anything) until a condition holds, with a deadline.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `read` every `intervalMs` (default 100) until `accept` holds, then returns that value; after
 * `timeoutMs` returns the last value read, for the test's assertion to show.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await sleep(intervalMs);
    value = await read();
  }
  return value;
}
