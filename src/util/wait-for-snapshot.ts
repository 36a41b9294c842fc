/**
 * Waits until an actor's snapshot satisfies a predicate, with a timeout and an `AbortSignal`.
 * @module
 */
import type { Subscription } from 'xstate';
import { JanusError } from '../errors.js';
import { abortReason, type CallOptions } from './abort.js';

/** What can be waited on: an actor, or a hosted machine (`client/machine-cell.ts`). */
export interface Watchable<TSnapshot> {
  /** The current snapshot. */
  getSnapshot(): TSnapshot;
  /** Observes the snapshots; `complete` once done or stopped. */
  subscribe(observer: {
    next?: (snapshot: TSnapshot) => void;
    error?: (error: unknown) => void;
    complete?: () => void;
  }): Pick<Subscription, 'unsubscribe'>;
}

/**
 * Resolves with the first snapshot (the current one included) for which `done` returns true. Rejects with
 * `TIMEOUT`, the signal's reason, or `CLOSED` when the actor stops without reaching it.
 */
export function waitForSnapshot<TSnapshot>(
  actor: Watchable<TSnapshot>,
  what: string,
  done: (snapshot: TSnapshot) => boolean,
  options: CallOptions = {},
): Promise<TSnapshot> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const first = actor.getSnapshot() as TSnapshot;
  if (done(first)) return Promise.resolve(first);
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      subscription.unsubscribe();
    };
    const onAbort = (): void => {
      cleanup();
      reject(abortReason(signal as AbortSignal));
    };
    const check = (snapshot: TSnapshot): void => {
      if (done(snapshot)) {
        cleanup();
        resolve(snapshot);
      } else if ((snapshot as { status?: string }).status !== 'active') {
        cleanup();
        reject(new JanusError('CLOSED', `${what}: the actor stopped first`));
      }
    };
    const subscription = actor.subscribe({
      next: (snapshot) => check(snapshot as TSnapshot),
      error: (error) => {
        cleanup();
        reject(error);
      },
      complete: () => check(actor.getSnapshot() as TSnapshot),
    });
    if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        cleanup();
        reject(new JanusError('TIMEOUT', `${what} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The name of the deepest active state, e.g. `open` for `{ running: 'open' }`. */
export function leafState(value: unknown): string {
  let current = value;
  while (current !== null && typeof current === 'object') {
    const [key, inner] = Object.entries(current as Record<string, unknown>)[0] ?? [];
    if (key === undefined) return '';
    if (typeof inner === 'string') return inner;
    current = inner;
  }
  return String(current);
}
