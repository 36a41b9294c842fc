/**
 * The browser build in a real Chromium (Debian `chromium`, headless, driven by playwright-core through its
 * `executablePath`; fake camera and microphone), against one private Janus, in one file so that Janus,
 * Chromium and the bundle are set up once (each group has its own browser context and room):
 * - EchoTest: `webrtcup`, more than 95 % of the audio and video packets echoed (the handle's `stats()`, from
 *   `getStats()`), the data channel echoed;
 * - VideoRoom with the Node build: Chromium publishes and a Node subscriber (werift) receives the RTP; Node
 *   publishes the generated clip and Chromium decodes its frames (`framesDecoded`) and plays them;
 * - janus.js interop: a page running Debian's janus.js 1.1.2 (with webrtc-adapter) publishes and our build
 *   subscribes and decodes; our build publishes and janus.js subscribes and decodes;
 * - resilience: the fault proxy (`test/fault/tcp-proxy.ts`) between the page and Janus's WebSocket cuts it;
 *   the session is claimed with the same id, the handle answers a request, events still reach it;
 * - inspection: `@statelyai/inspect`'s WebSocket inspector in the page sends the connection → session →
 *   handle tree of the page's actors to a receiver the test runs.
 * Needs the private network namespace (Janus does no ICE on loopback):
 *   scripts/netns-run.sh npx vitest run --config vitest.media.config.ts test/media/browser-build.test.ts
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { connect, type JanusClient, MediaSource, VideoRoom, waitForWebrtcUp } from '../../src/index.js';
import { type BrowserHarness, type BrowserPage, startBrowserHarness } from '../browser/harness.js';
import type {
  EchoCallResult,
  JanusJsInbound,
  ResilienceState,
  VideoPlaying,
  VideoRoomTotals,
} from '../browser/page-types.js';
import { pollUntil } from '../browser/poll.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';
import { failOutsidePrivateNetns, guardNetwork, type NetGuard } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();
/** Seconds of EchoTest media. */
const SECONDS = 4;

let harness: BrowserHarness;
let node: JanusClient;
let guard: NetGuard;

beforeAll(async () => {
  if (!insideNetns) return;
  guard = guardNetwork();
  harness = await startBrowserHarness({
    routes: await readmeRoutes(),
    janus: {
      plugins: ['echotest', 'videoroom'],
      // The resilience group's session survives its cut link for this long.
      reclaimSessionTimeoutS: 20,
      extraNat: { ice_enforce_list: 'jpd0' },
    },
  });
  node = await connect(harness.janus.wsUrl);
});

afterAll(async () => {
  await node?.close();
  await harness?.close();
  guard?.restore();
  // The Node side (werift) sent UDP only to this namespace's own addresses.
  expect(guard?.violations ?? []).toEqual([]);
});

/**
 * README.md's browser snippet (`examples/readme/browser-echotest.ts`), its types stripped by esbuild and
 * nothing else changed, on a page whose import map points `janus-xstate/browser` at the bundle.
 */
