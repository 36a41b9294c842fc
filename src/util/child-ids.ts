/**
 * Stable, recycled ids for spawned child actors (`session-1`, `handle-3`).
 *
 * XState memoises transition candidates per state node *per event type*, and every child that ends
 * sends its parent `xstate.done.actor.<id>`: with ever-new ids (`session-1`, `session-2`, ...) that cache
 * grows by one entry per child for the life of the machine, about 0.5 KB per session measured here.
 * Recycling the ids of children that have ended bounds it by the number of children alive at once.
 * @module
 */

/** Hands out `<prefix>-<n>` ids, reusing those released, lowest first. */
export class ChildIds {
  readonly #prefix: string;
  readonly #free: number[] = [];
  #next = 1;

  /** @param prefix e.g. `session` or `handle`. */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** A free id; `inUse` says whether the parent still has a child under that id (not yet stopped). */
  take(inUse: (id: string) => boolean): string {
    this.#free.sort((a, b) => b - a);
    for (let i = this.#free.length - 1; i >= 0; i -= 1) {
      const id = `${this.#prefix}-${this.#free[i]}`;
      if (!inUse(id)) {
        this.#free.splice(i, 1);
        return id;
      }
    }
    const id = `${this.#prefix}-${this.#next}`;
    this.#next += 1;
    return id;
  }

  /** Gives an id back once its child has ended. */
  release(id: string): void {
    const n = Number(id.slice(this.#prefix.length + 1));
    if (Number.isInteger(n) && n > 0 && n < this.#next && !this.#free.includes(n)) this.#free.push(n);
  }
}
