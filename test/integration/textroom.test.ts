/**
 * The typed TextRoom handle against a real Janus, over WS and HTTP: every request that goes over the Janus
 * API. Chat over the data channel is in test/media/textroom-media.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, type JanusSession } from '../../src/index.js';
import { TextRoom, TextRoomErrorCode, type TextRoomHandle } from '../../src/plugins/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { pluginError, roomId } from '../support/plugin-errors.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe.each(TRANSPORTS)('TextRoom signalling over $name', (transport) => {
  let janus: JanusClient;
  let session: JanusSession;
  let handle: TextRoomHandle;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
    session = await janus.createSession();
    handle = await session.attach(TextRoom);
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('attaches a typed handle without a data channel', async () => {
    expect(handle.plugin).toBe('janus.plugin.textroom');
    expect(handle.dataReady).toBe(false);
    await expect(handle.join({ room: 1234, username: 'x' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(handle.list({}, { via: 'datachannel' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('create, exists, list, edit, listParticipants, announcement, destroy', async () => {
    const room = roomId();
    expect(await handle.create({ room, description: 'chat', secret: 'x', history: 5 })).toEqual({
      textroom: 'created',
      room,
      permanent: false,
    });
    expect(await handle.exists({ room })).toEqual({ textroom: 'success', room, exists: true });
    const info = (await handle.list()).list.find((r) => r.room === room);
    expect(info).toEqual({ room, description: 'chat', pin_required: false, num_participants: 0, history: 5 });

    const unauthorized = await pluginError(handle.edit({ room, secret: 'bad', new_description: 'y' }));
    expect(unauthorized.janusCode).toBe(TextRoomErrorCode.UNAUTHORIZED);
    expect(await handle.edit({ room, secret: 'x', new_description: 'renamed', new_pin: '12' })).toEqual({
      textroom: 'edited',
      room,
      permanent: false,
    });
    expect((await handle.list()).list.find((r) => r.room === room)).toMatchObject({
      description: 'renamed',
      pin_required: true,
    });

    // 1.1.2 omits `textroom` in this reply.
    expect(await handle.listParticipants({ room })).toMatchObject({ room, participants: [] });
    expect(await handle.announcement({ room, secret: 'x', text: 'hello nobody' })).toEqual({
      textroom: 'success',
    });
    const noUser = await pluginError(handle.kick({ room, secret: 'x', username: 'ghost' }));
    expect(noUser.janusCode).toBe(TextRoomErrorCode.NO_SUCH_USER);

    const taken = await pluginError(handle.create({ room }));
    expect(taken.janusCode).toBe(TextRoomErrorCode.ROOM_EXISTS);
    expect(await handle.destroy({ room, secret: 'x' })).toEqual({
      textroom: 'destroyed',
      room,
      permanent: false,
    });
    expect((await handle.exists({ room })).exists).toBe(false);
    const gone = await pluginError(handle.destroy({ room, secret: 'x' }));
    expect(gone.janusCode).toBe(TextRoomErrorCode.NO_SUCH_ROOM);
  });

  it('allowed edits the token ACL', async () => {
    const room = roomId();
    await handle.create({ room, secret: 's' });
    expect(await handle.allowed({ room, secret: 's', action: 'add', allowed: ['a', 'b'] })).toMatchObject({
      textroom: 'success',
      room,
      allowed: expect.arrayContaining(['a', 'b']),
    });
    expect((await handle.allowed({ room, secret: 's', action: 'remove', allowed: ['a'] })).allowed).toEqual([
      'b',
    ]);
    expect(await handle.allowed({ room, secret: 's', action: 'enable' })).toMatchObject({
      textroom: 'success',
    });
    expect(await handle.allowed({ room, secret: 's', action: 'disable' })).toMatchObject({
      textroom: 'success',
    });
    const bad = await pluginError(handle.allowed({ room, secret: 'wrong', action: 'enable' }));
    expect(bad.janusCode).toBe(TextRoomErrorCode.UNAUTHORIZED);
    await handle.destroy({ room, secret: 's' });
  });
});
