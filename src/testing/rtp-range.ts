/**
 * Distinct RTP/RTCP UDP port ranges for servers running at the same time.
 *
 * @module
 */

/** First port of the first range; the ranges stay below Linux's ephemeral ports (32768+). */
const BASE = 20000;
/** Ports per range. */
const WIDTH = 500;
/** Number of ranges: 20000-20499 … 32000-32499. */
const SLOTS = 25;

let next = 0;

/**
 * The next RTP port range, `'MIN-MAX'`. Servers of one process get distinct ranges (until 25 run at
 * once); other processes start at another slot, derived from their pid. Janus skips ports in use, so a
 * shared range still works.
 */
export function nextRtpPortRange(): string {
  const slot = (process.pid * 7 + next++) % SLOTS;
  const min = BASE + slot * WIDTH;
  return `${min}-${min + WIDTH - 1}`;
}

/** Checks a `'MIN-MAX'` range; throws a RangeError otherwise. */
export function checkRtpPortRange(range: string): string {
  const match = /^(\d+)-(\d+)$/.exec(range);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min < 1 || max > 65535 || min > max) {
    throw new RangeError(`rtpPortRange must be 'MIN-MAX' within 1-65535, got '${range}'`);
  }
  return range;
}
