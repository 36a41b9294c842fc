/**
 * Aborting `createSession()` or `attach()` after the request left but before the server answered leaves
 * no orphan on the server: when the late success arrives, the client destroys (detaches) what it created.
 * Real Janus over WebSocket and HTTP; the fault proxy holds each chunk so that the abort comes first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectAdmin, type JanusAdmin } from '../../src/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';

/** How long the proxy holds each chunk: the abort comes 100 ms into it. */
const HOLD_MS = 400;

let server: JanusServer;
let admin: JanusAdmin;

beforeAll(async () => {
  server = await startJanus({ plugins: ['echotest'] });
  admin = await connectAdmin(server.adminWsUrl, { adminSecret: server.adminSecret });
});

afterAll(async () => {
  await admin?.close();
  await server?.stop();
});

/** Polls `read` until it returns true; fails after `timeoutMs`. */
async function until(what: string, read: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.each(['ws', 'http'] as const)('an aborted create or attach over %s', (kind) => {
  let proxy: TcpProxy;
  let url: string;

  beforeAll(async () => {
    const target = new URL(kind === 'ws' ? server.wsUrl : server.httpUrl);
    proxy = await startTcpProxy({ port: Number(target.port) });
    url = `${target.protocol}//127.0.0.1:${proxy.port}${target.pathname === '/' ? '' : target.pathname}`;
  });

  afterAll(async () => {
    await proxy?.close();
  });

  it('createSession: the session the late success names is destroyed', async () => {
    const janus = await connect(url, { requestTimeoutMs: 5_000 });
    try {
      const before = new Set((await admin.listSessions()).sessions);
      proxy.delay(HOLD_MS);
      const controller = new AbortController();
      const creating = janus.createSession({ signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await expect(creating).rejects.toThrow();
      // The server created it (the request had left) ...
      let created: number | undefined;
      await until('the server to create the session', async () => {
        created = (await admin.listSessions()).sessions.find((id) => !before.has(id));
        return created !== undefined;
      });
      proxy.delay(0);
      // ... and the client destroys it once the late success names it.
      await until('the orphan session to be destroyed', async () => {
        return !(await admin.listSessions()).sessions.includes(created as number);
      });
      expect(janus.sessions).toEqual([]);
      expect(janus.pendingRequests).toBe(0);
    } finally {
      proxy.delay(0);
      await janus.close();
    }
  });

  it('attach: the handle the late success names is detached', async () => {
    const janus = await connect(url, { requestTimeoutMs: 5_000 });
    try {
      const session = await janus.createSession();
      proxy.delay(HOLD_MS);
      const controller = new AbortController();
      const attaching = session.attach('janus.plugin.echotest', { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await expect(attaching).rejects.toThrow();
      await until('the server to attach the handle', async () => {
        return (await admin.listHandles(session.id)).handles.length > 0;
      });
      proxy.delay(0);
      await until('the orphan handle to be detached', async () => {
        return (await admin.listHandles(session.id)).handles.length === 0;
      });
      expect(session.handles).toEqual([]);
      expect(janus.pendingRequests).toBe(0);
    } finally {
      proxy.delay(0);
      await janus.close();
    }
  });
});
