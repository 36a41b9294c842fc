/**
 * Keeps `bench/RESULTS.md` whole when a run measures only some figures (`--figures concurrency,pacing`):
 * the figures not run this time are taken from the previous `bench/results/latest.json`, and the report
 * says from which run they come.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Results } from './results.js';

/** The figures of `--figures` and the parts of {@link Results} each one fills. */
const PARTS: Record<string, readonly (keyof Results)[]> = {
  rtt: ['roundTrip'],
  throughput: ['throughput'],
  cycle: ['cycle', 'cycleCpu'],
  http: ['http'],
  media: ['media'],
  memory: ['memory'],
  idle: ['idle'],
};

const MEDIA_SCALE = ['concurrency', 'pacing', 'coldstart'] as const;

/**
 * Copies into `results` the parts of the figures not in `ran` from the previous results file, if any.
 *
 * @returns the date of the previous run whose figures were kept, or `undefined` if nothing was kept
 */
export function carryOver(
  results: Results,
  ran: ReadonlySet<string>,
  previousFile: string,
): string | undefined {
  if (!existsSync(previousFile)) return undefined;
  let previous: Partial<Results>;
  try {
    previous = JSON.parse(readFileSync(previousFile, 'utf8')) as Partial<Results>;
  } catch {
    return undefined;
  }
  let kept = false;
  const target = results as unknown as Record<string, unknown>;
  for (const [figure, parts] of Object.entries(PARTS)) {
    if (ran.has(figure)) continue;
    for (const part of parts) {
      const value = previous[part];
      if (value !== undefined && (typeof value !== 'object' || Object.keys(value as object).length > 0)) {
        target[part] = value;
        kept = true;
      }
    }
  }
  for (const figure of MEDIA_SCALE) {
    const value = previous.mediaScale?.[figure];
    if (!ran.has(figure) && value) {
      results.mediaScale[figure] = value as never;
      kept = true;
    }
  }
  if (kept && previous.params) results.params = { ...previous.params, ...results.params };
  return kept ? (previous.machine?.date ?? 'an earlier run') : undefined;
}
