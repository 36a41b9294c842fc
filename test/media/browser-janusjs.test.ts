/**
 * Interop with the Janus project's own client: a page running Debian's janus.js 1.1.2 (with the
 * webrtc-adapter it expects) publishes into a VideoRoom and a page running our browser build subscribes
 * and decodes its frames; and the reverse, our build publishes and janus.js subscribes and decodes. Each
 * page runs in its own browser context of one headless Chromium. Needs the private network namespace:
 *   scripts/netns-run.sh npx vitest run --config vitest.media.config.ts test/media/browser-janusjs.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, VideoRoom } from '../../src/index.js';
import { type BrowserHarness, type BrowserPage, startBrowserHarness } from '../browser/harness.js';
import type { JanusJsInbound, VideoRoomTotals } from '../browser/page-types.js';
import { pollUntil } from '../browser/poll.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

describe('janus.js ↔ the browser build, in Chromium', () => {
  let harness: BrowserHarness;
  let ours: BrowserPage;
  let theirs: BrowserPage;
  let node: JanusClient;
  let room: number;

  beforeAll(async () => {
    if (!insideNetns) return;
    harness = await startBrowserHarness({
      janus: { plugins: ['videoroom'], extraNat: { ice_enforce_list: 'jpd0' } },
    });
    [ours, theirs] = await Promise.all([harness.openPage('ours.html'), harness.openPage('janusjs.html')]);
    node = await connect(harness.janus.wsUrl);
    const admin = await (await node.createSession()).attach(VideoRoom);
    room = Number((await admin.create({ publishers: 4 })).room);
  });

  afterAll(async () => {
    await ours?.call('vrClose').catch(() => undefined);
    await node?.close();
    await harness?.close();
  });

  it('janus.js publishes; our build subscribes and decodes its frames', async () => {
    const { feed } = await theirs.call<{ feed: number }>('jjsPublish', {
      server: harness.janus.wsUrl,
      room,
      display: 'janus.js',
    });
    await ours.call('vrSubscribe', { url: harness.janus.wsUrl, room, feed });
    const totals = await pollUntil(
      () => ours.call<VideoRoomTotals>('vrTotals', 'subscriber'),
      (value) => value.native.framesDecoded >= 10 && value.native.audioIn >= 25,
      10_000,
    );
    console.log(`figures: our subscriber of janus.js ${JSON.stringify(totals.native)}`);
    expect(totals.native.framesDecoded).toBeGreaterThanOrEqual(10);
    expect(totals.native.audioIn).toBeGreaterThanOrEqual(25);
    expect(ours.errors).toEqual([]);
    expect(theirs.errors).toEqual([]);
  });

  it('our build publishes; janus.js subscribes and decodes its frames', async () => {
    const { feed } = await ours.call<{ feed: number }>('vrPublish', {
      url: harness.janus.wsUrl,
      room,
      display: 'janus-xstate',
    });
    await theirs.call('jjsSubscribe', { server: harness.janus.wsUrl, room, feed });
    const inbound = await pollUntil(
      () => theirs.call<JanusJsInbound>('jjsInbound', 'subscriber'),
      (value) => value.framesDecoded >= 10 && value.audioPackets >= 25,
      10_000,
    );
    console.log(`figures: janus.js subscriber of ours ${JSON.stringify(inbound)}`);
    expect(inbound.framesDecoded).toBeGreaterThanOrEqual(10);
    expect(inbound.audioPackets).toBeGreaterThanOrEqual(25);
    expect(ours.errors).toEqual([]);
    expect(theirs.errors).toEqual([]);
  });
});
