/**
 * After the server lost a session and `recreate: true` re-created it, each re-attached handle's `id`
 * follows to its new server id and the handle itself emits `recreated` (over WebSocket and HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'], reclaimSessionTimeoutS: 10 });
});

afterAll(async () => {
  await server?.stop();
});

describe.each(['ws', 'http'] as const)('re-created handles over %s', (kind) => {
  it('handle.id follows the new server id and the handle emits recreated', async () => {
    const url = kind === 'ws' ? server.wsUrl : server.httpUrl;
    const janus = await connect(url, {
      reconnect: true,
      recreate: true,
      requestTimeoutMs: 3000,
      connectTimeoutMs: 2000,
    });
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    const oldId = echo.id;
    const onHandle = nextEvent(echo, 'recreated', () => true, 15_000);
    const onSession = nextEvent(session, 'recreated', () => true, 15_000);
    await server.janus?.kill('SIGKILL');
    await server.janus?.restart();
    const [handleEvent, sessionEvent] = await Promise.all([onHandle, onSession]);
    const entry = sessionEvent.handles.find((h) => h.handle === echo);
    expect(entry?.oldId).toBe(oldId);
    expect(handleEvent).toEqual({ oldId, newId: entry?.newId, sessionId: session.id });
    expect(echo.id).toBe(entry?.newId);
    expect(echo.id).not.toBe(oldId);
    expect(echo.sessionId).toBe(session.id);
    // The server knows the handle under its new id: a request on it is answered.
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await echo.detach();
    await janus.close();
  });
});
