/**
 * A small typed event emitter: listeners, once-listeners and async iteration, created lazily so an object
 * nobody listens to costs nothing. A listener that throws is reported to the logger, never to the caller,
 * and does not keep the later listeners of the same event from running.
 * @module
 */
import { EventEmitter, on } from 'node:events';

/** An event map: event name → tuple of listener arguments. */
export type EventMap = { [event: string]: unknown[] };

/** A listener for event `K` of map `M`. */
export type Listener<M extends EventMap, K extends keyof M> = (...args: M[K]) => void;

/** Typed `on`/`once`/`off` and `events()` async iteration over a lazily created `EventEmitter`. */
export class TypedEmitter<M extends EventMap> {
  #emitter: EventEmitter | undefined;
  #onListenerError: ((error: unknown, event: string) => void) | undefined;

  /** @param onListenerError Called when a listener throws; defaults to ignoring it. */
  constructor(onListenerError?: (error: unknown, event: string) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener. */
  on<K extends keyof M & string>(event: K, listener: Listener<M, K>): this {
    this.#get().on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Adds a listener that runs once. */
  once<K extends keyof M & string>(event: K, listener: Listener<M, K>): this {
    this.#get().once(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Removes a listener. */
  off<K extends keyof M & string>(event: K, listener: Listener<M, K>): this {
    this.#emitter?.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Iterates the event's argument tuples until `signal` aborts (then the loop ends quietly). */
  async *events<K extends keyof M & string>(
    event: K,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<M[K]> {
    try {
      for await (const args of on(this.#get(), event, { signal: options.signal })) yield args as M[K];
    } catch (error) {
      if (options.signal?.aborted) return;
      throw error;
    }
  }

  /** Number of listeners for `event`. */
  listenerCount<K extends keyof M & string>(event: K): number {
    return this.#emitter?.listenerCount(event) ?? 0;
  }

  /** Removes every listener. */
  removeAllListeners(): void {
    this.#emitter?.removeAllListeners();
  }

  /**
   * Calls the listeners of `event`, each on its own: one that throws (or returns a promise that rejects)
   * is reported to `onListenerError` and the later listeners still run. Returns whether there were any.
   */
  protected emit<K extends keyof M & string>(event: K, ...args: M[K]): boolean {
    const emitter = this.#emitter;
    if (!emitter) return false;
    // A copy, with `once` wrappers (calling one removes it): a listener added or removed meanwhile does
    // not change this round, as with `EventEmitter.emit`.
    const listeners = emitter.rawListeners(event) as ((...args: unknown[]) => unknown)[];
    if (listeners.length === 0) return false;
    for (const listener of listeners) {
      try {
        const result = listener.apply(this, args);
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

  #get(): EventEmitter {
    if (!this.#emitter) {
      this.#emitter = new EventEmitter();
      this.#emitter.setMaxListeners(0);
    }
    return this.#emitter;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
