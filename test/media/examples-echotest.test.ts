/**
 * examples/echotest.ts run as a user would run it: a separate process, only the public API, against a
 * Janus it did not start (started here, in the private namespace of `npm run test:media`).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JanusServer } from '../../src/testing/index.js';
import { startMediaJanus } from './support/media-janus.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

const example = fileURLToPath(new URL('../../examples/echotest.ts', import.meta.url));
let server: JanusServer;

beforeAll(async () => {
  if (!insideNetns) return;
  server = await startMediaJanus();
});

afterAll(async () => {
  await server?.stop();
});

/** Runs the example; resolves with its exit code and output (never rejects on a non-zero exit). */
function runExample(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', example],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('examples/echotest.ts', () => {
  it('echoes ≥95% of 3 s of generated audio and video, prints the counts, and exits 0 by itself', async () => {
    const { code, stdout, stderr } = await runExample({ JANUS_WS_URL: server.wsUrl });
    expect(stderr).toBe('');
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/^webrtcup after \d+ ms$/m);
    expect(stdout).toMatch(/^audio: sent \d+ packets, echoed \d+ \([\d.]+%\)$/m);
    expect(stdout).toMatch(/^video: sent \d+ packets, echoed \d+ \([\d.]+%\)$/m);
    const total = /^total: sent (\d+), echoed (\d+) \(([\d.]+)%\) OK$/m.exec(stdout);
    expect(total, stdout).not.toBeNull();
    const [, sent, echoed, share] = total as RegExpExecArray;
    expect(Number(sent)).toBeGreaterThan(50);
    expect(Number(echoed) / Number(sent)).toBeGreaterThanOrEqual(0.95);
    expect(Number(share)).toBeGreaterThanOrEqual(95);
  });

  it('exits 2 with a usage line when JANUS_WS_URL is missing', async () => {
    const { code, stderr } = await runExample({ JANUS_WS_URL: '' });
    expect(code).toBe(2);
    expect(stderr).toContain('set JANUS_WS_URL');
  });
});
