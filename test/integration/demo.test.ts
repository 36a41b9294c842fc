/**
 * `npm run demo` fails loudly when media does not flow: played from a file ffmpeg cannot decode, the call
 * still comes up but no packet is sent, and the demo must exit non-zero with a `DEMO FAILED` verdict that
 * says so (the demo runs its own private namespace and Janus).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-example.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'janus-xstate-demo-'));
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Runs `npm run demo -- <args>` in the checkout; resolves with the exit code and output. */
function npmRunDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', 'demo', '--', ...args],
      { cwd: REPO_ROOT, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run demo with the media path broken', () => {
  it('exits 1 with a DEMO FAILED verdict naming what did not flow, when the source produces nothing', async () => {
    const garbage = join(scratch, 'garbage.webm');
    await writeFile(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    const { code, stdout, stderr } = await npmRunDemo(['--play', garbage]);
    expect(code, `${stdout}\n${stderr}`).toBe(1);
    const verdict = stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(verdict).toMatch(/^DEMO FAILED: /);
    expect(verdict).toContain('no audio packets were sent (the media source produced nothing)');
    expect(verdict).toContain('no video packets were sent (the media source produced nothing)');
    expect(stdout).not.toContain('DEMO PASSED');
  }, 180_000);
});
