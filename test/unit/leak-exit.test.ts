/**
 * No leaks: 5,000 create → attach → detach → destroy cycles in a child process with `--expose-gc`, heap
 * after GC within 10 % of where it started; and after `close()` the process exits by itself in every
 * fault scenario (cuts and reclaims, closed while reconnecting, closed on a stalled link, fuzzed frames).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_AFTER_CLOSE_MS } from '../fault/exit-bound.js';
import { getTestServer, type TestServer } from '../harness/servers.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'], reclaimSessionTimeoutS: 5 });
});

afterAll(async () => {
  await server?.stop();
});

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  exitDelayMs: number;
}

function runChild(
  script: string,
  args: string[],
  nodeArgs: string[] = [],
  killAfterMs = 110_000,
): Promise<ChildResult> {
  const file = fileURLToPath(new URL(`../fault/${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const closedAt = Number(/closed (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
      resolve({ code, stdout, stderr, exitDelayMs: Date.now() - closedAt });
    });
  });
}

describe('no leaks', () => {
  it('5,000 create → attach → detach → destroy cycles: heap after GC within 10 %, and the process exits within 2 s of close()', async () => {
    const result = await runChild('leak-cycles.ts', [server.wsUrl, '5000', '500'], ['--expose-gc']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.stdout.split('\n')[0] as string) as {
      cycles: number;
      before: number;
      after: number;
      elapsedMs: number;
      pending: number;
      sessions: number;
    };
    const growth = (figures.after - figures.before) / figures.before;
    console.log(
      `leak: ${figures.cycles} cycles in ${figures.elapsedMs} ms; heap after GC ${(figures.before / 1e6).toFixed(2)} MB → ` +
        `${(figures.after / 1e6).toFixed(2)} MB (${(growth * 100).toFixed(1)} %); exit ${result.exitDelayMs} ms after close()`,
    );
    expect(Math.abs(growth)).toBeLessThan(0.1);
    expect(figures.pending).toBe(0);
    expect(figures.sessions).toBe(0);
    expect(result.exitDelayMs).toBeLessThan(EXIT_AFTER_CLOSE_MS);
  }, 120_000);

  it.each(['cuts', 'reconnecting', 'reclaiming', 'stalled', 'fuzzed'])(
    'after close() the process exits by itself within 2 s: %s over ws',
    async (scenario) => {
      const result = await runChild('exit-scenarios.ts', [scenario, server.wsUrl], [], 20_000);
      console.log(`exit (${scenario}, ws): ${result.exitDelayMs} ms after close()`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.exitDelayMs).toBeLessThan(EXIT_AFTER_CLOSE_MS);
    },
  );

  it.each(['cuts', 'reconnecting', 'stalled'])(
    'after close() the process exits by itself within 2 s: %s over http',
    async (scenario) => {
      const result = await runChild('exit-scenarios.ts', [scenario, server.httpUrl], [], 20_000);
      console.log(`exit (${scenario}, http): ${result.exitDelayMs} ms after close()`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.exitDelayMs).toBeLessThan(EXIT_AFTER_CLOSE_MS);
    },
  );
});
