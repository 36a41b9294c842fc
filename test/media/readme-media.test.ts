/**
 * The README's media snippets (`examples/readme/echotest-bot.ts`, `examples/readme/videoroom-bot.ts`) run
 * as a user runs them, against a private Janus inside the private network namespace of
 * `npm run test:media`. The recording the EchoTest bot leaves must be complete when it exits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../src/media/webm-recorder.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { runExample } from '../support/run-example.js';
import { requirePrivateNetns } from './support/net-guard.js';

let server: JanusServer;
let folder: string;

beforeAll(async () => {
  requirePrivateNetns();
  folder = await mkdtemp(join(tmpdir(), 'janus-xstate-readme-'));
  server = await startJanus({ plugins: ['echotest', 'videoroom'], extraNat: { ice_enforce_list: 'jpd0' } });
});

afterAll(async () => {
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The `<kind> N sent, M echoed` counts the EchoTest bot printed. */
function echoCounts(stdout: string, kind: string): { sent: number; echoed: number } {
  const match = new RegExp(`^${kind} (\\d+) sent, (\\d+) echoed$`, 'm').exec(stdout);
  expect(match, stdout).not.toBeNull();
  return { sent: Number(match?.[1]), echoed: Number(match?.[2]) };
}

describe('README media snippets', () => {
  it('echotest-bot.ts: media and data echoed, and echo.webm complete with audio and video at exit', async () => {
    const { code, stdout, stderr } = await runExample(
      'examples/readme/echotest-bot.ts',
      { JANUS_URL: server.wsUrl },
      { cwd: folder },
    );
    expect(code, stderr).toBe(0);
    for (const kind of ['audio', 'video']) {
      const { sent, echoed } = echoCounts(stdout, kind);
      expect(sent, kind).toBeGreaterThan(0);
      expect(echoed, kind).toBeGreaterThan(0);
    }
    expect(stdout).toContain('Janus EchoTest here! You wrote: hello');
    const probed = await probeMedia(join(folder, 'echo.webm'));
    expect(probed.streams.map((stream) => stream.kind).sort()).toEqual(['audio', 'video']);
    // Finalised: the container states its duration (a WebM cut off mid-write has none).
    expect(Number.isFinite(probed.durationS) && probed.durationS > 0, `duration ${probed.durationS}`).toBe(
      true,
    );
  });

  it('videoroom-bot.ts: publishes, subscribes, and receives packets of both kinds', async () => {
    const { code, stdout, stderr } = await runExample('examples/readme/videoroom-bot.ts', {
      JANUS_URL: server.wsUrl,
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("publishing [ 'opus', 'vp8' ]");
    for (const kind of ['audio', 'video']) {
      const match = new RegExp(`^${kind}: (\\d+) packets$`, 'm').exec(stdout);
      expect(match, stdout).not.toBeNull();
      expect(Number(match?.[1]), kind).toBeGreaterThan(0);
    }
  });
});
