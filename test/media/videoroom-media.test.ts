/**
 * VideoRoom with real media between real participants: three publishers sending generated audio and
 * video, two multistream subscribers, and what moderators and participants do to them. Runs inside the
 * private network namespace of `npm run test:media` (scripts/netns-run.sh).
 */
import dgram from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource } from '../../src/index.js';
import {
  type ParticipantId,
  VideoRoom,
  type VideoRoomHandle,
  type VideoRoomPublisherStream,
  waitForWebrtcUp,
} from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

/** Polls `condition` every 50 ms until it holds; fails after `timeoutMs`. */
async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Packets received per publisher and kind on a subscriber: `{ [feed]: { audio, video } }`. */
function perFeed(sub: VideoRoomHandle): Record<string, { audio: number; video: number }> {
  const out: Record<string, { audio: number; video: number }> = {};
  for (const stream of sub.receivedPackets()) {
    if (stream.feed_id === undefined || !stream.active) continue;
    const key = String(stream.feed_id);
    const entry = out[key] ?? { audio: 0, video: 0 };
    out[key] = entry;
    if (stream.type === 'audio' || stream.type === 'video') entry[stream.type] += stream.packets;
  }
  return out;
}

/** Packets received on one subscription m-line. */
function onMid(sub: VideoRoomHandle, mid: string): number {
  return sub.receivedPackets().find((stream) => stream.mid === mid)?.packets ?? 0;
}

/** Resolves once `count` more packets arrived on `mid`; fails after `timeoutMs`. */
async function flows(sub: VideoRoomHandle, mid: string, count: number, timeoutMs = 10_000): Promise<void> {
  const start = onMid(sub, mid);
  await until(`${count} packets on mid ${mid}`, () => onMid(sub, mid) - start >= count, timeoutMs);
}

/** A light source: this machine runs three encoders and two subscribers at once. */
const source = (toneHz: number) =>
  MediaSource.generated({ toneHz, video: { width: 160, height: 120, fps: 15, bitrateKbps: 150 } });

/** How many packets arrive on `mid` during `ms`. */
async function growth(sub: VideoRoomHandle, mid: string, ms: number): Promise<number> {
  const before = onMid(sub, mid);
  await sleep(ms);
  return onMid(sub, mid) - before;
}

