/**
 * Reconnect timing: a pluggable policy asked before every attempt, and the default one (exponential
 * backoff with jitter, giving up after a minute).
 * @module
 */

/** What a policy is told before each reconnection attempt. */
export interface ReconnectContext {
  /** The attempt about to be made: 1 for the first one after the link was lost. */
  attempt: number;
  /** Milliseconds since the link was lost. */
  elapsedMs: number;
  /** Why the link was lost, or why the previous attempt failed. */
  lastError: unknown;
}

/** Decides when to try to reconnect next. */
export interface ReconnectPolicy {
  /** Milliseconds to wait before the attempt, or `null` to give up (the client ends `disconnected`). */
  nextDelayMs(context: ReconnectContext): number | null;
}

/** Options of {@link exponentialBackoff}. */
export interface ExponentialBackoffOptions {
  /** Delay before the second attempt; it doubles for each later one. Defaults to 250 ms. */
  initialDelayMs?: number;
  /** Longest delay between attempts. Defaults to 5,000 ms. */
  maxDelayMs?: number;
  /** Delay before the first attempt (a blip is usually over at once). Defaults to 0 ms. */
  firstDelayMs?: number;
  /** Fraction of each delay that is random, 0-1 (spreads clients reconnecting together). Defaults to 0.3. */
  jitter?: number;
  /** Gives up once the outage has lasted this long. Defaults to 60,000 ms. */
  maxElapsedMs?: number;
  /** Gives up after this many attempts. Defaults to `Infinity` (only `maxElapsedMs` limits). */
  maxAttempts?: number;
  /** Random source in [0, 1), for tests. Defaults to `Math.random`. */
  random?: () => number;
}

/** Default of {@link ExponentialBackoffOptions.initialDelayMs}. */
export const DEFAULT_RECONNECT_INITIAL_DELAY_MS = 250;
/** Default of {@link ExponentialBackoffOptions.maxDelayMs}. */
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 5_000;
/** Default of {@link ExponentialBackoffOptions.maxElapsedMs}. */
export const DEFAULT_RECONNECT_MAX_ELAPSED_MS = 60_000;
/** Default of {@link ExponentialBackoffOptions.jitter}. */
export const DEFAULT_RECONNECT_JITTER = 0.3;

/**
 * Exponential backoff with jitter: the first attempt after `firstDelayMs` (0), then `initialDelayMs`
 * (250 ms) doubling up to `maxDelayMs` (5 s), each delay reduced by up to `jitter` (30 %) at random;
 * gives up (`null`) once the outage lasted `maxElapsedMs` (60 s) or after `maxAttempts`.
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): ReconnectPolicy {
  const initial = options.initialDelayMs ?? DEFAULT_RECONNECT_INITIAL_DELAY_MS;
  const max = options.maxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS;
  const first = options.firstDelayMs ?? 0;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? DEFAULT_RECONNECT_JITTER));
  const maxElapsed = options.maxElapsedMs ?? DEFAULT_RECONNECT_MAX_ELAPSED_MS;
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  const random = options.random ?? Math.random;
  return {
    nextDelayMs({ attempt, elapsedMs }) {
      if (attempt > maxAttempts || elapsedMs >= maxElapsed) return null;
      const base = attempt <= 1 ? first : Math.min(max, initial * 2 ** (attempt - 2));
      return Math.max(0, Math.round(base * (1 - jitter * random())));
    },
  };
}

/** The policy used when `reconnect` is not given: {@link exponentialBackoff} with its defaults. */
export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = exponentialBackoff();
