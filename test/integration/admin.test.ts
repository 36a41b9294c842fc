/**
 * The Admin/Monitor API client against a real Janus, over the admin WebSocket and the admin HTTP API:
 * every request the 1.1.2 admin handler accepts, except those that need a live PeerConnection
 * (`test/media/admin-media.test.ts` covers ICE `connected`, `hangup_webrtc` and a real pcap).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectAdmin, type JanusAdmin, JanusError } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';
import { type StunResponder, startStunResponder } from './admin-stun.js';

let plain: TestServer;
let tokens: TestServer;
let stun: StunResponder;
let captures: string;

beforeAll(async () => {
  [plain, tokens, stun] = await Promise.all([
    getTestServer({ plugins: ['echotest', 'videoroom'] }),
    getTestServer({ tokenAuth: true, plugins: ['echotest', 'videoroom'] }),
    startStunResponder(),
  ]);
  captures = await mkdtemp(join(tmpdir(), 'janus-xstate-admin-'));
});

afterAll(async () => {
  await Promise.all([plain?.stop(), tokens?.stop(), stun?.close()]);
  await rm(captures, { recursive: true, force: true });
});

const ADMIN_TRANSPORTS = [
  { name: 'ws', url: (server: TestServer) => server.adminWsUrl, api: (server: TestServer) => server.wsUrl },
  {
    name: 'http',
    url: (server: TestServer) => server.adminHttpUrl,
    api: (server: TestServer) => server.httpUrl,
  },
] as const;

async function rejection(promise: Promise<unknown>): Promise<JanusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JanusError);
  return error as JanusError;
}

describe.each(ADMIN_TRANSPORTS)('admin API over $name', (transport) => {
  const open = (server: TestServer, options: { adminSecret?: string } = {}): Promise<JanusAdmin> =>
    connectAdmin(transport.url(server), { adminSecret: server.adminSecret, ...options });

  it('answers info and ping without a secret, and 403 on a guarded request with a wrong one', async () => {
    const admin = await connectAdmin(transport.url(plain));
    expect(admin.transportKind).toBe(transport.name);
    expect(admin.serverInfo?.janus).toBe('server_info');
    expect((await admin.info()).version_string).toBe('1.1.2');
    await admin.ping();
    const error = await rejection(admin.listSessions());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.janusCode).toBe(403);
    admin.close();
    const wrong = await open(plain, { adminSecret: 'not-the-secret' });
    expect((await rejection(wrong.getStatus())).code).toBe('UNAUTHORIZED');
    wrong.close();
  });

  it('never logs admin_secret or tokens, even at debug level', async () => {
    const lines: string[] = [];
    const log = (message: string, details?: unknown) => lines.push(`${message} ${JSON.stringify(details)}`);
    const admin = await connectAdmin(transport.url(tokens), {
      adminSecret: tokens.adminSecret,
      logger: { debug: log, info: log, warn: log, error: log },
    });
    await admin.addToken('secret-token-in-logs');
    await admin.listTokens();
    await admin.removeToken('secret-token-in-logs');
    admin.close();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const text = lines.join('\n');
    expect(text).not.toContain(tokens.adminSecret);
    expect(text).not.toContain('secret-token-in-logs');
  });

  it('lists our session and handle; handle_info names the plugin, transport and opaque id', async () => {
    const admin = await open(plain);
    const janus = await connect(transport.api(plain));
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest', { opaqueId: `admin-${transport.name}` });
    expect((await admin.listSessions()).sessions).toContain(session.id);
    const handles = await admin.listHandles(session.id);
    expect(handles).toEqual({ session_id: session.id, handles: [handle.id] });
    const { info } = await admin.handleInfo(session.id, handle.id);
    expect(info).toMatchObject({
      session_id: session.id,
      handle_id: handle.id,
      plugin: 'janus.plugin.echotest',
      opaque_id: `admin-${transport.name}`,
      session_transport: transport.name === 'ws' ? 'janus.transport.websockets' : 'janus.transport.http',
    });
    expect(info.flags?.['got-offer']).toBe(false);
    const pluginOnly = await admin.handleInfo(session.id, handle.id, { pluginOnly: true });
    expect(pluginOnly.info.flags).toBeUndefined();
    expect(pluginOnly.info.plugin_specific).toBeDefined();
    expect((await rejection(admin.listHandles(424242))).code).toBe('SESSION_NOT_FOUND');
    expect((await rejection(admin.handleInfo(session.id, 424242))).code).toBe('HANDLE_NOT_FOUND');
    await janus.close();
    admin.close();
  });

  it('destroy_session makes our session emit lost', async () => {
    const admin = await open(plain);
    const janus = await connect(transport.api(plain), { keepaliveMs: 200 });
    const session = await janus.createSession();
    const lost = nextEvent(session, 'lost', () => true, 10_000);
    await admin.destroySession(session.id);
    expect((await lost).code).toBe('SESSION_NOT_FOUND');
    expect(session.state).toBe('lost');
    expect((await admin.listSessions()).sessions).not.toContain(session.id);
    await janus.close();
    admin.close();
  });

  it('detach_handle detaches our handle; hangup_webrtc without a PeerConnection succeeds', async () => {
    const admin = await open(plain);
    const janus = await connect(transport.api(plain));
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    await admin.hangupWebrtc(session.id, handle.id);
    const detached = nextEvent(handle, 'detached');
    await admin.detachHandle(session.id, handle.id);
    await detached;
    expect((await admin.listHandles(session.id)).handles).toEqual([]);
    await janus.close();
    admin.close();
  });

  it('accept_new_sessions(false) makes createSession reject with NOT_ACCEPTING_SESSIONS', async () => {
    const admin = await open(plain);
    const janus = await connect(transport.api(plain));
    try {
      expect(await admin.acceptNewSessions(false)).toEqual({ accept: false });
      const error = await rejection(janus.createSession());
      expect(error.code).toBe('NOT_ACCEPTING_SESSIONS');
      expect(error.janusCode).toBe(472);
    } finally {
      expect(await admin.acceptNewSessions(true)).toEqual({ accept: true });
    }
    const session = await janus.createSession();
    expect(session.state).toBe('active');
    await janus.close();
    admin.close();
  });

  it('message_plugin reaches VideoRoom: a room it creates is in the list it answers', async () => {
    const admin = await open(plain);
    const room = 700_000 + Math.floor(Math.random() * 100_000);
    const created = await admin.messagePlugin<{ videoroom: string; room: number }>('janus.plugin.videoroom', {
      request: 'create',
      room,
    });
    expect(created.response).toMatchObject({ videoroom: 'created', room });
    const { response } = await admin.messagePlugin<{ videoroom: string; list: { room: number }[] }>(
      'janus.plugin.videoroom',
      { request: 'list' },
    );
    expect(response.videoroom).toBe('success');
    expect(response.list.map((listed) => listed.room)).toContain(room);
    await admin.messagePlugin('janus.plugin.videoroom', { request: 'destroy', room });
    expect((await rejection(admin.messagePlugin('janus.plugin.nope', {}))).code).toBe('PLUGIN_NOT_FOUND');
    admin.close();
  });

  it('add_token lets a client in; allow/disallow change its plugins; after remove_token it gets 403', async () => {
    const admin = await open(tokens);
    const token = `admin-token-${transport.name}`;
    expect((await admin.addToken(token, ['janus.plugin.echotest'])).data.plugins).toEqual([
      'janus.plugin.echotest',
    ]);
    expect((await admin.listTokens()).data.tokens).toContainEqual({
      token,
      allowed_plugins: ['janus.plugin.echotest'],
    });
    const allowed = await admin.allowToken(token, ['janus.plugin.videoroom']);
    expect(allowed.data.plugins.sort()).toEqual(['janus.plugin.echotest', 'janus.plugin.videoroom']);
    const disallowed = await admin.disallowToken(token, ['janus.plugin.videoroom']);
    expect(disallowed.data.plugins).toEqual(['janus.plugin.echotest']);
    expect((await rejection(admin.allowToken('no-such-token', ['janus.plugin.echotest']))).code).toBe(
      'TOKEN_NOT_FOUND',
    );

    const janus = await connect(transport.api(tokens), { token });
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await janus.close();

    await admin.removeToken(token);
    const after = await connect(transport.api(tokens), { token });
    const error = await rejection(after.createSession());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.janusCode).toBe(403);
    await after.close();
    admin.close();
  });

  it('sets and reads back every global setting', async () => {
    const admin = await open(plain);
    const before = (await admin.getStatus()).status;
    expect(before).toMatchObject({ token_auth: false, session_timeout: 60, log_level: 3 });
    expect(await admin.setLogLevel(4)).toEqual({ level: 4 });
    expect(await admin.setSessionTimeout(90)).toEqual({ timeout: 90 });
    expect(await admin.setLockingDebug(false)).toEqual({ locking_debug: false });
    expect(await admin.setRefcountDebug(false)).toEqual({ refcount_debug: false });
    expect(await admin.setLogTimestamps(true)).toEqual({ log_timestamps: true });
    expect(await admin.setLogColors(false)).toEqual({ log_colors: false });
    expect(await admin.setLibniceDebug(false)).toEqual({ libnice_debug: false });
    expect(await admin.setMinNackQueue(321)).toEqual({ min_nack_queue: 321 });
    expect(await admin.setNackOptimizations(true)).toEqual({ 'nack-optimizations': true });
    expect(await admin.setNoMediaTimer(3)).toEqual({ no_media_timer: 3 });
    expect(await admin.setSlowlinkThreshold(7)).toEqual({ slowlink_threshold: 7 });
    expect((await admin.getStatus()).status).toMatchObject({
      session_timeout: 90,
      log_level: 4,
      log_timestamps: true,
      log_colors: false,
      min_nack_queue: 321,
      'nack-optimizations': true,
      no_media_timer: 3,
      slowlink_threshold: 7,
    });
    const invalid = await rejection(admin.setLogLevel(9));
    expect(invalid.code).toBe('INVALID_ELEMENT_TYPE');
    await admin.setSessionTimeout(before.session_timeout);
    await admin.setLogLevel(before.log_level);
    await admin.setLogTimestamps(before.log_timestamps);
    await admin.setNackOptimizations(before['nack-optimizations']);
    admin.close();
  });

  it('sets one session timeout; queries a transport; custom event and log line; loops_info', async () => {
    const admin = await open(plain);
    const janus = await connect(transport.api(plain));
    const session = await janus.createSession();
    expect(await admin.setSessionTimeout(0, { sessionId: session.id })).toEqual({
      timeout: 0,
      session_id: session.id,
    });
    const handle = await session.attach('janus.plugin.echotest');
    expect((await admin.handleInfo(session.id, handle.id)).info.session_timeout).toBe(0);
    const { response } = await admin.queryTransport('janus.transport.http', { request: 'configure' });
    expect(typeof response).toBe('object');
    expect((await rejection(admin.queryEventhandler('janus.eventhandler.sampleevh'))).code).toBe(
      'PLUGIN_NOT_FOUND',
    );
    expect((await rejection(admin.queryLogger('janus.logger.jsonlog'))).code).toBe('PLUGIN_NOT_FOUND');
    await admin.customEvent('janus-xstate/test', { hello: 'world' });
    await admin.customLogline('janus-xstate admin test line', { level: 4 });
    const { loops } = await admin.loopsInfo();
    expect(loops.map((loop) => loop.id)).toEqual([0, 1]);
    await janus.close();
    admin.close();
  });

  it('resolves an address and runs a STUN test against a loopback STUN responder', async () => {
    const admin = await open(plain);
    expect((await admin.resolveAddress('127.0.0.1')).ip).toBe('127.0.0.1');
    const error = await rejection(admin.resolveAddress('no-such-host.invalid'));
    expect(error.code).toBe('UNKNOWN');
    const reply = await admin.testStun('127.0.0.1', stun.port);
    expect(reply.public_ip).toBe('127.0.0.1');
    expect(reply.public_port).toBe(stun.lastClientPort());
    admin.close();
  });

  it('starts and stops pcap and text2pcap captures into a folder', async () => {
    const admin = await open(plain);
    const janus = await connect(transport.api(plain));
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    const pcap = `capture-${transport.name}.pcap`;
    await admin.startPcap(session.id, handle.id, { folder: captures, filename: pcap });
    expect((await admin.handleInfo(session.id, handle.id)).info).toMatchObject({ 'dump-to-pcap': true });
    expect((await rejection(admin.startPcap(session.id, handle.id, { folder: captures }))).code).toBe(
      'UNKNOWN',
    );
    await admin.stopPcap(session.id, handle.id);
    const text = `capture-${transport.name}.txt`;
    await admin.startText2pcap(session.id, handle.id, { folder: captures, filename: text, truncate: 0 });
    expect((await admin.handleInfo(session.id, handle.id)).info['dump-to-text2pcap']).toBe(true);
    await admin.stopText2pcap(session.id, handle.id);
    expect((await rejection(admin.stopPcap(session.id, handle.id))).code).toBe('UNKNOWN');
    expect(existsSync(join(captures, pcap))).toBe(true);
    expect(readdirSync(captures)).toContain(text);
    await janus.close();
    admin.close();
  });

  it('honours AbortSignal and close(): typed, and nothing left pending', async () => {
    const admin = await open(plain);
    const aborted = AbortSignal.abort(new Error('stop'));
    await expect(admin.listSessions({ signal: aborted })).rejects.toThrow('stop');
    const controller = new AbortController();
    const pending = admin.getStatus({ signal: controller.signal });
    controller.abort(new Error('changed my mind'));
    await expect(pending).rejects.toThrow('changed my mind');
    const inFlight = admin.listSessions();
    admin.close();
    expect((await rejection(inFlight)).code).toBe('CLOSED');
    expect((await rejection(admin.ping())).code).toBe('CLOSED');
    expect(admin.pendingRequests).toBe(0);
    expect(admin.state).toBe('closed');
  });
});

describe('connectAdmin failures', () => {
  it('rejects a scheme nothing handles, and a closed port with the same code as the client', async () => {
    expect((await rejection(connectAdmin('ftp://127.0.0.1/admin'))).code).toBe('INVALID_ARGUMENT');
    for (const url of ['ws://127.0.0.1:9/', 'http://127.0.0.1:9/admin']) {
      const admin = await rejection(connectAdmin(url, { connectTimeoutMs: 2000 }));
      const client = await rejection(connect(url, { reconnect: false, connectTimeoutMs: 2000 }));
      expect(admin.code).toBe(client.code);
    }
  });
});
