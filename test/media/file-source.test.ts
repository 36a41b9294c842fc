/**
 * File sources without ffmpeg: WebM (VP8/Opus), IVF (VP8) and Ogg/Opus are played in process; what needs
 * transcoding fails at once with `FFMPEG_MISSING` when ffmpeg is absent (here: `PATH` without it). Runs
 * inside the private network namespace of `npm run test:media`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EchoTest, type JanusClient, JanusError, MediaSource } from '../../src/index.js';
import { assetPath } from '../../src/media/clip.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { requirePrivateNetns } from './support/net-guard.js';

describe('file sources without ffmpeg (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let dir: string;
  let recorded: string;
  const path = process.env.PATH;

  beforeAll(async () => {
    requirePrivateNetns();
    dir = await mkdtemp(join(tmpdir(), 'janus-xstate-files-'));
    server = await startJanus({
      plugins: ['echotest'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    // A WebM of our own (the clip, echoed and recorded in process) to play back.
    recorded = join(dir, 'recorded.webm');
    const echo = await (await janus.createSession()).attach(EchoTest);
    await echo.start({ audio: true, video: true, recordTo: recorded });
    await sleep(2500);
    await echo.closePeer();
    // From here on no ffmpeg can be found.
    process.env.PATH = join(dir, 'no-such-bin');
  });

  afterAll(async () => {
    process.env.PATH = path;
    await janus?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function echoOf(
    source: ReturnType<typeof MediaSource.file>,
    kinds: { audio: boolean; video: boolean },
  ) {
    const echo = await (await janus.createSession()).attach(EchoTest);
    await echo.start({ ...kinds, source });
    await sleep(1500);
    const stats = echo.stats();
    // The packets still in flight at that moment (a key frame's burst is several) are given 300 ms to come
    // back; what was sent meanwhile is counted as echoed, so `echoed` is a lower bound of the share of the
    // first 1.5 s that came back (a test:repeat run read 0.893 with the in-flight packets counted as lost).
    await sleep(300);
    const later = echo.stats();
    await echo.hangup();
    const echoed = (kind: 'audio' | 'video') =>
      (later[kind].packetsReceived - (later[kind].packetsSent - stats[kind].packetsSent)) /
      stats[kind].packetsSent;
    return { sent: { audio: stats.audio.packetsSent, video: stats.video.packetsSent }, echoed };
  }

  it('plays a WebM (VP8 + Opus) and loops it', async () => {
    const stats = await echoOf(MediaSource.file(recorded, { loop: true }), { audio: true, video: true });
    expect(stats.sent.audio).toBeGreaterThan(40);
    expect(stats.sent.video).toBeGreaterThan(20);
    expect(stats.echoed('audio')).toBeGreaterThanOrEqual(0.9);
    expect(stats.echoed('video')).toBeGreaterThanOrEqual(0.9);
  });

  it('plays an IVF (VP8) file', async () => {
    const stats = await echoOf(MediaSource.file(assetPath('clip.ivf')), { audio: false, video: true });
    expect(stats.sent.video).toBeGreaterThan(20);
    expect(stats.echoed('video')).toBeGreaterThanOrEqual(0.9);
  });

  it('plays an Ogg/Opus file', async () => {
    const stats = await echoOf(MediaSource.file(assetPath('clip.opus')), { audio: true, video: false });
    expect(stats.sent.audio).toBeGreaterThan(40);
    expect(stats.echoed('audio')).toBeGreaterThanOrEqual(0.9);
  });

  it('what needs transcoding fails at once with FFMPEG_MISSING', async () => {
    for (const source of [MediaSource.file(join(dir, 'film.mp4')), MediaSource.generated({ toneHz: 300 })]) {
      const echo = await (await janus.createSession()).attach(EchoTest);
      const error = await echo.start({ audio: true, video: true, source }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JanusError);
      expect((error as JanusError).code).toBe('FFMPEG_MISSING');
    }
  });
});
