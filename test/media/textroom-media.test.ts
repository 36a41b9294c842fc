/**
 * TextRoom with real data channels between real participants: each handle negotiates its own data
 * channel (`setup`), then chats. Runs inside the private network namespace of `npm run test:media`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RTCPeerConnection } from 'werift';
import { connect, type JanusClient } from '../../src/index.js';
import {
  TextRoom,
  type TextRoomAnnouncementEvent,
  TextRoomErrorCode,
  type TextRoomHandle,
  type TextRoomMessageEvent,
} from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import {
  bothCredentials,
  expectIceRestarted,
  iceState,
  waitUntil,
  watchIceStates,
} from './support/ice-restart.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

describe('TextRoom with real data channels (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let admin: TextRoomHandle;
  const room = 7000 + Math.floor(Math.random() * 1000);
  const secret = 'chat';
  const people = new Map<string, TextRoomHandle>();
  const inbox = new Map<string, (TextRoomMessageEvent | TextRoomAnnouncementEvent)[]>();
  const figures: Record<string, unknown> = {};

  const person = (name: string): TextRoomHandle => {
    const handle = people.get(name);
    if (!handle) throw new Error(`no ${name}`);
    return handle;
  };

  async function arrive(name: string): Promise<Awaited<ReturnType<TextRoomHandle['join']>>> {
    const session = await janus.createSession();
    const handle = await session.attach(TextRoom);
    const started = performance.now();
    await handle.setup({ timeoutMs: 10_000 });
    figures[`${name}SetupMs`] = Math.round(performance.now() - started);
    expect(handle.dataReady).toBe(true);
    const messages: (TextRoomMessageEvent | TextRoomAnnouncementEvent)[] = [];
    handle.on('message', (event) => messages.push(event));
    handle.on('announcement', (event) => messages.push(event));
    inbox.set(name, messages);
    people.set(name, handle);
    return handle.join({ room, username: name, display: name.toUpperCase() });
  }

  beforeAll(async () => {
    if (!insideNetns) return;
    server = await startJanus({
      plugins: ['textroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    const session = await janus.createSession();
    admin = await session.attach(TextRoom);
    await admin.create({ room, secret, history: 3, description: 'media chat' });
  });

  afterAll(async () => {
    console.log('textroom figures', JSON.stringify(figures));
    await janus?.close();
    await server?.stop();
  });

  it('a participant sets up its data channel, joins, and chats; the history reaches the next one', async () => {
    const joined = await arrive('alice');
    expect(joined).toMatchObject({ textroom: 'success', participants: [], history: [] });
    const alice = person('alice');
    for (const text of ['one', 'two', 'three', 'four']) {
      expect(await alice.sendMessage({ room, text })).toMatchObject({ textroom: 'success' });
    }
    expect(await alice.sendMessage({ room, text: 'no ack', ack: false })).toBeUndefined();
    // The plugin handles one channel's messages in order: once 'five' is acked, 'no ack' went through.
    await alice.sendMessage({ room, text: 'five' });
    await admin.announcement({ room, secret, text: 'welcome' });

    const bobJoins = nextEvent(alice, 'join', (e) => e.username === 'bob');
    const bobJoined = await arrive('bob');
    expect(bobJoined.participants).toEqual([{ username: 'alice', display: 'ALICE' }]);
    // history = 3: the last three of what was said (the un-acked message counts too).
    expect(bobJoined.history.map((e) => e.text)).toEqual(['no ack', 'five', 'welcome']);
    expect(bobJoined.history[2]).toMatchObject({ textroom: 'announcement' });
    expect(await bobJoins).toMatchObject({ room, username: 'bob', display: 'BOB' });

    const heard = nextEvent(alice, 'message', (e) => e.from === 'bob');
    const started = performance.now();
    await person('bob').message({ room, text: 'hi alice' });
    expect(await heard).toMatchObject({ room, from: 'bob', text: 'hi alice' });
    figures.publicMessageMs = Math.round(performance.now() - started);
    expect((await heard).whisper).toBeUndefined();
  });

  it('a private message reaches only its target; an announcement reaches all', async () => {
    await arrive('carol');
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(person) as [
      TextRoomHandle,
      TextRoomHandle,
      TextRoomHandle,
    ];
    const whisper = nextEvent(bob, 'message', (e) => e.text === 'psst bob');
    const reply = await alice.message({ room, text: 'psst bob', to: 'bob' });
    expect(reply?.sent).toEqual({ bob: true });
    expect(await whisper).toMatchObject({ from: 'alice', whisper: true });
    const multi = await alice.sendMessage({ room, text: 'psst both', tos: ['bob', 'carol'] });
    expect(multi?.sent).toEqual({ bob: true, carol: true });

    const all = [alice, bob, carol].map((h) => nextEvent(h, 'announcement', (e) => e.text === 'hear ye'));
    await admin.announcement({ room, secret, text: 'hear ye' });
    await Promise.all(all);
    // Over the data channel too, with the room secret.
    const again = [alice, bob, carol].map((h) => nextEvent(h, 'announcement', (e) => e.text === 'again'));
    await carol.announcement({ room, secret, text: 'again' }, { via: 'datachannel' });
    await Promise.all(again);

    await sleep(300);
    expect(inbox.get('carol')?.some((e) => e.text === 'psst bob')).toBe(false);
    expect(inbox.get('carol')?.some((e) => e.text === 'psst both')).toBe(true);
    expect(inbox.get('alice')?.some((e) => e.text === 'psst bob')).toBe(false);
  });

  it('restart: new credentials in both SDPs, ICE leaves and regains connected, messages after it arrive', async () => {
    const [alice, bob] = ['alice', 'bob'].map(person) as [TextRoomHandle, TextRoomHandle];
    const pc = alice.peer?.pc as RTCPeerConnection;
    const before = bothCredentials(pc);
    const ice = watchIceStates(pc);
    await alice.restart({ timeoutMs: 10_000 });
    await waitUntil(
      'ICE connected again after leaving connected',
      () => ice.states.some((state) => state !== 'connected') && iceState(pc) === 'connected',
    );
    ice.stop();
    console.log(`TextRoom ICE states during the restart: ${ice.states.join(' → ')}`);
    expectIceRestarted(pc, before, ice.states);
    // Sent only once ICE is back: each of them crosses the restarted link.
    const texts = ['after restart 1', 'after restart 2', 'after restart 3'];
    const heard = texts.map((text) => nextEvent(bob, 'message', (e) => e.text === text));
    for (const text of texts) await alice.sendMessage({ room, text });
    expect((await Promise.all(heard)).map((e) => e.text)).toEqual(texts);
  });

  it('a kick removes the participant; leave and destroy reach the others', async () => {
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(person) as [
      TextRoomHandle,
      TextRoomHandle,
      TextRoomHandle,
    ];
    const kicked = [alice, bob, carol].map((h) => nextEvent(h, 'kicked', (e) => e.username === 'carol'));
    expect(await admin.kick({ room, secret, username: 'carol' })).toEqual({ textbridge: 'success' });
    await Promise.all(kicked);
    const participants = await admin.listParticipants({ room });
    expect(participants.participants.map((p) => p.username).sort()).toEqual(['alice', 'bob']);
    const refused = await carol.sendMessage({ room, text: 'still here?' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'PLUGIN_ERROR', janusCode: TextRoomErrorCode.NOT_IN_ROOM });

    const bobLeaves = nextEvent(alice, 'leave', (e) => e.username === 'bob');
    expect(await bob.leave({ room })).toMatchObject({ textroom: 'success' });
    await bobLeaves;

    const destroyed = nextEvent(alice, 'destroyed');
    await admin.destroy({ room, secret });
    expect(await destroyed).toEqual({ textroom: 'destroyed', room });
    // Management over the data channel, with transactions.
    expect(await alice.exists({ room }, { via: 'datachannel' })).toMatchObject({ exists: false });
    const missing = await alice.join({ room, username: 'alice' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'PLUGIN_ERROR', janusCode: TextRoomErrorCode.NO_SUCH_ROOM });
  });
});
