/**
 * Logging with secrets removed: whatever is logged passes through {@link redact} first.
 * @module
 */

/** Where janus-xstate writes its diagnostics. Every method is optional. */
export interface JanusLogger {
  /** Wire traffic and state changes. */
  debug?(message: string, details?: unknown): void;
  /** Notable but expected things (a reconnect). */
  info?(message: string, details?: unknown): void;
  /** Something was ignored or retried. */
  warn?(message: string, details?: unknown): void;
  /** Something failed. */
  error?(message: string, details?: unknown): void;
}

const SECRET_KEYS = new Set([
  'apisecret',
  'api_secret',
  'token',
  'admin_secret',
  'adminsecret',
  'secret',
  'pin',
]);
const MASK = '[redacted]';

/**
 * A deep copy of `value` with every secret-bearing field (`apisecret`, `token`, `admin_secret`...) masked,
 * and, when `secrets` are given, those strings removed from every string inside it (an error message or
 * a URL that quotes a secret).
 */
export function redact(value: unknown, depth = 0, secrets: readonly (string | undefined)[] = []): unknown {
  if (typeof value === 'string') return secrets.length > 0 ? redactText(value, secrets) : value;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, secrets));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? MASK : redact(item, depth + 1, secrets);
  }
  return out;
}

/** Removes the given secret strings from a text (for URLs with `?apisecret=` and error messages). */
export function redactText(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join(MASK);
  }
  return out;
}

/** A logger that writes nothing. */
export const silentLogger: JanusLogger = {};

/** A logger that writes every level to stderr (the console in the browser) as one line each; details are redacted. */
export function consoleLogger(prefix = 'janus-xstate'): JanusLogger {
  const write =
    (level: string) =>
    (message: string, details?: unknown): void => {
      const suffix = details === undefined ? '' : ` ${JSON.stringify(redact(details))}`;
      const line = `${prefix} ${level} ${message}${suffix}`;
      // Node: stderr; the browser has no process, so the console.
      if (typeof process !== 'undefined' && process.stderr) process.stderr.write(`${line}\n`);
      else console.error(line);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Wraps a logger so every `details` argument is redacted before it reaches the application's logger. */
export function safeLogger(
  logger: JanusLogger | undefined,
  secrets: readonly (string | undefined)[],
): Required<JanusLogger> {
  const wrap =
    (fn: ((message: string, details?: unknown) => void) | undefined) =>
    (message: string, details?: unknown): void => {
      if (!fn) return;
      fn.call(
        logger,
        redactText(message, secrets),
        details === undefined ? undefined : redact(details, 0, secrets),
      );
    };
  return {
    debug: wrap(logger?.debug),
    info: wrap(logger?.info),
    warn: wrap(logger?.warn),
    error: wrap(logger?.error),
  };
}