async function readmeRoutes() {
  const source = readFileSync(new URL('../../examples/readme/browser-echotest.ts', import.meta.url), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>readme</title>
<script type="importmap">{ "imports": { "janus-xstate/browser": "/janus-xstate.js" } }</script>
<script type="module" src="/readme/browser-echotest.js"></script></head><body></body></html>`;
  return {
    '/readme/echo.html': { text: html, contentType: 'text/html; charset=utf-8' },
    '/readme/browser-echotest.js': { text: code, contentType: 'text/javascript; charset=utf-8' },
  };
}

/** A new VideoRoom room, created from Node. */
async function createRoom(options: { notify_joining?: boolean } = {}): Promise<number> {
  const admin = await (await node.createSession()).attach(VideoRoom);
  return Number((await admin.create({ publishers: 4, ...options })).room);
}

/** The machine id of an `@xstate.actor` event (from its serialised definition). */
function machineId(event: Received): string | undefined {
  try {
    return event.definition ? (JSON.parse(event.definition) as { id?: string }).id : undefined;
  } catch {
    return undefined;
  }
}

/** What the inspection receiver keeps of each event. */
interface Received {
  type?: string;
  sessionId?: string;
  parentId?: string;
  rootId?: string;
  definition?: string;
  snapshot?: { value?: unknown; context?: Record<string, unknown> };
}

describe('EchoTest in Chromium', () => {
  let page: BrowserPage;

  beforeAll(async () => {
    if (!insideNetns) return;
    page = await harness.openPage('ours.html');
  });

  it('fake camera and microphone: webrtcup, > 95 % of audio and video echoed, the data channel echoed', async () => {
    const texts = ['hello from chromium', 'ünïcödé ✓', 'third'];
    const result = await page.call<EchoCallResult>('echoCall', {
      url: harness.janus.wsUrl,
      seconds: SECONDS,
      texts,
    });
    const { first, stats, frames } = result;
    const whole = (kind: 'audio' | 'video') => `${stats[kind].packetsReceived}/${stats[kind].packetsSent}`;
    const afterFirstSecond = (kind: 'audio' | 'video') =>
      `${stats[kind].packetsReceived - first[kind].packetsReceived}/${stats[kind].packetsSent - first[kind].packetsSent}`;
    console.log(
      `figures: browser echotest whole call audio ${whole('audio')} video ${whole('video')}; ` +
        `after the first second audio ${afterFirstSecond('audio')} video ${afterFirstSecond('video')}; frames ${frames.decoded}/${frames.encoded}`,
    );
    expect(result.webrtcupEvents).toBe(1);
    for (const kind of ['audio', 'video'] as const) {
      // From one second into the call to its end (see echo.js for why not from its first packet).
      const sent = stats[kind].packetsSent - first[kind].packetsSent;
      const echoed = stats[kind].packetsReceived - first[kind].packetsReceived;
      // Media really flowed for the whole call: Opus sends 50 packets a second; the fake camera's VP8 more.
      expect(sent, `${kind} packets sent`).toBeGreaterThan((SECONDS - 1) * 25);
      expect(echoed / sent, `${kind} echoed / sent`).toBeGreaterThan(0.95);
    }
    // The echoed video decodes: frames back over frames sent.
    expect(frames.decoded / frames.encoded).toBeGreaterThan(0.95);
    const kinds = result.stats.streams.map((stream) => stream.kind).sort();
    expect(kinds).toEqual(['audio', 'video']);
    // Janus's EchoTest sends each data channel message back; the order is kept.
    expect(result.echoed).toEqual(texts.map((text) => expect.stringContaining(text)));
    expect(page.errors).toEqual([]);
  });
});

describe('the browser build and the Node build through a VideoRoom', () => {
  let page: BrowserPage;
  let room: number;

  beforeAll(async () => {
    if (!insideNetns) return;
    page = await harness.openPage('ours.html');
    room = await createRoom();
  });

  afterAll(async () => {
    await page?.call('vrClose').catch(() => undefined);
  });

  /**
   * Has the page publish with `publishFn` as `display`, subscribes from Node, and returns each stream's
   * packets once every one has 25 (or after 10 s), logged as a figure; the subscriber then leaves.
   */
  async function nodeReceives(publishFn: string, display: string) {
    const { feed } = await page.call<{ feed: number }>(publishFn, {
      url: harness.janus.wsUrl,
      room,
      display,
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
      `figures: node subscriber of ${display} ${JSON.stringify(received.map((s) => [s.type, s.packets]))}`,
    );
    await subscriber.leave();
    return received;
  }

  it('Chromium publishes its camera and microphone; a Node subscriber receives the RTP', async () => {
    const received = await nodeReceives('vrPublish', 'chromium');
    expect(received.map((stream) => stream.type).sort()).toEqual(['audio', 'video']);
    for (const stream of received)
      expect(stream.packets, `${stream.type} packets`).toBeGreaterThanOrEqual(25);
    expect(page.errors).toEqual([]);
  });

  it('Chromium publishes a canvas it draws on; a Node subscriber receives its video RTP', async () => {
    const received = await nodeReceives('vrPublishCanvas', 'a canvas');
    expect(received.map((stream) => stream.type)).toEqual(['video']);
    expect(received[0]?.packets, 'video packets').toBeGreaterThanOrEqual(25);
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

describe("janus.js (the Janus project's client) and the browser build", () => {
  let ours: BrowserPage;
  let theirs: BrowserPage;
  let room: number;

  beforeAll(async () => {
    if (!insideNetns) return;
    [ours, theirs] = await Promise.all([harness.openPage('ours.html'), harness.openPage('janusjs.html')]);
    room = await createRoom();
  });

  afterAll(async () => {
    await ours?.call('vrClose').catch(() => undefined);
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

describe('the browser build on a cut WebSocket', () => {
  let page: BrowserPage;
  let proxy: TcpProxy;
  let room: number;

  beforeAll(async () => {
    if (!insideNetns) return;
    proxy = await startTcpProxy({ port: Number(new URL(harness.janus.wsUrl).port) });
    page = await harness.openPage('ours.html');
    room = await createRoom({ notify_joining: true });
  });

  afterAll(async () => {
    await page?.call('rsClose').catch(() => undefined);
    await proxy?.close();
  });

  it('claims the session after the cut: same session, the handle answers, events still arrive', async () => {
    const url = `ws://127.0.0.1:${proxy.port}`;
    const opened = await page.call<{ sessionId: number; handleId: number }>('rsOpen', {
      url,
      room,
      display: 'chromium',
    });
    expect(proxy.accepted).toBe(1);

    proxy.cutAll();
    const state = () => page.call<ResilienceState>('rsState');
    const after = await pollUntil(state, (s) => s.counts.reclaimed >= 1 && s.connection === 'open', 15_000);
    // Reconnected through the proxy (a second connection) and claimed the same session, handle intact.
    expect(proxy.cuts).toBeGreaterThanOrEqual(1);
    expect(proxy.accepted).toBeGreaterThanOrEqual(2);
    expect(after.counts).toMatchObject({ reconnected: 1, reclaimed: 1, lost: 0, detached: 0 });
    expect(after.connection).toBe('open');
    expect([after.sessionId, after.handleId]).toEqual([opened.sessionId, opened.handleId]);
    expect([after.session, after.handle]).toEqual(['active', 'attached']);

    // The same handle object answers a request: the room still lists it.
    expect(await page.call<string[]>('rsRequest')).toContain('chromium');
    // An event nobody asked for reaches it: someone joins the room (notify_joining).
    const joiner = await (await node.createSession()).attach(VideoRoom);
    await joiner.join({ ptype: 'publisher', room, display: 'joined-after-the-cut' });
    const withEvent = await pollUntil(
      state,
      (s) => s.events.some((event) => JSON.stringify(event.data).includes('joined-after-the-cut')),
      10_000,
    );
    const joining = withEvent.events.find((event) =>
      JSON.stringify(event.data).includes('joined-after-the-cut'),
    );
    expect(joining?.handleId).toBe(opened.handleId);
    expect(joining?.data).toMatchObject({ videoroom: 'event', joining: { display: 'joined-after-the-cut' } });
    expect(page.errors).toEqual([]);
  });
});

