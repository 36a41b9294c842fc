/**
 * Waits until an actor's snapshot satisfies a predicate, with a timeout and an `AbortSignal`.
 * @module
 */
import type { Subscription } from 'xstate';
import { JanusError } from '../errors.js';
import { abortReason, type CallOptions } from './abort.js';
import { withDeadline } from './deadline.js';

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
  if (options.signal?.aborted) return Promise.reject(abortReason(options.signal));
  const first = actor.getSnapshot() as TSnapshot;
  if (done(first)) return Promise.resolve(first);
  return withDeadline<TSnapshot>(what, options, ({ resolve, reject }) => {
    const check = (snapshot: TSnapshot): void => {
      if (done(snapshot)) resolve(snapshot);
      else if ((snapshot as { status?: string }).status !== 'active') {
        reject(new JanusError('CLOSED', `${what}: the actor stopped first`));
      }
    };
    const subscription = actor.subscribe({
      next: (snapshot) => check(snapshot as TSnapshot),
      error: (error) => reject(error),
      complete: () => check(actor.getSnapshot() as TSnapshot),
    });
    return () => subscription.unsubscribe();
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
