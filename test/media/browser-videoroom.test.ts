/**
 * The browser build and the Node build in one VideoRoom: Chromium publishes its fake camera and microphone
 * and a Node subscriber (werift) receives the RTP; Node publishes the generated clip and Chromium decodes
 * its frames (`framesDecoded` from the native `getStats()`), and plays them in a <video>.
 * Needs the private network namespace:
 *   scripts/netns-run.sh npx vitest run --config vitest.media.config.ts test/media/browser-videoroom.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource, VideoRoom, waitForWebrtcUp } from '../../src/index.js';
import { type BrowserHarness, type BrowserPage, startBrowserHarness } from '../browser/harness.js';
import type { VideoPlaying, VideoRoomTotals } from '../browser/page-types.js';
import { pollUntil } from '../browser/poll.js';
import { failOutsidePrivateNetns, guardNetwork, type NetGuard } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

describe('browser build ↔ Node build through a VideoRoom', () => {
  let harness: BrowserHarness;
  let page: BrowserPage;
  let node: JanusClient;
  let guard: NetGuard;
  let room: number;

  beforeAll(async () => {
    if (!insideNetns) return;
    guard = guardNetwork();
    harness = await startBrowserHarness({
      janus: { plugins: ['videoroom'], extraNat: { ice_enforce_list: 'jpd0' } },
    });
    page = await harness.openPage('ours.html');
    node = await connect(harness.janus.wsUrl);
    const session = await node.createSession();
    const admin = await session.attach(VideoRoom);
    room = Number((await admin.create({ publishers: 4 })).room);
  });

  afterAll(async () => {
    await page?.call('vrClose').catch(() => undefined);
    await node?.close();
    await harness?.close();
    guard?.restore();
    expect(guard?.violations ?? []).toEqual([]);
  });

  it('Chromium publishes its camera and microphone; a Node subscriber receives the RTP', async () => {
    const { feed } = await page.call<{ feed: number }>('vrPublish', {
      url: harness.janus.wsUrl,
      room,
      display: 'chromium',
    });
    const session = await node.createSession();
    const subscriber = await session.attach(VideoRoom);
    await subscriber.join({ ptype: 'subscriber', room, streams: [{ feed }] });
    await subscriber.start();
    await waitForWebrtcUp(subscriber);
    const received = await pollUntil(
      async () => subscriber.receivedPackets(),
      (streams) => streams.every((stream) => stream.packets >= 25),
      10_000,
    );
    console.log(
      `figures: node subscriber of chromium ${JSON.stringify(received.map((s) => [s.type, s.packets]))}`,
    );
    expect(received.map((stream) => stream.type).sort()).toEqual(['audio', 'video']);
    for (const stream of received)
      expect(stream.packets, `${stream.type} packets`).toBeGreaterThanOrEqual(25);
    await subscriber.leave();
    expect(page.errors).toEqual([]);
  });

  it('Node publishes the generated clip; Chromium decodes its frames and plays them', async () => {
    const session = await node.createSession();
    const publisher = await session.attach(VideoRoom);
    const joined = await publisher.join({ ptype: 'publisher', room, display: 'node' });
    await publisher.publish(
      { display: 'node' },
      { audio: true, video: true, source: MediaSource.generated() },
    );
    await waitForWebrtcUp(publisher);
    await page.call('vrSubscribe', { url: harness.janus.wsUrl, room, feed: joined.id });
    const totals = await pollUntil(
      () => page.call<VideoRoomTotals>('vrTotals', 'subscriber'),
      (value) => value.native.framesDecoded >= 10 && value.native.audioIn >= 25,
      10_000,
    );
    console.log(`figures: chromium subscriber of node ${JSON.stringify(totals.native)}`);
    expect(totals.native.framesDecoded).toBeGreaterThanOrEqual(10);
    expect(totals.native.audioIn).toBeGreaterThanOrEqual(25);
    // The handle's own stats() (from getStats()) count the same packets.
    expect(totals.stats.video.packetsReceived).toBeGreaterThan(0);
    expect(totals.stats.audio.packetsReceived).toBeGreaterThan(0);
    // The <video> shows the clip: its 320×240 frames, and its clock moves.
    const playing = await page.call<VideoPlaying>('vrPlaying');
    expect([playing.width, playing.height]).toEqual([320, 240]);
    expect(playing.currentTime).toBeGreaterThan(0);
    await publisher.unpublish();
    expect(page.errors).toEqual([]);
  });
});
