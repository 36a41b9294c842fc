/**
 * examples/embedded-bot.ts run as a user would run it: its own statechart invokes `fromJanus(url)`,
 * drives a real EchoTest call through it, reaches its final state, and the process exits by itself
 * (the invoked connection stopped with the machine and closed its socket).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JanusServer } from '../../src/testing/index.js';
import { startMediaJanus } from './support/media-janus.js';
import { requirePrivateNetns } from './support/net-guard.js';

const example = fileURLToPath(new URL('../../examples/embedded-bot.ts', import.meta.url));
let server: JanusServer;

beforeAll(async () => {
  requirePrivateNetns();
  server = await startMediaJanus();
});

afterAll(async () => {
  await server?.stop();
});

/** Runs the example; resolves with its exit code (null when it had to be killed) and output. */
function runExample(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', example],
      { env: { ...process.env, ...env }, timeout: 40_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('examples/embedded-bot.ts', () => {
  it('its machine reaches its final state after a real EchoTest call, and the process exits by itself', async () => {
    const { code, stdout, stderr } = await runExample({ JANUS_WS_URL: server.wsUrl, ECHO_MS: '3000' });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^webrtcup$/m);
    // Janus reported receiving both kinds of media, which the EchoTest plugin sends back.
    expect(stdout).toMatch(/^done: media received by Janus: audio, video$/m);
    // Exit code 0, not killed by the timeout: the connection closed when the machine stopped.
    expect(code).toBe(0);
  });
});
