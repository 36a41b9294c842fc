/**
 * VoiceMail with real media: leave a message (generated audio), stop it, and the `done` event names an
 * `.opus` file that exists and holds about as much audio as was sent; the 10 s limit ends a message by
 * itself with an unsolicited `done`. Runs inside the private network namespace of `npm run test:media`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource } from '../../src/index.js';
import { VoiceMail, VoiceMailErrorCode, type VoiceMailHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { pluginError } from '../support/plugin-errors.js';
import { requirePrivateNetns } from './support/net-guard.js';

const run = promisify(execFile);

async function probeDurationS(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-show_entries', 'format=duration'],
    ...['-of', 'default=noprint_wrappers=1:nokey=1', file],
  ]);
  return Number.parseFloat(stdout.trim());
}

describe('VoiceMail with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['voicemail'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
  });

  afterAll(async () => {
    console.log('voicemail figures', JSON.stringify(figures));
    await janus?.close();
    await server?.stop();
  });

  it('leaves a message: stop answers done, naming an .opus file that exists', async () => {
    const session = await janus.createSession();
    const mailbox: VoiceMailHandle = await session.attach(VoiceMail);
    const started = nextEvent(mailbox, 'status', (event) => event.data.status === 'started', 10_000);
    const reply = await mailbox.record({}, { source: MediaSource.generated({ toneHz: 330 }) });
    expect(['starting', 'started']).toContain(reply.status);
    expect(mailbox.webrtcActive).toBe(true);
    if (reply.status === 'starting') await started;
    const twice = await pluginError(mailbox.message({ request: 'record' }));
    expect(twice.janusCode).toBe(VoiceMailErrorCode.ALREADY_RECORDING);
    const deadline = Date.now() + 15_000;
    while (mailbox.stats().audio.sentDurationS < 2) {
      if (Date.now() > deadline) throw new Error('2 s of audio were not sent within 15 s');
      await sleep(50);
    }
    // Media sent, not wall-clock time: after a stall of the event loop the pacer moves on instead of
    // sending the missed frames in a burst, so the wall-clock span can exceed what was sent (a test:repeat
    // run: 2.03 s of wall clock, 1.3 s in the file). The clip's Opus frames are 20 ms each.
    const sentWallS = mailbox.stats().audio.sentDurationS;
    const sentS = mailbox.stats().audio.packetsSent * 0.02;
    const detached = nextEvent(mailbox, 'detached', () => true, 10_000);
    const done = await mailbox.stop();
    expect(done.status).toBe('done');
    const file = done.recording ?? '';
    expect(file).toMatch(/janus-voicemail-\d+\.opus$/);
    expect(file.startsWith(server.configDir)).toBe(true);
    expect(existsSync(file)).toBe(true);
    // After `done` the plugin ends the handle.
    await detached;
    const durationS = await probeDurationS(file);
    figures.stopped = { sentS, sentWallS, durationS };
    // What was sent before `stop` is in the file (the first packets may go before recording starts).
    expect(durationS).toBeGreaterThan(sentS * 0.75);
    expect(durationS).toBeLessThan(sentS + 1);
    await session.destroy();
  });

  it('ends a message by itself after 10 s with an unsolicited done event', async () => {
    const session = await janus.createSession();
    const mailbox: VoiceMailHandle = await session.attach(VoiceMail);
    let startedAt = 0;
    mailbox.on('status', (event) => {
      if (event.data.status === 'started') startedAt = performance.now();
    });
    const done = nextEvent(mailbox, 'done', () => true, 30_000);
    await mailbox.record({}, { source: MediaSource.generated({ toneHz: 550 }) });
    const event = await done;
    const elapsedS = (performance.now() - startedAt) / 1000;
    const file = event.data.recording ?? '';
    expect(existsSync(file)).toBe(true);
    const durationS = await probeDurationS(file);
    figures.byItself = { elapsedS, durationS };
    // The plugin stops 10 s after the PeerConnection came up (`started`); our source starts a little later.
    expect(startedAt).toBeGreaterThan(0);
    expect(elapsedS).toBeGreaterThanOrEqual(9);
    expect(durationS).toBeGreaterThan(5);
    expect(durationS).toBeLessThanOrEqual(10.1);
    await session.destroy();
  });
});
