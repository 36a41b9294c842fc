/**
 * Waiting for emitted events in tests, with a deadline so that a missing event fails fast.
 * @module
 */
import type { EventMap, TypedEmitter } from '../../src/util/typed-emitter.js';

/** Resolves with the first `event` whose first argument passes `match`; rejects after `timeoutMs`. */
export function nextEvent<M extends EventMap, K extends keyof M & string>(
  emitter: TypedEmitter<M>,
  event: K,
  match: (value: M[K][0]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<M[K][0]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: M[K]): void => {
      if (!match(args[0])) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args[0]);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}
