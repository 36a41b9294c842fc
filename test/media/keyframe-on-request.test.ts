/**
 * Keyframes on request: a VideoRoom subscriber that joins a publisher mid-stream gets a key frame at
 * once, because Janus's PLI reaches the publisher's sender (werift workaround (e)) and the in-process
 * clip jumps to its next key frame. Runs inside the private network namespace of `npm run test:media`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaStreamTrack } from 'werift';
import { connect, type JanusClient, MediaSource } from '../../src/index.js';
import type { JanusPeer } from '../../src/media/janus-peer.js';
import { isVp8KeyframePayload } from '../../src/media/vp8-rtp.js';
import { VideoRoom, type VideoRoomHandle, waitForWebrtcUp } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { requirePrivateNetns } from './support/net-guard.js';

/** The claim: the first key frame within this long after the subscriber's PeerConnection is up. */
const KEYFRAME_WITHIN_MS = 300;

interface JoinResult {
  /** ms from the subscriber's PeerConnection `connected` to its first key frame packet. */
  keyframeAfterMs: number;
  /** Keyframe requests the publisher counted during this join. */
  requestsAtPublisher: number;
}

describe('keyframes on request (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  const room = 5200 + Math.floor(Math.random() * 1000);
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['videoroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    const session = await janus.createSession();
    const admin = await session.attach(VideoRoom);
    await admin.create({ room, publishers: 4 });
  });

  afterAll(async () => {
    console.log('keyframe figures', JSON.stringify(figures));
    await janus?.close();
    await server?.stop();
  });

  async function publisher(workarounds: { keyframeRouting?: boolean } = {}) {
    const session = await janus.createSession();
    const pub = await session.attach(VideoRoom);
    const joined = await pub.joinAndConfigure(
      { room, display: 'clip' },
      { audio: true, video: true, source: MediaSource.generated(), workarounds },
    );
    await waitForWebrtcUp(pub, { timeoutMs: 10_000 });
    // Mid-stream: the clip has been playing for a while (key frames every 0.5 s).
    await sleep(700);
    return { pub, feed: joined.id, session };
  }

  async function joinOnce(pub: VideoRoomHandle, feed: number | string): Promise<JoinResult> {
    const peerOf = (handle: VideoRoomHandle): JanusPeer => {
      const peer = handle.peer;
      if (!peer) throw new Error('no peer');
      return peer;
    };
    const requestsBefore = peerOf(pub).stats().keyframeRequests;
    const session = await janus.createSession();
    const sub = await session.attach(VideoRoom);
    await sub.join({ ptype: 'subscriber', room, streams: [{ feed }] });
    let upAt: number | undefined;
    let keyAt: number | undefined;
    const watched = new Set<MediaStreamTrack>();
    const watch = (track: MediaStreamTrack | undefined) => {
      if (!track || watched.has(track)) return;
      watched.add(track);
      track.onReceiveRtp.subscribe((packet) => {
        if (keyAt === undefined && isVp8KeyframePayload(packet.payload)) keyAt = performance.now();
      });
    };
    // Resolve at Janus's `started` reply, before ICE/DTLS, so that `upAt` below is the real moment.
    const started = sub.start({}, { waitForMedia: false });
    // The handle creates its peer at the start of `start()`, before Janus's offer is applied.
    while (!sub.peer) await sleep(0);
    const peer = sub.peer;
    peer.on('connection', (state) => {
      if (state === 'connected') upAt ??= performance.now();
    });
    peer.on('track', (kind, track) => kind === 'video' && watch(track));
    await started;
    expect(peer.connected).toBe(false); // so `upAt` is the real moment, not missed
    watch(peer.remoteTracks.video);
    await waitForWebrtcUp(sub, { timeoutMs: 10_000 });
    const deadline = performance.now() + 5000;
    while (keyAt === undefined && performance.now() < deadline) await sleep(5);
    await session.destroy();
    if (upAt === undefined || keyAt === undefined) throw new Error('no key frame within 5 s');
    return {
      keyframeAfterMs: keyAt - upAt,
      requestsAtPublisher: peerOf(pub).stats().keyframeRequests - requestsBefore,
    };
  }

  it(`a subscriber joining mid-stream gets a key frame within ${KEYFRAME_WITHIN_MS} ms, 20 of 20, the PLI counted at the publisher`, async () => {
    const { pub, feed, session } = await publisher();
    const runs: JoinResult[] = [];
    for (let i = 0; i < 20; i++) runs.push(await joinOnce(pub, feed));
    await session.destroy();
    const delays = runs.map((run) => Math.round(run.keyframeAfterMs));
    figures.keyframeAfterMs = delays;
    figures.requestsPerJoin = runs.map((run) => run.requestsAtPublisher);
    expect(delays.filter((ms) => ms > KEYFRAME_WITHIN_MS)).toEqual([]);
    expect(runs.every((run) => run.requestsAtPublisher >= 1)).toBe(true);
  });

  it('control: without workaround (e) the publisher counts no keyframe request', async () => {
    const { pub, feed, session } = await publisher({ keyframeRouting: false });
    const runs: JoinResult[] = [];
    for (let i = 0; i < 3; i++) runs.push(await joinOnce(pub, feed));
    await session.destroy();
    figures.controlKeyframeAfterMs = runs.map((run) => Math.round(run.keyframeAfterMs));
    expect(runs.map((run) => run.requestsAtPublisher)).toEqual([0, 0, 0]);
  });
});
