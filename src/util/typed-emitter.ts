/**
 * A small typed event emitter: listeners, once-listeners and async iteration, created lazily so an object
 * nobody listens to costs nothing. A listener that throws is reported to the logger, never to the caller,
 * and does not keep the later listeners of the same event from running. Plain TypeScript (no
 * `node:events`), so it runs in Node and in the browser alike.
 * @module
 */

/** An event map: event name → tuple of listener arguments. */
export type EventMap = { [event: string]: unknown[] };

/** A listener for event `K` of map `M`. */
export type Listener<M extends EventMap, K extends keyof M> = (...args: M[K]) => void;

type AnyListener = (...args: unknown[]) => unknown;

/** One registration: the listener as given, and whether it runs once. */
interface Registration {
  listener: AnyListener;
  once: boolean;
}

/** Typed `on`/`once`/`off` and `events()` async iteration, with the listener lists created lazily. */
export class TypedEmitter<M extends EventMap> {
  #listeners: Map<string, Registration[]> | undefined;
  #onListenerError: ((error: unknown, event: string) => void) | undefined;

  /** @param onListenerError Called when a listener throws; defaults to ignoring it. */
  constructor(onListenerError?: (error: unknown, event: string) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener. */
  on<K extends keyof M & string>(event: K, listener: Listener<M, K>): this {
    this.#add(event, listener as AnyListener, false);
    return this;
  }

  /** Adds a listener that runs once. */
  once<K extends keyof M & string>(event: K, listener: Listener<M, K>): this {
    this.#add(event, listener as AnyListener, true);
    return this;
  }

  /** Removes a listener (the latest registration of it, as Node's `EventEmitter` does). */
  off<K extends keyof M & string>(event: K, listener: Listener<M, K>): this {
    const list = this.#listeners?.get(event);
    if (!list) return this;
    for (let index = list.length - 1; index >= 0; index -= 1) {
      if (list[index]?.listener !== listener) continue;
      list.splice(index, 1);
      if (list.length === 0) this.#listeners?.delete(event);
      break;
    }
    return this;
  }

  /** Iterates the event's argument tuples until `signal` aborts (then the loop ends quietly). */
  async *events<K extends keyof M & string>(
    event: K,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<M[K]> {
    const { signal } = options;
    if (signal?.aborted) return;
    const queue: M[K][] = [];
    let wake: (() => void) | undefined;
    const listener = ((...args: M[K]) => {
      queue.push(args);
      wake?.();
    }) as Listener<M, K>;
    const onAbort = (): void => wake?.();
    this.on(event, listener);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal?.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      this.off(event, listener);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Number of listeners for `event`. */
  listenerCount<K extends keyof M & string>(event: K): number {
    return this.#listeners?.get(event)?.length ?? 0;
  }

  /** Removes every listener. */
  removeAllListeners(): void {
    this.#listeners?.clear();
  }

  /**
   * Calls the listeners of `event` in the order they were added, each on its own: one that throws (or
   * returns a promise that rejects) is reported to `onListenerError` and the later listeners still run. A
   * listener added or removed meanwhile does not change this round. Returns whether there were any.
   */
  protected emit<K extends keyof M & string>(event: K, ...args: M[K]): boolean {
    const list = this.#listeners?.get(event);
    if (!list || list.length === 0) return false;
    // A copy (as `EventEmitter.emit` makes): a listener added or removed meanwhile does not change this round.
    for (const registration of list.length === 1 ? [list[0] as Registration] : [...list]) {
      if (registration.once) this.#removeRegistration(event, registration);
      try {
        const result: unknown = registration.listener.apply(this, args);
        if (isThenable(result)) result.then(undefined, (error: unknown) => this.#report(error, event));
      } catch (error) {
        this.#report(error, event);
      }
    }
    return true;
  }

  #report(error: unknown, event: string): void {
    try {
      this.#onListenerError?.(error, event);
    } catch {
      // The reporter itself failed: nothing more can be done without breaking the emitting code.
    }
  }

  #add(event: string, listener: AnyListener, once: boolean): void {
    this.#listeners ??= new Map();
    const list = this.#listeners.get(event);
    if (list) list.push({ listener, once });
    else this.#listeners.set(event, [{ listener, once }]);
  }

  #removeRegistration(event: string, registration: Registration): void {
    const list = this.#listeners?.get(event);
    const index = list?.indexOf(registration) ?? -1;
    if (!list || index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) this.#listeners?.delete(event);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
