/**
 * The one way janus-xstate waits for something: a promise settled by whatever it waits for, by its
 * deadline (`TIMEOUT`), or by the caller's `AbortSignal`, with every timer and listener released the
 * moment it settles. An already-aborted signal rejects at once.
 * @module
 */
import { JanusError } from '../errors.js';
import { abortReason, type CallOptions } from './abort.js';

/** How a wait ends from the inside: what {@link withDeadline}'s `start` is given. */
export interface DeadlineSettle<T> {
  /** Resolves the wait (later calls are ignored). */
  resolve(value: T): void;
  /** Rejects the wait (later calls are ignored). */
  reject(error: unknown): void;
}

/** Options of {@link withDeadline}: the caller's `signal`/`timeoutMs` plus what to do without them. */
export interface DeadlineOptions extends CallOptions {
  /** The deadline when `timeoutMs` is not given. Default: none (waits until settled or aborted). */
  defaultTimeoutMs?: number | undefined;
  /** The error an abort rejects with. Default: the signal's reason. */
  abortError?: (() => unknown) | undefined;
}

/**
 * Waits for `start` to settle, for at most `timeoutMs` (or `defaultTimeoutMs`; 0 or `Infinity` waits
 * forever) and until `signal` aborts. `start` registers its listeners and returns the function that
 * removes them; it runs once the deadline and the abort listener are in place, and its cleanup runs
 * exactly once, however the wait ends.
 *
 * Rejects with a `TIMEOUT` {@link JanusError} naming `what`, or with the signal's reason (or
 * `abortError()`) when aborted.
 *
 * @param what - names the wait in the timeout error, e.g. `webrtcup`
 * @param options - `signal`, `timeoutMs` and the defaults
 * @param start - begins waiting; returns its cleanup
 */
export function withDeadline<T>(
  what: string,
  options: DeadlineOptions,
  start: (settle: DeadlineSettle<T>) => (() => void) | undefined,
): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(options.abortError?.() ?? abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let started = false;
    let cleanup: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (complete: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (started) cleanup?.();
      complete();
    };
    const onAbort = (): void =>
      finish(() => reject(options.abortError?.() ?? abortReason(signal as AbortSignal)));
    const timeoutMs = options.timeoutMs ?? options.defaultTimeoutMs;
    if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = setTimeout(
        () => finish(() => reject(new JanusError('TIMEOUT', `${what} timed out after ${timeoutMs} ms`))),
        timeoutMs,
      );
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    cleanup = start({
      resolve: (value) => finish(() => resolve(value)),
      reject: (error) => finish(() => reject(error)),
    });
    started = true;
    // Settled while `start` ran: its listeners were registered after `finish`, remove them now.
    if (settled) cleanup?.();
  });
}
