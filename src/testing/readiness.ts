/**
 * Waiting until a starting Janus answers on each of its exact ports, as itself.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { httpJson } from './http-json.js';

/** Something answered on a port, but it is not the Janus being started (a port clash). */
export class ForeignServerError extends Error {
  override name = 'ForeignServerError';
}

/** Why waiting for readiness failed. */
export class ReadinessError extends Error {
  override name = 'ReadinessError';

  /**
   * @param kind - `exited`: the process ended; `clash`: a port is taken by something else; `timeout`
   * @param message - details for people
   * @param url - for a `clash` found by a probe: the URL that a stranger answered
   */
  constructor(
    readonly kind: 'exited' | 'clash' | 'timeout',
    message: string,
    readonly url?: string,
  ) {
    super(message);
  }
}

/** One endpoint to poll; `check` resolves `true` when ours answers, `false` when nothing does yet. */
export interface ReadinessProbe {
  /** What is checked, for messages, e.g. `HTTP API http://127.0.0.1:1234/janus/info`. */
  name: string;
  /** The URL it checks. */
  url: string;
  /** Resolves `true` when the expected server answers; throws {@link ForeignServerError} on a stranger. */
  check(): Promise<boolean>;
}

/** How to wait. */
export interface WaitOptions {
  /** Give up after this many ms. */
  timeoutMs: number;
  /** Returns a description when the process has exited (then waiting stops at once). */
  exited: () => string | undefined;
  /** Returns a description of a port clash found some other way (e.g. in the log), if any. */
  findClash?: () => Promise<string | undefined>;
  /** First pause between polls, in ms; it grows to 5× after 0.5 s and 10× after 2 s. Default: 10. */
  intervalMs?: number;
}

/**
 * Polls every probe (each on its own, so a slow one does not hold up the others) until all pass, while
 * watching for an exit, a port clash and the deadline; throws a {@link ReadinessError} on any of those.
 */
export async function waitUntilReady(probes: readonly ReadinessProbe[], options: WaitOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const base = options.intervalMs ?? 10;
  // Janus needs ~150 ms at best: poll often at first, then back off so many starts at once stay cheap.
  const pause = () => {
    const elapsed = Date.now() - started;
    return sleep(elapsed < 500 ? base : elapsed < 2000 ? base * 5 : base * 10);
  };
  const pending = new Set(probes);
  let failure: ReadinessError | undefined;
  let finished = false;

  const poll = async (probe: ReadinessProbe): Promise<void> => {
    while (failure === undefined) {
      try {
        if (await probe.check()) {
          pending.delete(probe);
          return;
        }
      } catch (error) {
        if (error instanceof ForeignServerError) {
          failure ??= new ReadinessError(
            'clash',
            `port taken by another server: ${probe.name}: ${error.message}`,
            probe.url,
          );
        }
        return;
      }
      await pause();
    }
  };

  const watch = async (): Promise<void> => {
    while (!finished && failure === undefined) {
      const exit = options.exited();
      if (exit !== undefined) {
        failure = new ReadinessError('exited', `Janus exited before it was ready (${exit})`);
        return;
      }
      const clash = await options.findClash?.();
      if (clash !== undefined) {
        failure ??= new ReadinessError('clash', `a port is taken by another server: ${clash}`);
        return;
      }
      if (Date.now() >= deadline) {
        const names = [...pending].map((probe) => probe.name).join(', ');
        failure ??= new ReadinessError(
          'timeout',
          `Janus not ready after ${options.timeoutMs} ms: no answer from ${names}`,
        );
        return;
      }
      await pause();
    }
  };

  await Promise.race([Promise.all(probes.map(poll)), watch()]);
  finished = true;
  if (failure !== undefined) throw failure;
  if (pending.size > 0) throw new ReadinessError('timeout', 'readiness probes ended without an answer');
}

/** Probe: `GET <baseUrl>/info` answers `server_info` with our `server-name`. */
export function httpInfoProbe(name: string, baseUrl: string, serverName: string): ReadinessProbe {
  const url = `${baseUrl}/info`;
  return {
    name: `${name} ${url}`,
    url,
    async check() {
      let response: Awaited<ReturnType<typeof httpJson>>;
      try {
        response = await httpJson(url, undefined, 1000);
      } catch {
        return false;
      }
      checkInfo(response.body, serverName, `HTTP ${response.status}`);
      return true;
    },
  };
}

/** Probe: a WebSocket with `subprotocol` opens and answers `info` with our `server-name`. */
export function wsInfoProbe(
  name: string,
  url: string,
  subprotocol: string,
  serverName: string,
): ReadinessProbe {
  return {
    name: `${name} ${url}`,
    url,
    check: () =>
      new Promise<boolean>((resolve, reject) => {
        const socket = new WebSocket(url, subprotocol, { handshakeTimeout: 1000, perMessageDeflate: false });
        const finish = (outcome: () => void) => {
          clearTimeout(timer);
          socket.removeAllListeners();
          socket.on('error', () => {});
          socket.terminate();
          outcome();
        };
        const timer = setTimeout(() => finish(() => resolve(false)), 1500);
        socket.on('open', () =>
          socket.send(JSON.stringify({ janus: 'info', transaction: 'janus-xstate-ready' })),
        );
        socket.on('message', (data) => {
          let body: unknown;
          try {
            body = JSON.parse(data.toString());
          } catch {
            body = undefined;
          }
          finish(() => {
            try {
              checkInfo(body, serverName, 'WebSocket');
              resolve(true);
            } catch (error) {
              reject(error);
            }
          });
        });
        socket.on('unexpected-response', (_req, res) =>
          finish(() => reject(new ForeignServerError(`WebSocket upgrade answered HTTP ${res.statusCode}`))),
        );
        socket.on('error', () => finish(() => resolve(false)));
        socket.on('close', () => finish(() => resolve(false)));
      }),
  };
}

function checkInfo(body: unknown, serverName: string, via: string): void {
  const info = body as { janus?: unknown; 'server-name'?: unknown } | undefined;
  if (info?.janus !== 'server_info') throw new ForeignServerError(`${via}: not a Janus info answer`);
  if (info['server-name'] !== serverName) {
    throw new ForeignServerError(`${via}: another Janus (server-name ${String(info['server-name'])})`);
  }
}
