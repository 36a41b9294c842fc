/** Runs `bench/memory-child.ts` in a fresh `node --expose-gc --import tsx` process and collects its result. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientId } from '../clients/types.js';

/** What a memory/idle child measures. */
export interface ChildResult {
  client: ClientId;
  /** Sessions created and measured: fewer than requested when the creation budget ran out. */
  sessions: number;
  requestedSessions: number;
  /** The creation budget it was given, ms (none: unlimited). */
  createBudgetMs?: number;
  /** Time to create every session+handle (64 in flight), ms. */
  createMs: number;
  /** ms per pair over the first and the last `chunk` pairs created (a flat line: no per-pair cost grows). */
  createScale?: { chunk: number; firstMsPerPair: number; lastMsPerPair: number };
  /** Destroying every pair (detach + destroy, 64 in flight) after the measurements, ms and per chunk. */
  destroy?: { ms: number; chunk: number; firstMsPerPair: number; lastMsPerPair: number };
  baseline: { heapUsed: number; rss: number };
  after: { heapUsed: number; rss: number };
  /** (heapUsed after − baseline) / sessions, bytes. */
  heapPerPair: number;
  /** (rss after − baseline) / sessions, bytes. */
  rssPerPair: number;
  keepalive: string;
  idle?: {
    windowMs: number;
    /** user + system CPU of the child over the window, ms. */
    cpuMs: number;
    /** cpuMs / windowMs, in % of one core. */
    cpuPercent: number;
    /** Janus `keepalive` requests sent over WebSocket in the window (-1: not observable). */
    keepalives: number;
    /** WebSocket ping frames sent in the window. */
    pings: number;
  };
}

/** Options of one child run. */
export interface ChildOptions {
  client: ClientId;
  url: string;
  sessions: number;
  idleMs: number;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** The child is killed (SIGKILL) after this long; the promise then rejects saying how far it got. */
  timeoutMs: number;
  /** The child starts no new session after this long and measures what it has. */
  createBudgetMs: number;
}

const CHILD = fileURLToPath(new URL('../memory-child.ts', import.meta.url));

/** Forks one child and resolves with its result. */
export function runChild(options: ChildOptions): Promise<ChildResult> {
  const args = [
    '--client',
    options.client,
    '--url',
    options.url,
    '--sessions',
    String(options.sessions),
    '--idle-ms',
    String(options.idleMs),
    '--create-budget-ms',
    String(options.createBudgetMs),
  ];
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, args, {
      execArgv: ['--expose-gc', '--import', 'tsx', ...(options.nodeFlags ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | undefined;
    let failure: string | undefined;
    let progress = 'nothing reported';
    const t0 = performance.now();
    const timer = setTimeout(() => {
      failure =
        `killed after ${Math.round((performance.now() - t0) / 1000)} s (time cap of this child); ` +
        `last progress: ${progress}`;
      // Killed after it reported (while closing): the result stands.
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', (msg: { result?: ChildResult; error?: string; progress?: string }) => {
      if (msg.result) result = msg.result;
      if (msg.error) failure = msg.error;
      if (msg.progress) progress = `${msg.progress} at ${Math.round((performance.now() - t0) / 1000)} s`;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(failure ?? `memory child for ${options.client} exited with ${code}`));
    });
  });
}
