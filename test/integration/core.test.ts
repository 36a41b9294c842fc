import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  InvalidStateError,
  type JanusClient,
  JanusError,
  type PluginEvent,
  type PluginHandle,
} from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe.each(TRANSPORTS)('core protocol over $name', (transport) => {
  let janus: JanusClient;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('connects and answers info', async () => {
    expect(janus.state).toBe('open');
    expect(janus.transportKind).toBe(transport.name);
    const info = await janus.info();
    expect(info.janus).toBe('server_info');
    expect(info.name).toBe('Janus WebRTC Server');
    expect(info.plugins['janus.plugin.echotest']).toBeDefined();
    expect(typeof info['session-timeout']).toBe('number');
  });

  it('creates and destroys a session', async () => {
    const session = await janus.createSession();
    expect(session.state).toBe('active');
    expect(session.id).toBeGreaterThan(0);
    expect(janus.sessions).toContain(session);
    await session.destroy();
    expect(session.state).toBe('destroyed');
    expect(janus.sessions).not.toContain(session);
    await expect(session.attach('janus.plugin.echotest')).rejects.toBeInstanceOf(InvalidStateError);
  });

  it('attaches and detaches the echotest; the detached event arrives', async () => {
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    expect(handle.state).toBe('attached');
    expect(handle.id).toBeGreaterThan(0);
    const detached = new Promise<{ reason: string }>((resolve) => handle.on('detached', resolve));
    await handle.detach();
    expect(handle.state).toBe('detached');
    expect((await detached).reason).toBe('detached');
    const error = await handle.message({ audio: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateError);
    expect((error as InvalidStateError).code).toBe('INVALID_STATE');
    await session.destroy();
  });

  it('resolves an asynchronous plugin reply (echotest) and a synchronous one (videoroom exists)', async () => {
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    const asyncReply = await echo.message({ audio: false });
    expect(asyncReply.data).toEqual({ echotest: 'event', result: 'ok' });
    const room = await session.attach('janus.plugin.videoroom');
    const id = 600_000 + Math.floor(Math.random() * 100_000);
    await room.message({ request: 'create', room: id });
    const syncReply = await room.message({ request: 'exists', room: id });
    expect(syncReply.data).toMatchObject({ videoroom: 'success', room: id, exists: true });
    await room.message({ request: 'destroy', room: id });
    const missing = await room.message({ request: 'exists', room: id });
    expect(missing.data).toMatchObject({ exists: false });
    await session.destroy();
    expect(janus.pendingRequests).toBe(0);
  });

  it('rejects a plugin error reply with PLUGIN_ERROR and its code', async () => {
    const session = await janus.createSession();
    const room = await session.attach('janus.plugin.videoroom');
    const error = await room.message({ request: 'destroy', room: 987654 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).code).toBe('PLUGIN_ERROR');
    expect((error as JanusError).janusCode).toBe(426);
    await session.destroy();
  });

  it('rejects an unknown plugin with janusCode 460', async () => {
    const session = await janus.createSession();
    const error = await session.attach('janus.plugin.nonexistent').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).janusCode).toBe(460);
    expect((error as JanusError).code).toBe('PLUGIN_NOT_FOUND');
    expect(session.handles).toHaveLength(0);
    await session.destroy();
  });

  it('gets 458 for a request on a destroyed session', async () => {
    const session = await janus.createSession();
    const id = session.id;
    await session.destroy();
    const error = await janus
      .request({ janus: 'attach', session_id: id, plugin: 'janus.plugin.echotest' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).janusCode).toBe(458);
    expect((error as JanusError).code).toBe('SESSION_NOT_FOUND');
  });

  it('rejects a request aborted in flight with the signal reason and forgets it', async () => {
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const pending = echo.message({ audio: false }, { signal: controller.signal });
    expect(janus.pendingRequests).toBe(1);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(janus.pendingRequests).toBe(0);
    const aborted = AbortSignal.abort(reason);
    await expect(echo.message({ audio: false }, { signal: aborted })).rejects.toBe(reason);
    // The handle still works after a late reply to the aborted request was ignored.
    expect((await echo.message({ audio: false })).data).toMatchObject({ result: 'ok' });
    await session.destroy();
  });

  it('200 concurrent messages: each gets a reply only it can get, and they complete out of order', async () => {
    const session = await janus.createSession();
    // 100 EchoTest handles answer asynchronously (ack, then an event from the plugin's thread), each reply
    // carrying its own handle as sender; the VideoRoom answers `exists` at once, with the room asked for.
    const echoes = await Promise.all(
      Array.from({ length: 100 }, () => session.attach('janus.plugin.echotest')),
    );
    const room = await session.attach('janus.plugin.videoroom');
    const expected = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? { handle: (echoes[i / 2] as PluginHandle).id, body: { audio: false } }
        : { handle: room.id, body: { request: 'exists', room: 500_000 + i } },
    );
    const completed: number[] = [];
    const replies = await Promise.all(
      expected.map(({ handle, body }, i) =>
        janus
          .request({ janus: 'message', session_id: session.id, handle_id: handle, body }, { kind: 'plugin' })
          .then((reply) => {
            completed.push(i);
            return reply;
          }),
      ),
    );
    replies.forEach((reply, i) => {
      expect(reply.sender, `reply ${i}`).toBe(expected[i]?.handle);
      if (i % 2 === 0) expect(reply.plugindata?.data, `reply ${i}`).toMatchObject({ result: 'ok' });
      else expect(reply.plugindata?.data.room, `reply ${i}`).toBe(500_000 + i);
    });
    // Completion out of order: some request finished after one sent later (a first-in-first-out matcher
    // would have handed it the later one's reply).
    const overtaken = completed.filter((i, k) => k > 0 && i < (completed[k - 1] as number)).length;
    console.log(`${transport.name}: 200 concurrent messages, ${overtaken} completed after a later one`);
    expect(overtaken).toBeGreaterThan(0);
    expect(janus.pendingRequests).toBe(0);
    await session.destroy();
  });

  it('delivers unsolicited plugin events to on("event")', async () => {
    const creator = await janus.createSession();
    const admin = await creator.attach('janus.plugin.videoroom');
    const roomId = 700_000 + Math.floor(Math.random() * 100_000);
    await admin.message({ request: 'create', room: roomId, notify_joining: true });
    const a = await creator.attach('janus.plugin.videoroom');
    const b = await creator.attach('janus.plugin.videoroom');
    await a.message({ request: 'join', ptype: 'publisher', room: roomId, display: 'a' });
    const joined = nextEvent(a, 'event', (event: PluginEvent) => event.data.joining !== undefined);
    await b.message({ request: 'join', ptype: 'publisher', room: roomId, display: 'b' });
    const event = await joined;
    expect(event.plugin).toBe('janus.plugin.videoroom');
    expect(event.data).toMatchObject({ videoroom: 'event', room: roomId });
    await admin.message({ request: 'destroy', room: roomId });
    await creator.destroy();
  });
});