describe('VideoRoom with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let admin: VideoRoomHandle;
  const room = 4200 + Math.floor(Math.random() * 1000);
  const secret = 'mod';
  const publishers: VideoRoomHandle[] = [];
  const ids: ParticipantId[] = [];
  const publishedStreams = new Map<ParticipantId, VideoRoomPublisherStream[]>();
  const subscribers: VideoRoomHandle[] = [];
  const figures: Record<string, unknown> = {};

  const midOf = (feed: ParticipantId, type: 'audio' | 'video'): string => {
    const stream = publishedStreams.get(feed)?.find((s) => s.type === type);
    if (!stream) throw new Error(`publisher ${feed} has no ${type} stream`);
    return stream.mid;
  };
  const subMidOf = (sub: VideoRoomHandle, feed: ParticipantId, type: 'audio' | 'video'): string => {
    const stream = sub.streams.find((s) => s.feed_id === feed && s.type === type && s.active);
    if (!stream) throw new Error(`subscriber has no active ${type} from ${feed}`);
    return stream.mid;
  };

  beforeAll(async () => {
    if (!insideNetns) return;
    server = await startJanus({
      plugins: ['videoroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    const session = await janus.createSession();
    admin = await session.attach(VideoRoom);
    await admin.create({ room, secret, publishers: 6, description: 'media room' });
  });

  afterAll(async () => {
    console.log('videoroom figures', JSON.stringify(figures, null, 1));
    await janus?.close();
    await server?.stop();
  });

  it('three publishers publish generated audio and video (join + publish, joinAndConfigure)', async () => {
    for (const name of ['P1', 'P2', 'P3']) {
      const session = await janus.createSession();
      const pub = await session.attach(VideoRoom);
      let joined: Awaited<ReturnType<VideoRoomHandle['joinAndConfigure']>>;
      if (name === 'P3') {
        joined = await pub.joinAndConfigure(
          { room, display: name },
          { audio: true, video: true, source: source(660) },
        );
        publishedStreams.set(joined.id, joined.streams ?? []);
      } else {
        joined = await pub.join({ ptype: 'publisher', room, display: name });
        const configured = await pub.publish(
          { display: name },
          { source: source(name === 'P1' ? 440 : 550) },
        );
        expect(configured).toMatchObject({ configured: 'ok', room });
        publishedStreams.set(joined.id, configured.streams ?? []);
      }
      await waitForWebrtcUp(pub, { timeoutMs: 10_000 });
      publishers.push(pub);
      ids.push(joined.id);
    }
    for (const id of ids) {
      expect(publishedStreams.get(id)?.map((s) => `${s.type}/${s.codec}`)).toEqual([
        'audio/opus',
        'video/vp8',
      ]);
    }
    const listed = await admin.listParticipants({ room });
    expect(
      listed.participants
        .filter((p) => p.publisher)
        .map((p) => p.display)
        .sort(),
    ).toEqual(['P1', 'P2', 'P3']);
  });

  it('two subscribers receive RTP from every publisher', async () => {
    for (let i = 0; i < 2; i++) {
      const session = await janus.createSession();
      const sub = await session.attach(VideoRoom);
      const attached = await sub.join({
        ptype: 'subscriber',
        room,
        streams: ids.map((feed) => ({ feed })),
      });
      expect(attached.videoroom).toBe('attached');
      expect(sub.pendingOffer?.type).toBe('offer');
      expect(await sub.start()).toMatchObject({ started: 'ok', room });
      expect(sub.pendingOffer).toBeUndefined();
      await waitForWebrtcUp(sub, { timeoutMs: 10_000 });
      subscribers.push(sub);
    }
    for (const sub of subscribers) {
      await until('RTP from every publisher', () =>
        ids.every((id) => {
          const counts = perFeed(sub)[String(id)];
          return counts !== undefined && counts.audio > 50 && counts.video > 30;
        }),
      );
    }
    // Packets per subscriber per publisher over a fixed 3 s window.
    const before = subscribers.map((sub) => perFeed(sub));
    await sleep(3000);
    const after = subscribers.map((sub) => perFeed(sub));
    figures.packetsIn3sPerSubscriberPerPublisher = after.map((counts, i) =>
      Object.fromEntries(
        Object.entries(counts).map(([feed, now]) => {
          const then = before[i]?.[feed] ?? { audio: 0, video: 0 };
          return [feed, { audio: now.audio - then.audio, video: now.video - then.video }];
        }),
      ),
    );
    figures.totalPerSubscriberPerPublisher = after;
    for (const sub of subscribers) {
      const counts = perFeed(sub);
      expect(Object.keys(counts).sort()).toEqual(ids.map(String).sort());
    }
  });

  it('a publisher that unpublishes and leaves: unpublished/leaving for the others, its streams leave the subscriptions', async () => {
    const [p1, , p3] = publishers as [VideoRoomHandle, VideoRoomHandle, VideoRoomHandle];
    const leaver = ids[2] as ParticipantId;
    const unpublished = nextEvent(p1, 'unpublished', (e) => e.data.unpublished === leaver);
    const updated = subscribers.map((sub) => nextEvent(sub, 'updated', () => true, 10_000));
    expect(await p3.unpublish()).toMatchObject({ unpublished: 'ok' });
    await unpublished;
    await Promise.all(updated);
    for (const sub of subscribers) {
      await until('the leaver gone from the subscription', () =>
        sub.streams.every((s) => s.feed_id !== leaver || !s.active),
      );
    }
    // The renegotiation was answered by the handle itself: the others still flow.
    const s1 = subscribers[0] as VideoRoomHandle;
    await flows(s1, subMidOf(s1, ids[0] as ParticipantId, 'audio'), 10);
    const leaving = nextEvent(p1, 'leaving', (e) => e.data.leaving === leaver);
    expect(await p3.leave()).toMatchObject({ leaving: 'ok' });
    await leaving;
    ids.splice(2, 1);
    publishers.splice(2, 1);
  });

  it('switch pipes another publisher into an m-line; update unsubscribes and subscribes again', async () => {
    const [id1, id2] = ids as [ParticipantId, ParticipantId];
    const s2 = subscribers[1] as VideoRoomHandle;
    const subMid = subMidOf(s2, id1, 'video');
    const switched = await s2.switch({ streams: [{ feed: id2, mid: midOf(id2, 'video'), sub_mid: subMid }] });
    expect(switched).toMatchObject({ switched: 'ok', changes: 1 });
    expect(switched.streams.find((s) => s.mid === subMid)).toMatchObject({ feed_id: id2 });
    expect(s2.streams.find((s) => s.mid === subMid)?.feed_id).toBe(id2);
    await flows(s2, subMid, 10);

    const s1 = subscribers[0] as VideoRoomHandle;
    const p2Audio = subMidOf(s1, id2, 'audio');
    const removed = await s1.unsubscribe({ streams: [{ feed: id2 }] });
    expect(removed.videoroom).toBe('updated');
    expect(s1.streams.some((s) => s.feed_id === id2 && s.active)).toBe(false);
    await sleep(500);
    expect(await growth(s1, p2Audio, 1000)).toBe(0);
    const added = await s1.update({ subscribe: [{ feed: id2 }] });
    expect(added.videoroom).toBe('updated');
    const again = subMidOf(s1, id2, 'audio');
    await flows(s1, again, 10);
    figures.afterUpdate = perFeed(s1);
  });

  it('pause stops the delivery and start resumes it; configure turns one stream off and on', async () => {
    const s2 = subscribers[1] as VideoRoomHandle;
    const mid = subMidOf(s2, ids[0] as ParticipantId, 'audio');
    expect(await s2.pause()).toMatchObject({ paused: 'ok', room });
    await sleep(500);
    expect(await growth(s2, mid, 1000)).toBe(0);
    expect(s2.pendingOffer).toBeUndefined();
    expect(await s2.start()).toMatchObject({ started: 'ok', room });
    await flows(s2, mid, 10);
    expect(await s2.configure({ streams: [{ mid, send: false }] })).toMatchObject({ configured: 'ok' });
    await sleep(500);
    expect(await growth(s2, mid, 1000)).toBe(0);
    await s2.configure({ streams: [{ mid, send: true }] });
    await flows(s2, mid, 10);
  });

  it('a publisher renegotiates (configure with a new offer) and keeps flowing', async () => {
    const p1 = publishers[0] as VideoRoomHandle;
    const s1 = subscribers[0] as VideoRoomHandle;
    const configured = await p1.configure({ bitrate: 200_000 }, { audio: true, video: true });
    expect(configured).toMatchObject({ configured: 'ok', room });
    await flows(s1, subMidOf(s1, ids[0] as ParticipantId, 'video'), 10);
  });

  it('moderate mutes and unmutes a publisher stream', async () => {
    const id1 = ids[0] as ParticipantId;
    const s1 = subscribers[0] as VideoRoomHandle;
    const p2 = publishers[1] as VideoRoomHandle;
    const subMid = subMidOf(s1, id1, 'audio');
    const moderation = nextEvent(p2, 'moderation');
    expect(await admin.moderate({ room, secret, id: id1, mid: midOf(id1, 'audio'), mute: true })).toEqual({
      videoroom: 'success',
    });
    expect((await moderation).data).toMatchObject({ id: id1, moderation: 'muted' });
    await sleep(500);
    const muted = await growth(s1, subMid, 1500);
    await admin.moderate({ room, secret, id: id1, mid: midOf(id1, 'audio'), mute: false });
    await flows(s1, subMid, 10);
    const unmuted = await growth(s1, subMid, 1500);
    figures.moderation = { mutedPacketsIn1500ms: muted, unmutedPacketsIn1500ms: unmuted };
    expect(muted).toBe(0);
    expect(unmuted).toBeGreaterThan(10);
  });

  it('rtpForward delivers RTP to a UDP socket until stopRtpForward', async () => {
    const id1 = ids[0] as ParticipantId;
    const socket = dgram.createSocket('udp4');
    let received = 0;
    socket.on('message', () => {
      received += 1;
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;
    try {
      const forwarded = await admin.rtpForward({
        room,
        secret,
        publisher_id: id1,
        host: '127.0.0.1',
        streams: [{ mid: midOf(id1, 'audio'), port }],
      });
      expect(forwarded).toMatchObject({ videoroom: 'rtp_forward', room, publisher_id: id1 });
      const forwarder = forwarded.forwarders?.[0];
      expect(forwarder).toMatchObject({ type: 'audio', port });
      const listed = await admin.listForwarders({ room, secret });
      expect(listed.publishers.find((p) => p.publisher_id === id1)?.forwarders).toHaveLength(1);
      await until('forwarded RTP', () => received > 20);
      await sleep(1000);
      figures.rtpForwardPackets = received;
      await admin.stopRtpForward({ room, secret, publisher_id: id1, stream_id: forwarder?.stream_id ?? 0 });
      await sleep(200);
      const stoppedAt = received;
      await sleep(500);
      expect(received).toBe(stoppedAt);
      expect((await admin.listForwarders({ room, secret })).publishers.flatMap((p) => p.forwarders)).toEqual(
        [],
      );
    } finally {
      socket.close();
    }
  });

  it('edit, allowed, kick and destroy take effect', async () => {
    expect(await admin.edit({ room, secret, new_description: 'edited live' })).toMatchObject({
      videoroom: 'edited',
    });
    expect((await admin.list()).list.find((r) => r.room === room)?.description).toBe('edited live');

    await admin.allowed({ room, secret, action: 'add', allowed: ['invite'] });
    await admin.allowed({ room, secret, action: 'enable' });
    const session = await janus.createSession();
    const late = await session.attach(VideoRoom);
    await expect(late.join({ ptype: 'publisher', room })).rejects.toMatchObject({ janusCode: 433 });
    await expect(late.join({ ptype: 'publisher', room, token: 'invite' })).resolves.toMatchObject({
      videoroom: 'joined',
    });

    const [p1, p2] = publishers as [VideoRoomHandle, VideoRoomHandle];
    const kickedId = ids[1] as ParticipantId;
    const ownKick = nextEvent(p2, 'kicked');
    const othersSee = nextEvent(p1, 'kicked', (e) => 'kicked' in e.data && e.data.kicked === kickedId);
    const p2Hangup = nextEvent(p2, 'hangup');
    await admin.kick({ room, secret, id: kickedId });
    expect((await ownKick).data).toMatchObject({ leaving: 'ok', reason: 'kicked' });
    await othersSee;
    await p2Hangup;
    expect((await admin.listParticipants({ room })).participants.map((p) => p.id)).not.toContain(kickedId);

    // A subscriber closes its subscription.
    const s2 = subscribers[1] as VideoRoomHandle;
    const s2Hangup = nextEvent(s2, 'hangup');
    expect(await s2.leave()).toMatchObject({ videoroom: 'event', left: 'ok', room });
    await s2Hangup;

    // Janus tells the room's participants (not the subscriptions) and closes their PeerConnections.
    const destroyed = [p1, late].map((handle) => nextEvent(handle, 'destroyed'));
    const p1Hangup = nextEvent(p1, 'hangup');
    expect(await admin.destroy({ room, secret })).toMatchObject({ videoroom: 'destroyed', room });
    await Promise.all(destroyed);
    await p1Hangup;
    expect((await admin.exists({ room })).exists).toBe(false);
  });
});
