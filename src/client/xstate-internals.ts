/**
 * The one XState internal the client relies on, in one place and pinned by
 * `test/unit/xstate-internals.test.ts` (which fails if an upgrade changes it).
 * @module
 */
import type { AnyActorRef } from 'xstate';

/**
 * Stops a hosted actor. A root actor has the public `stop()`. An actor created with a `parent` (only
 * when inspected, so that the inspector draws the tree) refuses `stop()` ("a non-root actor cannot be
 * stopped directly") because XState expects its parent machine to stop it; such an actor is not in its
 * parent's `children`, so the client stops it with the method XState's own `stopChild` uses, `_stop()`.
 */
export function stopHostedActor(actor: AnyActorRef): void {
  const internal = actor as AnyActorRef & { _parent?: unknown; _stop?: () => void };
  if (internal._parent === undefined) {
    actor.stop();
    return;
  }
  if (typeof internal._stop !== 'function') {
    throw new Error('xstate no longer has Actor._stop(): see src/client/xstate-internals.ts');
  }
  internal._stop();
}