describe('the browser build in Stately Inspector', () => {
  let page: BrowserPage;
  let receiver: WebSocketServer;
  const received: Received[] = [];

  beforeAll(async () => {
    if (!insideNetns) return;
    page = await harness.openPage('ours.html');
    receiver = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => receiver.once('listening', () => resolve()));
    receiver.on('connection', (socket) => {
      socket.on('message', (data) => {
        try {
          received.push(JSON.parse(String(data)) as Received);
        } catch {
          // not an inspection event
        }
      });
    });
  });

  afterAll(async () => {
    for (const client of receiver?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  it("receives the page's connection → session → handle actors as one tree", async () => {
    const { port } = receiver.address() as AddressInfo;
    await page.call('inspectRun', { url: harness.janus.wsUrl, inspectorUrl: `ws://127.0.0.1:${port}` });
    const actorOf = (id: string) =>
      received.find((event) => event.type === '@xstate.actor' && machineId(event) === id);
    // Every event asserted below must have arrived before the inspector stops (it sends asynchronously:
    // stopping at the handle's actor event once lost its `attached` snapshot).
    const snapshotValues = (actor: Received | undefined) =>
      received
        .filter((event) => event.type === '@xstate.snapshot' && event.sessionId === actor?.sessionId)
        .map((event) => JSON.stringify(event.snapshot?.value));
    await pollUntil(
      async () => actorOf('handle'),
      (found) =>
        found !== undefined &&
        snapshotValues(found).some((value) => value.includes('attached')) &&
        snapshotValues(actorOf('connection')).some((value) => value.includes('open')),
      10_000,
    );
    await page.call('inspectStop');
    const connection = actorOf('connection');
    const session = actorOf('session');
    const handle = actorOf('handle');
    expect(connection, 'the connection actor').toBeDefined();
    expect(connection?.parentId).toBeUndefined();
    expect(session?.parentId).toBe(connection?.sessionId);
    expect(handle?.parentId).toBe(session?.sessionId);
    expect(new Set(received.map((event) => event.rootId).filter(Boolean))).toEqual(
      new Set([connection?.sessionId]),
    );
    // Their snapshots came too: the connection was seen open, the handle attached.
    expect(snapshotValues(connection).some((value) => value.includes('open'))).toBe(true);
    expect(snapshotValues(handle).some((value) => value.includes('attached'))).toBe(true);
    expect(page.errors).toEqual([]);
  });
});

describe("README.md's browser snippet", () => {
  it('runs as written: an EchoTest call with the fake devices echoes audio and video packets', async () => {
    const context = await harness.browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const url = encodeURIComponent(harness.janus.wsUrl);
      await page.goto(`${harness.server.origin}/readme/echo.html?janus=${url}`);
      await page.waitForFunction(() => document.title.startsWith('echoed'), undefined, { timeout: 30_000 });
      const [, audio, video] = /^echoed (\d+) audio and (\d+) video packets$/.exec(await page.title()) ?? [];
      expect(errors).toEqual([]);
      // Two seconds of media after webrtcup: ~100 audio packets at 50/s, and video at Chromium's rate.
      expect(Number(audio)).toBeGreaterThan(40);
      expect(Number(video)).toBeGreaterThan(20);
    } finally {
      await context.close();
    }
  });
});
