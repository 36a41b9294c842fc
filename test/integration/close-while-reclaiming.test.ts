/**
 * `close()` called while the connection is `reclaiming` (after a reconnection, the claims in flight)
 * destroys the sessions on the server, resolves, and leaves nothing pending, over the real Janus through
 * the fault proxy (the proxy delays the link so that the claim is still in flight when `close()` runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectAdmin, type JanusAdmin } from '../../src/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';

let server: JanusServer;
let proxy: TcpProxy;
let admin: JanusAdmin;

beforeAll(async () => {
  server = await startJanus({ plugins: ['echotest'], reclaimSessionTimeoutS: 20 });
  proxy = await startTcpProxy({ port: Number(new URL(server.wsUrl).port) });
  admin = await connectAdmin(server.adminWsUrl, { adminSecret: server.adminSecret });
});

afterAll(async () => {
  await admin?.close();
  await proxy?.close();
  await server?.stop();
});

describe('close() during reclaiming', () => {
  it('destroys the sessions on the server and resolves', async () => {
    const janus = await connect(`ws://127.0.0.1:${proxy.port}`, {
      reconnect: { nextDelayMs: () => 0 },
      requestTimeoutMs: 5_000,
      closeTimeoutMs: 3_000,
    });
    const sessions = [await janus.createSession(), await janus.createSession()];
    for (const session of sessions) await session.attach('janus.plugin.echotest');
    const ids = sessions.map((session) => session.id);
    const listed = (await admin.listSessions()).sessions;
    for (const id of ids) expect(listed).toContain(id);

    let closing: Promise<void> | undefined;
    const sawReclaiming = new Promise<void>((resolve) => {
      janus.on('state', (state) => {
        if (state !== 'reclaiming' || closing) return;
        // The claims are on their way (held 300 ms by the proxy): close now.
        closing = janus.close();
        resolve();
      });
    });
    proxy.delay(300);
    proxy.cutAll();
    await sawReclaiming;
    await closing;
    proxy.delay(0);

    expect(janus.state).toBe('closed');
    expect(janus.pendingRequests).toBe(0);
    for (const session of sessions) expect(['destroyed', 'closed']).toContain(session.state);
    const after = (await admin.listSessions()).sessions;
    for (const id of ids) expect(after).not.toContain(id);
  });
});
