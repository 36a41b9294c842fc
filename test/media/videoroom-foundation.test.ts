/**
 * The plugin foundation with real media: `publish` resolves when the feed can be subscribed to, and
 * every handle with media reports the same `stats()` shape. Runs inside the private network namespace
 * of `npm run test:media`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EchoTest, type JanusClient, MediaSource } from '../../src/index.js';
import { VideoCall, VideoRoom, type VideoRoomHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { requirePrivateNetns } from './support/net-guard.js';
import { expectMediaStatsShape } from './support/stats-shape.js';

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const source = (toneHz: number) =>
  MediaSource.generated({ toneHz, video: { width: 160, height: 120, fps: 15, bitrateKbps: 150 } });

describe('plugin foundation with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  const room = 5200 + Math.floor(Math.random() * 1000);

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['videoroom', 'echotest', 'videocall'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    const admin = await (await janus.createSession()).attach(VideoRoom);
    await admin.create({ room, publishers: 4 });
  });

  afterAll(async () => {
    await janus?.close();
    await server?.stop();
  });

  it('a subscriber that joins right after `await publish()` gets media (no 428 No such feed)', async () => {
    const pub = await (await janus.createSession()).attach(VideoRoom);
    const joined = await pub.join({ ptype: 'publisher', room, display: 'pub' });
    await pub.publish({}, { source: source(440) });
    // No waitForWebrtcUp here: publish itself resolves once the feed exists.
    const sub = await (await janus.createSession()).attach(VideoRoom);
    await sub.join({ ptype: 'subscriber', room, streams: [{ feed: joined.id }] });
    await sub.start();
    await until('RTP on the subscription', () =>
      sub.stats().streams.every((stream) => stream.packetsReceived > 20),
    );
    const stats = sub.stats();
    expectMediaStatsShape(stats, { withFeed: true });
    expect(stats.streams.map((stream) => stream.feed)).toEqual([joined.id, joined.id]);
    expect(stats.streams.map((stream) => `${stream.kind}/${stream.codec}`)).toEqual([
      'audio/opus',
      'video/vp8',
    ]);
    // receivedPackets() is a view of stats().streams.
    const view = sub.receivedPackets();
    expect(view.map((stream) => stream.mid)).toEqual(stats.streams.map((stream) => stream.mid));
    expectMediaStatsShape(pub.stats());
    expect(pub.stats().audio.packetsSent).toBeGreaterThan(0);
    await sub.detach();
    await pub.detach();
  });

  it('Janus sends unpublished twice per unpublish: the other participants get one notice', async () => {
    const pub = await (await janus.createSession()).attach(VideoRoom);
    const joined = await pub.join({ ptype: 'publisher', room, display: 'twice' });
    await pub.publish({}, { source: source(300) });
    const observer = await (await janus.createSession()).attach(VideoRoom);
    await observer.join({ ptype: 'publisher', room, display: 'observer' });
    const notices: unknown[] = [];
    const raw: unknown[] = [];
    observer.on('unpublished', (event) => notices.push(event.data.unpublished));
    observer.on('event', (event) => {
      if ('unpublished' in event.data) raw.push(event.data.unpublished);
    });
    await pub.unpublish();
    await until('the unpublished notice', () => notices.length > 0);
    await sleep(1500);
    expect(raw.length).toBeGreaterThanOrEqual(1);
    expect(notices).toEqual([joined.id]);
    // Publishing again gives a new notice on the next unpublish.
    await pub.publish({}, { source: source(300) });
    await pub.unpublish();
    await until('the second unpublished notice', () => notices.length > 1);
    await sleep(1000);
    expect(notices).toEqual([joined.id, joined.id]);
    await pub.detach();
    await observer.detach();
  });

  it('a body with a client option rejects with INVALID_ARGUMENT and nothing is sent', async () => {
    const sub = await (await janus.createSession()).attach(VideoRoom);
    const sent: unknown[] = [];
    const start = sub.start({ recordTo: '/tmp/never.webm' } as unknown as Record<string, never>);
    await expect(start).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const publish = sub.publish({ audio: 'recvonly' } as unknown as Parameters<
      VideoRoomHandle['publish']
    >[0]);
    await expect(publish).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(sub.peer).toBeUndefined();
    expect(sent).toEqual([]);
    await sub.detach();
  });

  it('EchoTest, VideoRoom and VideoCall handles report the same stats() shape', async () => {
    const echo = await (await janus.createSession()).attach(EchoTest);
    await echo.start({ source: source(500) });
    await until('echoed packets', () => echo.stats().streams.every((stream) => stream.packetsReceived > 10));
    expectMediaStatsShape(echo.stats());
    const alice = await (await janus.createSession()).attach(VideoCall);
    const bob = await (await janus.createSession()).attach(VideoCall);
    await alice.register({ username: `a${room}` });
    await bob.register({ username: `b${room}` });
    const ringing = new Promise<void>((resolve) => bob.once('incomingcall', () => resolve()));
    const calling = alice.call({ username: `b${room}` }, { source: source(600), timeoutMs: 15_000 });
    await ringing;
    await bob.accept({}, { source: source(700) });
    await calling;
    await until('call media both ways', () =>
      [alice, bob].every((handle) => handle.stats().streams.every((stream) => stream.packetsReceived > 10)),
    );
    expectMediaStatsShape(alice.stats());
    expectMediaStatsShape(bob.stats());
    await alice.hangup({});
    await echo.detach();
  });
});
