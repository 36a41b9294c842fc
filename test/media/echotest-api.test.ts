/**
 * The EchoTest through the public API, with real media, against a private Janus in the private network
 * namespace that `npm run test:media` creates (scripts/netns-run.sh).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RTCPeerConnection } from 'werift';
import {
  connect,
  EchoTest,
  type EchoTestHandle,
  type JanusClient,
  type MediaEvent,
  MediaSource,
} from '../../src/index.js';
import { probeMedia } from '../../src/media/webm-recorder.js';
import type { JanusServer } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { bothCredentials, expectIceRestarted, iceState, watchIceStates } from './support/ice-restart.js';
import { startMediaJanus } from './support/media-janus.js';
import { failOutsidePrivateNetns, guardNetwork, type NetGuard } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

let server: JanusServer;
let janus: JanusClient;
let guard: NetGuard;
let dir: string;

beforeAll(async () => {
  if (!insideNetns) return;
  guard = guardNetwork();
  dir = await mkdtemp(join(tmpdir(), 'janus-xstate-echo-api-'));
  server = await startMediaJanus();
  janus = await connect(server.wsUrl);
});

afterAll(async () => {
  await janus?.close();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  guard?.restore();
});

/** Polls `condition` every 50 ms until it holds; fails after `timeoutMs`. */
async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Records every candidate the handle trickles to Janus (the requests still go out). */
function recordTrickles(handle: EchoTestHandle): unknown[] {
  const trickles: unknown[] = [];
  const send = handle.trickle.bind(handle);
  handle.trickle = async (candidate, options) => {
    trickles.push(candidate);
    return send(candidate, options);
  };
  return trickles;
}

/** Share of sent packets that came back, per kind. */
type Counts = { packetsSent: number; packetsReceived: number };

/** Packets received over packets sent, in one window. */
function share(counts: Counts): number {
  return counts.packetsSent === 0 ? 0 : counts.packetsReceived / counts.packetsSent;
}

/**
 * The share of what was sent up to `then` that came back by `now`, at least: what was sent between the
 * two reads is taken off what came back. Packets still in flight at `then` (a key frame is a burst of
 * several) are not counted as lost, and nothing sent later is counted as echoed.
 */
function echoed(then: Counts, now: Counts): number {
  if (then.packetsSent === 0) return 0;
  return (now.packetsReceived - (now.packetsSent - then.packetsSent)) / then.packetsSent;
}

