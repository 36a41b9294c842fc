/**
 * The typed VideoRoom handle against a real Janus, over WS and HTTP: every request that needs no media.
 * Media (publishers, subscribers, switch, update, moderate, rtp_forward) is in test/media/videoroom-media.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, type JanusSession } from '../../src/index.js';
import { VideoRoom, VideoRoomErrorCode, type VideoRoomHandle } from '../../src/plugins/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';
import { pluginError, roomId } from '../support/plugin-errors.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe.each(TRANSPORTS)('VideoRoom signalling over $name', (transport) => {
  let janus: JanusClient;
  let session: JanusSession;
  let admin: VideoRoomHandle;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
    session = await janus.createSession();
    admin = await session.attach(VideoRoom);
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('attaches a typed handle', () => {
    expect(admin.plugin).toBe('janus.plugin.videoroom');
    expect(admin.state).toBe('attached');
    expect(admin.role).toBeUndefined();
  });

  it('create, exists, list, edit, destroy', async () => {
    const room = roomId();
    const created = await admin.create({ room, description: 'typed room', secret: 's3', publishers: 3 });
    expect(created).toMatchObject({ videoroom: 'created', room, permanent: false });
    expect(await admin.exists({ room })).toMatchObject({ videoroom: 'success', room, exists: true });

    const listed = await admin.list();
    expect(listed.videoroom).toBe('success');
    const info = listed.list.find((r) => r.room === room);
    expect(info).toMatchObject({ description: 'typed room', max_publishers: 3, num_participants: 0 });

    const wrongSecret = await pluginError(admin.edit({ room, secret: 'nope', new_description: 'x' }));
    expect(wrongSecret.janusCode).toBe(VideoRoomErrorCode.UNAUTHORIZED);
    expect(
      await admin.edit({ room, secret: 's3', new_description: 'renamed', new_publishers: 5 }),
    ).toMatchObject({
      videoroom: 'edited',
      room,
    });
    const after = (await admin.list()).list.find((r) => r.room === room);
    expect(after).toMatchObject({ description: 'renamed', max_publishers: 5 });

    const exists = await pluginError(admin.create({ room }));
    expect(exists.janusCode).toBe(VideoRoomErrorCode.ROOM_EXISTS);

    expect(await admin.destroy({ room, secret: 's3' })).toMatchObject({ videoroom: 'destroyed', room });
    expect((await admin.exists({ room })).exists).toBe(false);
    const missing = await pluginError(admin.destroy({ room, secret: 's3' }));
    expect(missing.janusCode).toBe(VideoRoomErrorCode.NO_SUCH_ROOM);
  });

  it('publishers join, are listed, see each other join and leave, get kicked, and see the room destroyed', async () => {
    const room = roomId();
    await admin.create({ room, secret: 'k', notify_joining: true });
    const alice = await session.attach(VideoRoom);
    const bob = await session.attach(VideoRoom);

    const joinedAlice = await alice.join({ ptype: 'publisher', room, display: 'Alice' });
    expect(joinedAlice).toMatchObject({ videoroom: 'joined', room, publishers: [] });
    expect(typeof joinedAlice.private_id).toBe('number');
    expect(alice.role).toBe('publisher');

    const joining = nextEvent(alice, 'joining');
    const joinedBob = await bob.join({ ptype: 'publisher', room, display: 'Bob', id: 4242 });
    expect(joinedBob.id).toBe(4242);
    expect(joinedBob.attendees).toEqual([{ id: joinedAlice.id, display: 'Alice' }]);
    expect((await joining).data.joining).toMatchObject({ id: 4242, display: 'Bob' });

    const participants = await admin.listParticipants({ room });
    expect(participants.videoroom).toBe('participants');
    expect(participants.participants.map((p) => p.display).sort()).toEqual(['Alice', 'Bob']);
    expect(participants.participants.every((p) => p.publisher === false)).toBe(true);

    const idTaken = await pluginError(
      (await session.attach(VideoRoom)).join({ ptype: 'publisher', room, id: 4242 }),
    );
    expect(idTaken.janusCode).toBe(VideoRoomErrorCode.ID_EXISTS);
    const twice = await pluginError(bob.join({ ptype: 'publisher', room }));
    expect(twice.janusCode).toBe(VideoRoomErrorCode.ALREADY_JOINED);

    // A display change reaches the others.
    const display = nextEvent(alice, 'display');
    expect(await bob.configure({ display: 'Robert' })).toMatchObject({ configured: 'ok', room });
    expect((await display).data).toMatchObject({ id: 4242, display: 'Robert' });

    // Kick: Bob gets his own 'kicked' (leaving ok, reason kicked), Alice the notification.
    const bobKicked = nextEvent(bob, 'kicked');
    const aliceSees = nextEvent(alice, 'kicked');
    expect(await admin.kick({ room, secret: 'k', id: 4242 })).toEqual({ videoroom: 'success' });
    expect((await bobKicked).data).toMatchObject({ leaving: 'ok', reason: 'kicked', room });
    expect((await aliceSees).data).toMatchObject({ kicked: 4242, room });
    expect((await admin.listParticipants({ room })).participants.map((p) => p.id)).toEqual([joinedAlice.id]);

    // Alice leaves; a third participant sees 'leaving'.
    const carol = await session.attach(VideoRoom);
    await carol.join({ ptype: 'publisher', room, display: 'Carol' });
    const leaving = nextEvent(carol, 'leaving');
    expect(await alice.leave()).toMatchObject({ videoroom: 'event', leaving: 'ok', room });
    expect((await leaving).data.leaving).toBe(joinedAlice.id);

    // Destroy: Carol gets 'destroyed'.
    const destroyed = nextEvent(carol, 'destroyed');
    await admin.destroy({ room, secret: 'k' });
    expect((await destroyed).data).toEqual({ videoroom: 'destroyed', room });
    await Promise.all([alice.detach(), bob.detach(), carol.detach()]);
  });

  it('allowed: the token ACL lets in only invited participants', async () => {
    const room = roomId();
    await admin.create({ room, secret: 'a' });
    expect(await admin.allowed({ room, secret: 'a', action: 'add', allowed: ['tok1'] })).toMatchObject({
      videoroom: 'success',
      room,
      allowed: ['tok1'],
    });
    expect(await admin.allowed({ room, secret: 'a', action: 'enable' })).toMatchObject({
      videoroom: 'success',
    });
    const stranger = await session.attach(VideoRoom);
    const refused = await pluginError(stranger.join({ ptype: 'publisher', room }));
    expect(refused.janusCode).toBe(VideoRoomErrorCode.UNAUTHORIZED);
    const invited = await session.attach(VideoRoom);
    await expect(invited.join({ ptype: 'publisher', room, token: 'tok1' })).resolves.toMatchObject({
      videoroom: 'joined',
    });
    expect(await admin.allowed({ room, secret: 'a', action: 'disable' })).toMatchObject({
      videoroom: 'success',
    });
    await expect(stranger.join({ ptype: 'publisher', room })).resolves.toMatchObject({ videoroom: 'joined' });
    await admin.destroy({ room, secret: 'a' });
    await Promise.all([stranger.detach(), invited.detach()]);
  });

  it('forwarders, recording and moderation requests are answered and validated', async () => {
    const room = roomId();
    await admin.create({ room, secret: 'f' });
    expect(await admin.listForwarders({ room, secret: 'f' })).toEqual({
      videoroom: 'forwarders',
      room,
      publishers: [],
    });
    expect(await admin.enableRecording({ room, secret: 'f', record: false })).toMatchObject({
      videoroom: 'success',
      record: false,
    });
    const noFeed = await pluginError(
      admin.rtpForward({ room, secret: 'f', publisher_id: 1, host: '127.0.0.1' }),
    );
    expect(noFeed.janusCode).toBe(VideoRoomErrorCode.NO_SUCH_FEED);
    const noForwarder = await pluginError(
      admin.stopRtpForward({ room, secret: 'f', publisher_id: 1, stream_id: 1 }),
    );
    expect(noForwarder.janusCode).toBe(VideoRoomErrorCode.NO_SUCH_FEED);
    const noUser = await pluginError(admin.moderate({ room, secret: 'f', id: 1, mid: '0', mute: true }));
    expect(noUser.janusCode).toBe(VideoRoomErrorCode.NO_SUCH_FEED);
    const noRoom = await pluginError(admin.listParticipants({ room: 1 }));
    expect(noRoom.janusCode).toBe(VideoRoomErrorCode.NO_SUCH_ROOM);
    await admin.destroy({ room, secret: 'f' });
  });

  it('subscriber join without a publisher and publish without an offer are rejected with their codes', async () => {
    const room = roomId();
    await admin.create({ room });
    const sub = await session.attach(VideoRoom);
    const noFeed = await pluginError(sub.join({ ptype: 'subscriber', room, streams: [{ feed: 999 }] }));
    expect(noFeed.janusCode).toBe(VideoRoomErrorCode.NO_SUCH_FEED);
    const pub = await session.attach(VideoRoom);
    const notJoined = await pluginError(pub.publish({}));
    expect(notJoined.janusCode).toBe(VideoRoomErrorCode.JOIN_FIRST);
    await pub.join({ ptype: 'publisher', room });
    const notPublished = await pluginError(pub.unpublish());
    expect(notPublished.janusCode).toBe(VideoRoomErrorCode.NOT_PUBLISHED);
    await admin.destroy({ room });
    await Promise.all([sub.detach(), pub.detach()]);
  });
});
