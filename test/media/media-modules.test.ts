import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStreamTrack, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { type RtpSource, startRtpSource } from '../../src/media/generated-source.js';
import { RtpCounter } from '../../src/media/rtp-counter.js';
import { probeMedia, recordToWebm } from '../../src/media/webm-recorder.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

let dir: string;
beforeAll(async () => {
  if (!insideNetns) return;
  dir = await mkdtemp(join(tmpdir(), 'janus-xstate-media-test-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function packet(seq: number, timestamp: number, ssrc = 1, payload = 10): RtpPacket {
  return new RtpPacket(
    new RtpHeader({ sequenceNumber: seq, timestamp, ssrc, payloadType: 96 }),
    Buffer.alloc(payload),
  );
}

describe('RtpCounter', () => {
  it('counts packets, distinct packets across sequence wrap-around, SSRCs and media time', () => {
    const counter = new RtpCounter();
    // Sequence numbers and timestamps both wrap; packet 1 arrives twice.
    const steps = [0, 1, 2, 3, 3, 4];
    for (const step of steps)
      counter.count('video', packet((65534 + step) % 65536, (4294967276 + step * 10) % 2 ** 32));
    counter.count('video', packet(7, 0, 2));
    const video = counter.get('video');
    expect(video).toMatchObject({ packets: 7, payloadBytes: 70, distinct: 6, ssrcs: [1, 2] });
    expect(video.timestampSpan).toBe(40);
    expect(counter.get('audio')).toMatchObject({ packets: 0, distinct: 0, timestampSpan: 0 });
    expect(Object.keys(counter.snapshot())).toEqual(['video']);
  });

  it('handles a backwards step across the wrap (reordering) without inventing packets', () => {
    const counter = new RtpCounter();
    for (const seq of [0, 65535, 1]) counter.count('a', packet(seq, 100));
    expect(counter.get('a').distinct).toBe(3);
  });

  it('counts a long stream exactly in a bounded window: 100,000 packets across wraps, retransmissions once', () => {
    const counter = new RtpCounter();
    for (let n = 0; n < 100_000; n++) {
      counter.count('v', packet(n % 65536, 0));
      if (n % 1000 === 999) counter.count('v', packet((n - 20) % 65536, 0)); // a late retransmission
    }
    expect(counter.get('v')).toMatchObject({ packets: 100_100, distinct: 100_000 });
  });

  it('watches a werift track', () => {
    const track = new MediaStreamTrack({ kind: 'audio' });
    const counter = new RtpCounter();
    const stop = counter.watch('audio', track);
    track.writeRtp(packet(1, 0));
    stop();
    track.writeRtp(packet(2, 0));
    expect(counter.get('audio').packets).toBe(1);
  });
});

describe('startRtpSource (ffmpeg → RTP on loopback)', () => {
  it('produces real-time Opus and VP8 for a generated tone and pattern, and stops', async () => {
    const source = await startRtpSource({ durationS: 1.5 });
    const counter = new RtpCounter();
    source.onPacket((kind, p) => counter.count(kind, p));
    await source.ready();
    const exit = await source.exited;
    expect(exit).toMatchObject({ code: 0, stopped: false });
    const audio = counter.get('audio');
    const video = counter.get('video');
    // 20 ms Opus frames; VP8 at 30 fps, one or more packets per frame.
    expect(audio.timestampSpan / 48000).toBeGreaterThan(1.3);
    expect(audio.packets).toBeGreaterThanOrEqual(65);
    expect(video.timestampSpan / 90000).toBeGreaterThan(1.3);
    expect(video.packets).toBeGreaterThanOrEqual(40);
    expect(source.produced).toEqual({ audio: audio.packets, video: video.packets });
  });

  it('delivers everything ffmpeg sent by the time `exited` resolves, even after the event loop stalled', async () => {
    // A stalled loop makes packets arrive late, and the pacer's playout delay grows (up to 300 ms). The
    // pacer used to be stopped 80 ms after ffmpeg exited, dropping what it still held: a test:repeat run
    // counted 1.14 s of a 1.5 s source.
    const source = await startRtpSource({ durationS: 1.5 });
    const counter = new RtpCounter();
    source.onPacket((kind, p) => counter.count(kind, p));
    await source.ready();
    const until = Date.now() + 250;
    while (Date.now() < until) {
      // Busy: the event loop stalls as on a loaded machine.
    }
    const exit = await source.exited;
    expect(exit).toMatchObject({ code: 0, stopped: false });
    expect(counter.get('audio').packets).toBe(source.produced.audio);
    expect(counter.get('video').packets).toBe(source.produced.video);
    // 75 Opus frames of 20 ms: 1.48 s from the first time stamp to the last.
    expect(counter.get('audio').timestampSpan / 48000).toBeGreaterThanOrEqual(1.46);
  });

  it('loops a file and stops on request', async () => {
    const file = join(dir, 'one-second.mkv');
    await promisify(execFile)('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=1'],
      ...[
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=160x120:rate=15:duration=1',
        '-c:a',
        'libopus',
        '-c:v',
        'libvpx',
        file,
      ],
    ]);
    const source: RtpSource = await startRtpSource({ input: { type: 'file', path: file, loop: true } });
    const counter = new RtpCounter();
    source.onPacket((kind, p) => counter.count(kind, p));
    await source.ready();
    // More than the file's one second of media comes out: it loops (real time, so wait for it).
    const seconds = () =>
      Math.min(counter.get('audio').timestampSpan / 48000, counter.get('video').timestampSpan / 90000);
    for (let waited = 0; seconds() < 1.6 && waited < 15_000; waited += 50) await sleep(50);
    expect(seconds()).toBeGreaterThanOrEqual(1.6);
    expect(source.produced.audio).toBeGreaterThan(0);
    await source.stop();
    const exit = await source.exited;
    expect(exit.stopped).toBe(true);
    const after = source.produced.audio;
    await sleep(200);
    expect(source.produced.audio).toBe(after);
    await source.stop();
  });

  it('reports ffmpeg failing', async () => {
    const source = await startRtpSource({ input: { type: 'file', path: join(dir, 'missing.mkv') } });
    await expect(source.ready()).rejects.toThrow(/ffmpeg exited/);
    expect((await source.exited).code).not.toBe(0);
  });

  it('rejects asking for nothing', async () => {
    await expect(startRtpSource({ audio: false, video: false })).rejects.toThrow(/neither/);
  });
});

describe('recordToWebm + probeMedia', () => {
  it('writes both streams with the duration that was fed in', async () => {
    // Local tracks stand in for remote ones: werift's recorder only listens to onReceiveRtp.
    const audio = new MediaStreamTrack({
      kind: 'audio',
      codec: new RTCRtpCodecParameters({
        mimeType: 'audio/opus',
        clockRate: 48000,
        channels: 2,
        payloadType: 111,
      }),
    });
    const video = new MediaStreamTrack({
      kind: 'video',
      codec: new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, payloadType: 96 }),
    });
    const path = join(dir, 'out.webm');
    const recording = recordToWebm(path, { audio, video }, { width: 320, height: 240 });
    const source = await startRtpSource({ durationS: 2 });
    const counter = new RtpCounter();
    source.onPacket((kind, p) => counter.count(kind, p));
    source.pipeTo({ audio, video });
    await source.exited;
    await recording.stop();
    const probe = await probeMedia(path);
    expect(probe.streams.map((s) => `${s.kind}/${s.codec}`).sort()).toEqual(['audio/opus', 'video/vp8']);
    expect(probe.streams.find((s) => s.kind === 'video')).toMatchObject({ width: 320, height: 240 });
    const fed = counter.get('audio').timestampSpan / 48000;
    expect(Math.abs(probe.durationS - fed) / fed).toBeLessThan(0.1);
  });

  it('refuses other extensions or no track', () => {
    const track = new MediaStreamTrack({ kind: 'audio' });
    expect(() => recordToWebm(join(dir, 'x.mp4'), { audio: track })).toThrow(/\.webm/);
    expect(() => recordToWebm(join(dir, 'x.webm'), {})).toThrow(/no track/);
  });

  it('probeMedia rejects an unreadable file', async () => {
    await expect(probeMedia(join(dir, 'nothing.webm'))).rejects.toThrow(/ffprobe/);
  });
});
