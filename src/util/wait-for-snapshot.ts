/**
 * Waits until an actor's snapshot satisfies a predicate, with a timeout and an `AbortSignal`.
 * @module
 */
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { JanusError } from '../errors.js';
import { abortReason, type CallOptions } from './abort.js';
import { withDeadline } from './deadline.js';

/**
 * Resolves with the first snapshot (the current one included) for which `done` returns true. Rejects with
 * `TIMEOUT`, the signal's reason, or `CLOSED` when the actor stops without reaching it.
 */
export function waitForSnapshot<TActor extends AnyActorRef>(
  actor: TActor,
  what: string,
  done: (snapshot: SnapshotFrom<TActor>) => boolean,
  options: CallOptions = {},
): Promise<SnapshotFrom<TActor>> {
  if (options.signal?.aborted) return Promise.reject(abortReason(options.signal));
  const first = actor.getSnapshot() as SnapshotFrom<TActor>;
  if (done(first)) return Promise.resolve(first);
  return withDeadline<SnapshotFrom<TActor>>(what, options, ({ resolve, reject }) => {
    const check = (snapshot: SnapshotFrom<TActor>): void => {
      if (done(snapshot)) resolve(snapshot);
      else if ((snapshot as { status?: string }).status !== 'active') {
        reject(new JanusError('CLOSED', `${what}: the actor stopped first`));
      }
    };
    const subscription = actor.subscribe({
      next: (snapshot) => check(snapshot as SnapshotFrom<TActor>),
      error: (error) => reject(error),
      complete: () => check(actor.getSnapshot() as SnapshotFrom<TActor>),
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
