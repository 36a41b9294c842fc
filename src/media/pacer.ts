/**
 * One drift-free pacer for every media sender in the process: each stream says when its next unit is
 * due on its own media clock, and one timer wakes up for the earliest. Due times come from the media
 * clock (start time + media time sent), never from chaining one timer after another, so a late wake-up
 * shortens the next wait instead of pushing every later packet back: a loaded event loop delays
 * packets but does not make the stream drift or run slow.
 * @module
 */

/** A stream the pacer drives. */
export interface PacedStream {
  /**
   * Sent first when several streams are due in one wake-up (audio: a late audio packet is heard, a late
   * video packet of a frame is not seen). Default `false`.
   */
  readonly urgent?: boolean;
  /** `performance.now()` at which the next unit is due. */
  readonly nextAtMs: number;
  /** Sends the unit that is due and advances `nextAtMs` by its media duration. */
  fire(): void;
  /** Moves the schedule forward by `lagMs` without sending (after a stall longer than the catch-up limit). */
  skip(lagMs: number): void;
}

/** Units sent early when due within this many ms (the timer's own resolution is 1 ms). Default 1. */
export const PACER_EARLY_MS = 1;

/**
 * The grid media clocks run on: {@link pacerClockOrigin} puts every stream's clock origin on a multiple
 * of this many ms of `performance.now()`, so the 20 ms audio and 33⅓ ms video units of every call in the
 * process fall due together and one timer wake-up sends them all, instead of one wake-up per call and
 * kind. Default 100 (five Opus frames, three video frames at 30 fps).
 */
export const PACER_GRID_MS = 100;

/**
 * Where a stream starting at `nowMs` puts its media clock: the origin is the grid point at or before
 * `nowMs`, and the units before `nowMs` count as already sent, so the first unit is due at once (at most
 * one unit early) and every later one on the shared grid.
 *
 * @param nowMs - `performance.now()` at the start
 * @param unitTicks - the duration of the stream's units in its clock's ticks
 * @param clockRate - the clock rate (ticks per second)
 * @returns the origin (ms) and the ticks counted as sent before the first unit
 */
export function pacerClockOrigin(
  nowMs: number,
  unitTicks: number,
  clockRate: number,
): { originMs: number; ticksBefore: number } {
  const originMs = Math.floor(nowMs / PACER_GRID_MS) * PACER_GRID_MS;
  const unitMs = (unitTicks * 1000) / clockRate;
  const units = unitMs > 0 ? Math.floor((nowMs - originMs) / unitMs) : 0;
  return { originMs, ticksBefore: units * unitTicks };
}

/**
 * How far behind schedule a stream may be before it is moved forward instead of catching up: catching
 * up means sending the missed units in one burst. Default 250 ms.
 */
export const PACER_MAX_LAG_MS = 250;

/** Schedules {@link PacedStream}s on one timer. */
export class Pacer {
  readonly #streams = new Set<PacedStream>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAtMs = Number.POSITIVE_INFINITY;
  #running = false;

  /** Streams currently scheduled. */
  get size(): number {
    return this.#streams.size;
  }

  /** Schedules `stream`; its first unit goes out at its `nextAtMs` (at once if that has passed). */
  add(stream: PacedStream): void {
    this.#streams.add(stream);
    if (!this.#running) this.#arm();
  }

  /** Stops scheduling `stream`. */
  remove(stream: PacedStream): void {
    this.#streams.delete(stream);
    if (this.#streams.size === 0 && this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerAtMs = Number.POSITIVE_INFINITY;
    }
  }

  /** Reschedules after a stream's `nextAtMs` moved earlier (e.g. to send a key frame at once). */
  wake(): void {
    if (!this.#running) this.#arm();
  }

  readonly #run = (): void => {
    this.#timer = undefined;
    this.#timerAtMs = Number.POSITIVE_INFINITY;
    this.#running = true;
    try {
      const now = performance.now();
      for (const urgent of [true, false]) {
        for (const stream of this.#streams) {
          if ((stream.urgent ?? false) !== urgent) continue;
          const lag = now - stream.nextAtMs;
          if (lag > PACER_MAX_LAG_MS) stream.skip(lag - PACER_MAX_LAG_MS);
          let guard = 0;
          while (stream.nextAtMs <= now + PACER_EARLY_MS && this.#streams.has(stream) && guard++ < 1000) {
            stream.fire();
          }
        }
      }
    } finally {
      this.#running = false;
    }
    this.#arm();
  };

  #arm(): void {
    if (this.#streams.size === 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const stream of this.#streams) if (stream.nextAtMs < earliest) earliest = stream.nextAtMs;
    if (earliest >= this.#timerAtMs) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAtMs = earliest;
    this.#timer = setTimeout(this.#run, Math.max(0, earliest - performance.now()));
    // Media streams never keep the process alive on their own: the peer connection's sockets do.
    this.#timer.unref();
  }
}

/** The pacer every sender in this process shares. */
export const sharedPacer = new Pacer();
