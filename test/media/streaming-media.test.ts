/**
 * Streaming with real media: RTP mountpoints fed by our own RTP sender over UDP (Opus tones from
 * ffmpeg, relayed by this process), a watcher that receives and records them, `switch` between two
 * mountpoints, `pause`/`start`, and an ondemand file mountpoint. Runs inside the private network
 * namespace of `npm run test:media`.
 */
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient } from '../../src/index.js';
import { type RtpSource, startRtpSource } from '../../src/media/index.js';
import { Streaming, type StreamingHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { writeOpusTone } from '../support/opus-file.js';
import { rmsLevelDb } from './support/audio-level.js';
import { requirePrivateNetns } from './support/net-guard.js';
import { expectMediaStatsShape } from './support/stats-shape.js';

const TONE_A = 440;
const TONE_B = 1800;
/** A tone's band must differ by this much between "its" mountpoint and the other (measured ~50 dB). */
const BAND_GAP_DB = 20;

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Our RTP sender: an ffmpeg Opus tone whose packets this process sends over UDP to `port`. */
interface Feed {
  sent: number;
  stop(): Promise<void>;
}

async function feed(toneHz: number, port: number): Promise<Feed> {
  const source: RtpSource = await startRtpSource({
    input: { type: 'generated', toneHz },
    audio: true,
    video: false,
  });
  const socket: Socket = createSocket('udp4');
  const state = { sent: 0 };
  const stopListening = source.onPacket((_kind, packet) => {
    packet.header.payloadType = 111;
    socket.send(packet.serialize(), port, '127.0.0.1');
    state.sent += 1;
  });
  await source.ready();
  return {
    get sent() {
      return state.sent;
    },
    stop: async () => {
      stopListening();
      await source.stop();
      socket.close();
    },
  };
}

const received = (viewer: StreamingHandle): number => viewer.stats().audio.packetsReceived;
const position = (viewer: StreamingHandle): number => viewer.stats().streams[0]?.mediaSecondsReceived ?? 0;

describe('Streaming with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let admin: StreamingHandle;
  let viewer: StreamingHandle;
  let dir: string;
  const feeds: Feed[] = [];
  const base = 7000 + Math.floor(Math.random() * 1000);
  const mountA = base;
  const mountB = base + 1;
  const figures: Record<string, unknown> = {};
  let recording = '';
  let switchedAt = 0;

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['streaming'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    admin = await (await janus.createSession()).attach(Streaming);
    dir = await mkdtemp(join(tmpdir(), 'janus-xstate-streaming-'));
  });

  afterAll(async () => {
    console.log('streaming figures', JSON.stringify(figures));
    for (const f of feeds) await f.stop();
    await janus?.close();
    await server?.stop();
  });

  it('an RTP mountpoint fed by our RTP sender over UDP reaches a watcher', async () => {
    for (const [id, tone] of [
      [mountA, TONE_A],
      [mountB, TONE_B],
    ] as const) {
      const created = await admin.create({
        type: 'rtp',
        id,
        description: `tone ${tone}`,
        media: [{ type: 'audio', mid: 'a', port: 0, pt: 111, codec: 'opus' }],
      });
      const port = created.stream.ports?.[0]?.port;
      if (!port) throw new Error('the mountpoint reported no port');
      feeds.push(await feed(tone, port));
    }
    viewer = await (await janus.createSession()).attach(Streaming);
    recording = join(dir, 'viewer.webm');
    const started = await viewer.watch({ id: mountA }, { recordTo: recording });
    expect(started).toMatchObject({ streaming: 'event', result: { status: 'starting' } });
    expect(viewer.webrtcActive).toBe(true);
    await until('RTP at the watcher', () => received(viewer) > 100);
    expectMediaStatsShape(viewer.stats());
    expect(viewer.stats().streams[0]).toMatchObject({ kind: 'audio', codec: 'opus' });
    figures.sentA = feeds[0]?.sent;
    figures.receivedA = received(viewer);
    expect(feeds[0]?.sent ?? 0).toBeGreaterThan(0);
    expect((await admin.info({ id: mountA })).info.viewers).toBe(1);
  });

  it('pause stops the delivery and start resumes it', async () => {
    expect(await viewer.pause()).toMatchObject({ result: { status: 'pausing' } });
    await sleep(300);
    const paused = received(viewer);
    await sleep(1000);
    const duringPause = received(viewer) - paused;
    // A resume answers `started` (the 1.1.2 code; its doc says `starting`).
    expect(await viewer.start()).toMatchObject({ result: { status: 'started' } });
    const resumed = received(viewer);
    await until('RTP again after start', () => received(viewer) - resumed > 25, 5000);
    figures.packetsDuringPause = duringPause;
    expect(duringPause).toBe(0);
  });

  it('configure turns a stream off and on', async () => {
    expect(await viewer.configure({ mid: 'a', send: false })).toMatchObject({
      result: { event: 'configured' },
    });
    await sleep(300);
    const off = received(viewer);
    await sleep(1000);
    const duringOff = received(viewer) - off;
    await viewer.configure({ mid: 'a', send: true });
    const on = received(viewer);
    await until('RTP again after send: true', () => received(viewer) - on > 25, 5000);
    figures.packetsWhileOff = duringOff;
    expect(duringOff).toBe(0);
  });

  it('switch to another mountpoint changes what arrives', async () => {
    await sleep(1500);
    switchedAt = position(viewer);
    expect(await viewer.switch({ id: mountB })).toMatchObject({ result: { switched: 'ok', id: mountB } });
    const before = received(viewer);
    await until('RTP from the new mountpoint', () => received(viewer) - before > 100);
    await sleep(1500);
    const end = position(viewer);
    await viewer.stop();
    await viewer.closePeer();
    const levels = {
      toneABefore: await rmsLevelDb(recording, { fromS: switchedAt - 1.2, durationS: 1, bandHz: TONE_A }),
      toneBBefore: await rmsLevelDb(recording, { fromS: switchedAt - 1.2, durationS: 1, bandHz: TONE_B }),
      toneAAfter: await rmsLevelDb(recording, {
        fromS: switchedAt + 0.7,
        durationS: end - switchedAt - 1.2,
        bandHz: TONE_A,
      }),
      toneBAfter: await rmsLevelDb(recording, {
        fromS: switchedAt + 0.7,
        durationS: end - switchedAt - 1.2,
        bandHz: TONE_B,
      }),
    };
    figures.switchLevelsDb = levels;
    expect(levels.toneABefore - levels.toneBBefore).toBeGreaterThan(BAND_GAP_DB);
    expect(levels.toneBAfter - levels.toneAAfter).toBeGreaterThan(BAND_GAP_DB);
  });

  it('an ondemand file mountpoint plays its file to a watcher', async () => {
    const file = await writeOpusTone('ondemand', 700, 3);
    const id = base + 2;
    await admin.create({
      type: 'ondemand',
      id,
      audio: true,
      filename: file,
      audiocodec: 'opus',
      audiopt: 111,
    });
    const watcher = await (await janus.createSession()).attach(Streaming);
    const path = join(dir, 'ondemand.webm');
    await watcher.watch({ id }, { recordTo: path });
    await until('the file at the watcher', () => received(watcher) > 75);
    figures.ondemandPackets = received(watcher);
    await watcher.stop();
    await watcher.closePeer();
    expect(await rmsLevelDb(path, { bandHz: 700 })).toBeGreaterThan(-50);
    await admin.destroy({ id });
  });
});
