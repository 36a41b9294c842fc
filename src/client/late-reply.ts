/**
 * Requests that create something on the server (`create`, `attach`) and that the caller may abandon:
 * once a request has left, aborting it cannot stop the server, so the reply is still awaited and what
 * it created is undone (`destroy`, `detach`) instead of being left as an orphan.
 * @module
 */
import { abortReason } from '../util/abort.js';

/**
 * Resolves with `pending`, or rejects with `signal`'s reason as soon as it aborts; in that case, when
 * `pending` later resolves after all, `undo` is given its value (errors of either are swallowed: the
 * caller has gone). `pending` must settle by itself (it carries its own deadline).
 */
export function abandonable<T>(
  pending: Promise<T>,
  signal: AbortSignal,
  undo: (value: T) => Promise<unknown>,
): Promise<T> {
  if (signal.aborted) {
    pending.then(undo, () => undefined).catch(() => undefined);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      pending.then(undo, () => undefined).catch(() => undefined);
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
