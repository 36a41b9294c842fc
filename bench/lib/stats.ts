/** Small statistics helpers for the bench. */

/** The q-quantile (0..1) of `values`, linearly interpolated; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The 90th percentile of `values`. */
export function p90(values: readonly number[]): number {
  return quantile(values, 0.9);
}

/** Median and p90 of one round's samples (milliseconds). */
export interface Latency {
  median: number;
  p90: number;
}

/** Summarises samples as {@link Latency}. */
export function latency(samples: readonly number[]): Latency {
  return { median: median(samples), p90: p90(samples) };
}

/** Combines per-round latencies: the median of the per-round medians and of the per-round p90s. */
export function combineLatency(rounds: readonly Latency[]): Latency {
  return { median: median(rounds.map((r) => r.median)), p90: median(rounds.map((r) => r.p90)) };
}

/**
 * The median over rounds of `values[r] / base[r]`: each round's clients ran back to back, so this ratio
 * is less swayed than a ratio of medians by load that drifts during a run. NaN without a common round.
 */
export function roundRatio(values: readonly number[], base: readonly number[]): number {
  const n = Math.min(values.length, base.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push(values[i]! / base[i]!);
  return median(ratios);
}

/** {@link roundRatio} for the median and the p90 of latency rounds. */
export function latencyRatio(values: readonly Latency[], base: readonly Latency[]): Latency {
  return {
    median: roundRatio(
      values.map((v) => v.median),
      base.map((b) => b.median),
    ),
    p90: roundRatio(
      values.map((v) => v.p90),
      base.map((b) => b.p90),
    ),
  };
}
