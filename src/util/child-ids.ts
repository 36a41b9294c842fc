/**
 * Stable, recycled ids for hosted actors (`session-1`, `handle-3`), in O(1) per id.
 *
 * When inspected, each actor has a parent, and an actor that ends sends it `xstate.done.actor.<id>`:
 * XState memoises transition candidates per state node *per event type*, so ever-new ids would grow
 * that cache by one entry per actor for the life of the parent. Recycling the ids of actors that have
 * ended bounds it by the number alive at once.
 * @module
 */

/** Hands out `<prefix>-<n>` ids, reusing those released (last released first). */
export class ChildIds {
  readonly #prefix: string;
  readonly #free: number[] = [];
  #next = 1;

  /** @param prefix e.g. `session` or `handle`. */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** A free id. */
  take(): string {
    const reused = this.#free.pop();
    if (reused !== undefined) return `${this.#prefix}-${reused}`;
    const id = `${this.#prefix}-${this.#next}`;
    this.#next += 1;
    return id;
  }

  /** Gives an id back once its actor has ended; release each id once. */
  release(id: string): void {
    const n = Number(id.slice(this.#prefix.length + 1));
    if (Number.isInteger(n) && n > 0 && n < this.#next) this.#free.push(n);
  }
}
