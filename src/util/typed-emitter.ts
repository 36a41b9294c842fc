/**
 * A small typed event emitter: listeners, once-listeners and async iteration, created lazily so an object
 * nobody listens to costs nothing. A listener that throws is reported to the logger, never to the caller,
 * and the later listeners of the same event still run. Plain TypeScript (no `node:events`), so it runs in
 * Node and in the browser alike.
 * @module
 */

/** An event map: event name → tuple of listener arguments. */
export type EventMap = { [event: string]: unknown[] };

/** A listener for event `K` of map `M`. */
export type Listener<M extends EventMap, K extends keyof M> = (...args: M[K]) => void;

type AnyListener = (...args: unknown[]) => void;

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
      const next = [...list.slice(0, index), ...list.slice(index + 1)];
      if (next.length === 0) this.#listeners?.delete(event);
      else this.#listeners?.set(event, next);
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
   * Calls the listeners of `event` in the order they were added; returns whether there were any. A
   * listener that throws is reported (see the constructor) and the others still run.
   */
  protected emit<K extends keyof M & string>(event: K, ...args: M[K]): boolean {
    const list = this.#listeners?.get(event);
    if (!list || list.length === 0) return false;
    for (const registration of list) {
      if (registration.once) this.#removeRegistration(event, registration);
      try {
        registration.listener(...args);
      } catch (error) {
        this.#onListenerError?.(error, event);
      }
    }
    return true;
  }

  #add(event: string, listener: AnyListener, once: boolean): void {
    this.#listeners ??= new Map();
    // Copy on write: an emit in progress keeps iterating the list it started with.
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), { listener, once }]);
  }

  #removeRegistration(event: string, registration: Registration): void {
    const list = this.#listeners?.get(event);
    if (!list) return;
    const next = list.filter((entry) => entry !== registration);
    if (next.length === 0) this.#listeners?.delete(event);
    else this.#listeners?.set(event, next);
  }
}
