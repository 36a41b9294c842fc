/**
 * Record&Play with real media: record 3 s of generated audio and video, find the recording in `list`,
 * play it back and receive it, and convert the `.mjr` files with `janus-pp-rec` (Debian `janus-tools`)
 * into files whose duration `ffprobe` reports within 10 % of what was recorded. Runs inside the private
 * network namespace of `npm run test:media`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource } from '../../src/index.js';
import { RtpCounter } from '../../src/media/rtp-counter.js';
import { RecordPlay, RecordPlayErrorCode, type RecordPlayHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { pluginError } from '../support/plugin-errors.js';
import { requirePrivateNetns } from './support/net-guard.js';

const run = promisify(execFile);

async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The duration ffprobe reports for `file`, in seconds. */
async function probeDurationS(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'default=noprint_wrappers=1:nokey=1',
    file,
  ]);
  return Number.parseFloat(stdout.trim());
}

describe('Record&Play with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['recordplay'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
  });

  afterAll(async () => {
    console.log('recordplay figures', JSON.stringify(figures));
    await janus?.close();
    await server?.stop();
  });

  it('records 3 s, lists it, plays it back, and janus-pp-rec makes files of the same duration', async () => {
    // 3 s of generated tone and test pattern, sent once in real time.
    const clip = join(server.configDir, 'clip-3s.webm');
    await run('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=15:duration=3'],
      ...['-c:a', 'libopus', '-c:v', 'libvpx', '-y', clip],
    ]);
    const session = await janus.createSession();
    const recorder: RecordPlayHandle = await session.attach(RecordPlay);
    const name = `three seconds ${Date.now()}`;
    const recording = await recorder.record(
      { name, filename: 'three-seconds' },
      { source: MediaSource.file(clip, { video: { width: 160, height: 120, fps: 15, bitrateKbps: 150 } }) },
    );
    expect(recording.result.status).toBe('recording');
    const id = recording.result.id;
    expect(recorder.webrtcActive).toBe(true);
    // Media seconds sent: the RTP timestamp span written to our tracks (ffmpeg's first packets come in a
    // burst, so wall-clock time undercounts what gets recorded).
    const sentCounter = new RtpCounter();
    for (const transceiver of recorder.peer?.pc.getTransceivers() ?? []) {
      const track = transceiver.sender.track;
      if (track) sentCounter.watch(transceiver.kind, track);
    }
    const sentMediaS = (kind: 'audio' | 'video') =>
      sentCounter.get(kind).timestampSpan / (kind === 'audio' ? 48_000 : 90_000);
    // The clip ends after 3 s: wait until it was all sent and nothing more comes.
    await until(
      'the whole clip sent',
      () => {
        const lastAt = sentCounter.get('audio').lastAt;
        return lastAt !== undefined && performance.now() - lastAt > 500 && sentMediaS('audio') > 2.9;
      },
      20_000,
    );
    figures.sentAtStopS = sentMediaS('audio');
    const stopAt = performance.now();
    const done = nextEvent(recorder, 'done', () => true, 10_000);
    expect(await recorder.stop()).toEqual({ recordplay: 'event', result: { status: 'stopped', id } });
    await done;
    figures.stopToDoneMs = performance.now() - stopAt;
    const sentS = sentMediaS('audio');
    figures.sentS = sentS;
    figures.sentVideoS = sentMediaS('video');

    const listed = (await recorder.list()).list.find((entry) => entry.id === id);
    expect(listed).toMatchObject({
      id,
      name,
      audio: true,
      video: true,
      audio_codec: 'opus',
      video_codec: 'vp8',
    });

    // Play it back: the plugin offers, the handle answers with `start` and resolves once media is up.
    const player: RecordPlayHandle = await session.attach(RecordPlay);
    const playerDone = nextEvent(player, 'done', () => true, 20_000);
    const preparing = await player.play({ id });
    expect(preparing.result).toEqual({ status: 'preparing', id });
    expect(player.webrtcActive).toBe(true);
    const received = () => player.stats();
    await until(
      'played-back audio and video',
      () => received().audio.packetsReceived > 50 && received().video.packetsReceived > 20,
    );
    await playerDone;
    // The counts stay readable after the plugin closed the PeerConnection.
    const got = player.stats();
    expect(got.streams.map((stream) => [stream.kind, stream.codec])).toEqual([
      ['audio', 'opus'],
      ['video', 'vp8'],
    ]);
    figures.playedBack = {
      audioPackets: got.audio.packetsReceived,
      videoPackets: got.video.packetsReceived,
      audioMediaS: got.audio.receivedMediaS,
    };
    // Everything recorded comes back: ~50 audio packets a second for the length recorded.
    expect(got.audio.receivedMediaS).toBeGreaterThan(sentS * 0.9);

    // Convert with janus-pp-rec and measure with ffprobe.
    const folder = join(server.configDir, 'recordings');
    const audioMjr = join(folder, 'three-seconds-audio.mjr');
    const videoMjr = join(folder, 'three-seconds-video.mjr');
    expect(existsSync(audioMjr) && existsSync(videoMjr)).toBe(true);
    const opus = join(folder, 'three-seconds.opus');
    const webm = join(folder, 'three-seconds.webm');
    await run('janus-pp-rec', [audioMjr, opus]);
    await run('janus-pp-rec', [videoMjr, webm]);
    const audioS = await probeDurationS(opus);
    const videoS = await probeDurationS(webm);
    figures.converted = { audioS, videoS };
    expect(Math.abs(audioS - sentS) / sentS).toBeLessThanOrEqual(0.1);
    expect(Math.abs(videoS - sentS) / sentS).toBeLessThanOrEqual(0.1);
    expect(Math.abs(audioS - 3) / 3).toBeLessThanOrEqual(0.1);

    // An unknown recording.
    const unknown = await pluginError(player.play({ id: id === 1 ? 2 : 1 }));
    expect(unknown.janusCode).toBe(RecordPlayErrorCode.NOT_FOUND);
    await session.destroy();
  });
});
