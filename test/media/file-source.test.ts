/**
 * File sources without ffmpeg: WebM (VP8 or VP9, Opus), IVF (VP8 or VP9) and Ogg/Opus are played in
 * process (VP9 offered as the call's only video codec, so that Janus negotiates it); what needs
 * transcoding fails at once with `FFMPEG_MISSING` when ffmpeg is absent (here: `PATH` without it). Runs
 * inside the private network namespace of `npm run test:media`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EchoTest, type JanusClient, JanusError, MediaSource } from '../../src/index.js';
import { assetPath } from '../../src/media/clip.js';
import { inspectWebm } from '../../src/media/webm-file.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { requirePrivateNetns } from './support/net-guard.js';

/** The VP9 files of `scripts/make-vp9-fixtures.sh`. */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/media/${name}`, import.meta.url));

describe('file sources without ffmpeg (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let dir: string;
  let recorded: string;
  /** ffprobe, found before `PATH` loses it: it decodes what came back. */
  let ffprobe: string;
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
    ffprobe = execFileSync('sh', ['-c', 'command -v ffprobe'], { encoding: 'utf8' }).trim();
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
    recordTo?: string,
  ) {
    const echo = await (await janus.createSession()).attach(EchoTest);
    await echo.start({ ...kinds, source, ...(recordTo ? { recordTo } : {}) });
    await sleep(1500);
    const stats = echo.stats();
    // The packets still in flight at that moment (a key frame's burst is several) are given 300 ms to come
    // back; what was sent meanwhile is counted as echoed, so `echoed` is a lower bound of the share of the
    // first 1.5 s that came back (a test:repeat run read 0.893 with the in-flight packets counted as lost).
    await sleep(300);
    const later = echo.stats();
    // Closing our peer finalises the recording; Janus's hangup closes it only when its event arrives.
    if (recordTo) await echo.closePeer();
    await echo.hangup();
    const echoed = (kind: 'audio' | 'video') =>
      (later[kind].packetsReceived - (later[kind].packetsSent - stats[kind].packetsSent)) /
      stats[kind].packetsSent;
    const videoCodec = later.streams.find((stream) => stream.kind === 'video')?.codec;
    return { sent: { audio: stats.audio.packetsSent, video: stats.video.packetsSent }, echoed, videoCodec };
  }

  it('plays a WebM (VP8 + Opus) and loops it', async () => {
    const stats = await echoOf(MediaSource.file(recorded, { loop: true }), { audio: true, video: true });
    expect(stats.videoCodec).toBe('vp8');
    expect(stats.sent.audio).toBeGreaterThan(40);
    expect(stats.sent.video).toBeGreaterThan(20);
    expect(stats.echoed('audio')).toBeGreaterThanOrEqual(0.9);
    expect(stats.echoed('video')).toBeGreaterThanOrEqual(0.9);
  });

  it('plays an IVF (VP8) file', async () => {
    const stats = await echoOf(MediaSource.file(assetPath('clip.ivf')), { audio: false, video: true });
    expect(stats.videoCodec).toBe('vp8');
    expect(stats.sent.video).toBeGreaterThan(20);
    expect(stats.echoed('video')).toBeGreaterThanOrEqual(0.9);
  });

  it('plays a WebM (VP9 + Opus) in process: VP9 negotiated and echoed; the recorded echo decodes, at its size', async () => {
    const echoed = join(dir, 'vp9-echo.webm');
    const source = MediaSource.file(fixture('vp9-opus.webm'), { loop: true });
    const stats = await echoOf(source, { audio: true, video: true }, echoed);
    expect(stats.videoCodec).toBe('vp9');
    // Every frame of the echo decodes: ffprobe decodes them all and reports no error.
    const probe = spawnSync(
      ffprobe,
      [
        '-v',
        'error',
        '-count_frames',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=codec_name,nb_read_frames',
        '-of',
        'json',
        echoed,
      ],
      { encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    const video = (JSON.parse(probe.stdout) as { streams: { codec_name: string; nb_read_frames: string }[] })
      .streams[0];
    expect(video?.codec_name).toBe('vp9');
    // 1.8 s at 30 fps went out; the first frames wait for the recorder's first key frame.
    expect(Number(video?.nb_read_frames)).toBeGreaterThanOrEqual(30);
    // The file's header has the real picture size, read from the echoed key frame (not a default).
    const header = inspectWebm(echoed);
    expect(header.problems).toEqual([]);
    const track = header.tracks.find((candidate) => candidate.kind === 'video');
    expect([track?.codec, track?.width, track?.height]).toEqual(['V_VP9', 160, 120]);
    expect(stats.sent.audio).toBeGreaterThan(40);
    expect(stats.sent.video).toBeGreaterThan(20);
    expect(stats.echoed('audio')).toBeGreaterThanOrEqual(0.9);
    expect(stats.echoed('video')).toBeGreaterThanOrEqual(0.9);
  });

  it('plays an IVF (VP9) file in process', async () => {
    const stats = await echoOf(MediaSource.file(fixture('vp9.ivf'), { loop: true }), {
      audio: false,
      video: true,
    });
    expect(stats.videoCodec).toBe('vp9');
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
