/**
 * `npm run demo` fails loudly when media does not flow: played from an audio-only file (the shipped clip's
 * Opus track) in an audio+video call, the call still comes up but the source produces no video, and the
 * demo must exit non-zero with a `DEMO FAILED` verdict that says so (the demo runs its own private
 * namespace and Janus).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-example.js';

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
    const audioOnly = join(REPO_ROOT, 'assets', 'clip.opus');
    const { code, stdout, stderr } = await npmRunDemo(['--play', audioOnly]);
    expect(code, `${stdout}\n${stderr}`).toBe(1);
    const verdict = stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(verdict).toMatch(/^DEMO FAILED: /);
    expect(verdict).toContain('no video packets were sent (the media source produced nothing)');
    expect(verdict).toContain('has no video frames');
    expect(stdout).not.toContain('DEMO PASSED');
  }, 180_000);
});
