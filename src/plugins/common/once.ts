/**
 * Events that arrive twice get one notice: Janus 1.1.2 sends some notifications twice for one change
 * (VideoRoom `unpublished`, once from the `unpublish` request and once from the media hang-up).
 * @module
 */

/** Remembers which notices were given, until the state they describe changes again. */
export class OnceNotices {
  readonly #given = new Set<string>();

  /** `true` the first time `key` is seen (emit), `false` for a repeat (drop) until {@link OnceNotices.forget}. */
  first(key: string): boolean {
    if (this.#given.has(key)) return false;
    this.#given.add(key);
    return true;
  }

  /** Allows `key` again (the state changed back, e.g. the publisher published again). */
  forget(key: string): void {
    this.#given.delete(key);
  }

  /** Forgets every key. */
  clear(): void {
    this.#given.clear();
  }
}