describe('EchoTest with real media (public API)', () => {
  it('echoes audio, video and data, reports media events, records both streams, and hangs up', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    const media: MediaEvent[] = [];
    echo.on('media', (event) => media.push(event));
    const recordTo = join(dir, 'echo.webm');
    await echo.start({ audio: true, video: true, data: true, source: MediaSource.generated(), recordTo });
    expect(echo.webrtcActive).toBe(true);
    const texts: string[] = [];
    const bytes: Uint8Array[] = [];
    echo.on('data', (message) => (typeof message === 'string' ? texts.push(message) : bytes.push(message)));
    echo.sendData('hello');
    echo.sendData(new Uint8Array([1, 2, 3, 250]));
    // Nominally 3 s are 150 audio and ~90 video packets; on a loaded machine ffmpeg falls behind, so wait
    // for both the time and enough packets for the ratios below to mean something.
    await until(
      '3 s of media and 100 audio / 50 video packets',
      () => {
        const now = echo.stats();
        return now.audio.sentDurationS >= 3 && now.audio.packetsSent >= 100 && now.video.packetsSent >= 50;
      },
      20_000,
    );
    const stats = echo.stats();
    await sleep(300);
    const later = echo.stats();
    const mediaS = later.audio.receivedMediaS; // the hangup closes the peer (and the recording) right after
    expect(echoed(stats.audio, later.audio)).toBeGreaterThanOrEqual(0.95);
    expect(echoed(stats.video, later.video)).toBeGreaterThanOrEqual(0.95);
    expect(media.map((event) => event.type).sort()).toEqual(expect.arrayContaining(['audio', 'video']));
    expect(media.every((event) => event.receiving)).toBe(true);
    expect(texts.some((text) => text.includes('hello'))).toBe(true);
    expect(bytes.length + texts.length).toBeGreaterThanOrEqual(2);

    const hungUp = nextEvent(echo, 'hangup');
    await echo.hangup();
    await hungUp;
    await echo.closePeer();
    expect(echo.webrtcActive).toBe(false);
    expect(echo.state).toBe('attached');
    expect(echo.peer).toBeUndefined();

    const probed = await probeMedia(recordTo);
    const kinds = probed.streams.map((stream) => stream.kind).sort();
    expect(kinds).toEqual(['audio', 'video']);
    // The header carries the source's size (320×240 for the generated pattern).
    expect(probed.streams.find((stream) => stream.kind === 'video')).toMatchObject({
      width: 320,
      height: 240,
    });
    // Media time received (RTP timestamps), not wall clock: ffmpeg runs slow on a loaded machine.
    expect(mediaS).toBeGreaterThan(1);
    expect(Math.abs(probed.durationS - mediaS) / mediaS).toBeLessThan(0.1);
    await session.destroy();
  });

  it('renegotiates: adds video to an audio-only call', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    await echo.start({ audio: true, video: false });
    await until('audio echoed', () => echo.stats().audio.packetsReceived > 10);
    expect(echo.stats().video.packetsSent).toBe(0);
    await echo.start({ audio: true, video: true });
    await until('video echoed', () => echo.stats().video.packetsReceived > 10);
    // Packets written while Janus was still taking the new offer are lost: compare a later window.
    const from = echo.stats().video;
    await until('30 more video packets', () => echo.stats().video.packetsSent - from.packetsSent >= 30);
    await sleep(200);
    const to = echo.stats().video;
    expect(
      (to.packetsReceived - from.packetsReceived) / (to.packetsSent - from.packetsSent),
    ).toBeGreaterThanOrEqual(0.9);
    expect(echo.jsepActor?.getSnapshot().context.rounds).toBe(2);
    await session.destroy();
  });

  it('restarts ICE: new credentials in both SDPs, ICE leaves and regains connected, media counted after it', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    await echo.start({ audio: true, video: true });
    await until('media echoed', () => echo.stats().video.packetsReceived > 10);
    const pc = echo.peer?.pc as RTCPeerConnection;
    const before = bothCredentials(pc);
    const ice = watchIceStates(pc);
    await echo.restartIce({ audio: true, video: true });
    expect(echo.jsepActor?.getSnapshot().context.rounds).toBe(2);
    // Counts, not a fixed sleep: the ffmpeg source runs slow when the machine is loaded.
    await until(
      'ICE connected again after leaving connected',
      () => ice.states.some((state) => state !== 'connected') && iceState(pc) === 'connected',
      5000,
    );
    ice.stop();
    console.log(`ICE states during the restart: ${ice.states.join(' → ')}`);
    expectIceRestarted(pc, before, ice.states);
    // Only packets sent and echoed after ICE came back count.
    const from = echo.stats();
    await until(
      'media echoed after the restart',
      () => {
        const now = echo.stats();
        return (
          now.audio.packetsReceived - from.audio.packetsReceived > 30 &&
          now.video.packetsReceived - from.video.packetsReceived > 20
        );
      },
      10_000,
    );
    const to = echo.stats();
    const delta = (kind: 'audio' | 'video') => ({
      packetsSent: to[kind].packetsSent - from[kind].packetsSent,
      packetsReceived: to[kind].packetsReceived - from[kind].packetsReceived,
    });
    expect(share(delta('audio'))).toBeGreaterThanOrEqual(0.9);
    expect(share(delta('video'))).toBeGreaterThanOrEqual(0.9);
    await session.destroy();
  });

  it('works without trickle: one complete SDP, no trickle requests', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    const trickles = recordTrickles(echo);
    await echo.start({ audio: true, video: true, trickle: false });
    expect(trickles).toEqual([]);
    expect(echo.jsepActor?.getSnapshot().context.localJsep?.trickle).toBe(false);
    expect(echo.jsepActor?.getSnapshot().context.localJsep?.sdp).toContain('a=candidate:');
    await until('audio echoed', () => echo.stats().audio.packetsReceived > 10);
    await session.destroy();
  });

  it('trickles candidates with the default options', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    const trickles = recordTrickles(echo);
    await echo.start({ audio: true, video: false });
    await sleep(200);
    expect(trickles.length).toBeGreaterThan(0);
    expect(trickles.at(-1)).toBeNull();
    await session.destroy();
  });

  it('sent no packet to any address but the namespace’s own during all of the above', () => {
    expect(guard.targets.length).toBeGreaterThan(0);
    expect(guard.violations).toEqual([]);
  });
});
