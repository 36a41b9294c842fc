/**
 * The CLI's `echotest` command in-process, inside the private namespace (the demo runs the same
 * `runEchoTest` in a child process): it prints progress and a summary, and leaves a recording with both
 * streams.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { probeMedia } from '../../src/media/webm-recorder.js';
import type { JanusServer } from '../../src/testing/index.js';
import { startMediaJanus } from './support/media-janus.js';
import { requirePrivateNetns } from './support/net-guard.js';

let server: JanusServer;
let folder: string;

beforeAll(async () => {
  requirePrivateNetns();
  folder = await mkdtemp(join(tmpdir(), 'janus-xstate-cli-'));
  server = await startMediaJanus();
});

afterAll(async () => {
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('janus-xstate echotest', () => {
  it('prints progress lines and a summary, and records the echo with audio and video', async () => {
    const record = join(folder, 'cli-echo.webm');
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
    try {
      await commands.echotest!([server.wsUrl], { seconds: '2', record });
    } finally {
      spy.mockRestore();
    }
    const out = chunks.join('');
    expect(out).toMatch(/audio \d+ sent \/ \d+ echoed/);
    const summary = /^webrtcup [\d.]+ ms after connect; echoed audio ([\d.]+)%, video ([\d.]+)%/m.exec(out);
    expect(summary, out).not.toBeNull();
    expect(Number(summary?.[1])).toBeGreaterThan(0);
    expect(Number(summary?.[2])).toBeGreaterThan(0);
    expect(out).toContain(`recorded the echo to ${record}`);
    const probed = await probeMedia(record);
    expect(probed.streams.map((stream) => stream.kind).sort()).toEqual(['audio', 'video']);
  });
});
