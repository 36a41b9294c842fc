/**
 * The lifecycle requests (create, attach, detach, destroy) are plain transactions sent by the machines'
 * entry actions, not actors invoked per request (`src/client/cell-requests.ts`): while one is in flight
 * the machine has no child, and leaving the state before the answer drops the transaction. Played on the
 * real client against the scripted fake Janus, which holds the replies back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type JanusClient } from '../../src/index.js';
import { type ScriptedJanus, startScriptedJanus } from '../support/scripted-janus.js';

let server: ScriptedJanus | undefined;
let client: JanusClient | undefined;

afterEach(async () => {
  if (server) server.auto.destroy = true;
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function open(): Promise<{ server: ScriptedJanus; client: JanusClient }> {
  server = await startScriptedJanus();
  client = await connect(server.url, { reconnect: false, keepaliveMs: false, requestTimeoutMs: 8_000 });
  return { server, client };
}

describe('lifecycle requests are transactions, not actors', () => {
  it('a detach and a destroy in flight run no child actor, and settle the machines when answered', async () => {
    const { server, client } = await open();
    const creating = client.createSession();
    (await server.waitForRequest((r) => r.janus === 'create')).succeed({ id: 42 });
    const session = await creating;
    const attaching = session.attach('janus.plugin.echotest');
    (await server.waitForRequest((r) => r.janus === 'attach')).succeed({ id: 7 });
    const handle = await attaching;

    const detaching = handle.detach();
    const detach = await server.waitForRequest((r) => r.janus === 'detach');
    const handleSnapshot = handle.actor.getSnapshot();
    expect(handleSnapshot.value).toBe('detaching');
    expect(Object.keys(handleSnapshot.children)).toEqual([]);
    expect(client.pendingRequests).toBe(1);
    detach.succeed();
    await detaching;
    expect(handle.state).toBe('detached');

    const destroying = session.destroy();
    const destroy = await server.waitForRequest((r) => r.janus === 'destroy');
    const sessionSnapshot = session.actor.getSnapshot();
    expect(sessionSnapshot.value).toBe('destroying');
    expect(Object.keys(sessionSnapshot.children)).toEqual([]);
    destroy.succeed();
    await destroying;
    expect(session.state).toBe('destroyed');
    expect(client.pendingRequests).toBe(0);
  });

  it("a detach overtaken by the server's detached event is dropped from the wire (cancelRequest)", async () => {
    const { server, client } = await open();
    const creating = client.createSession();
    (await server.waitForRequest((r) => r.janus === 'create')).succeed({ id: 42 });
    const session = await creating;
    const attaching = session.attach('janus.plugin.echotest');
    (await server.waitForRequest((r) => r.janus === 'attach')).succeed({ id: 7 });
    const handle = await attaching;

    const detaching = handle.detach();
    const detach = await server.waitForRequest((r) => r.janus === 'detach');
    expect(client.pendingRequests).toBe(1);
    // Janus's `detached` event often comes before the `success` of the detach request.
    server.push({ janus: 'detached', session_id: 42, sender: 7 });
    await detaching;
    expect(handle.state).toBe('detached');
    expect(client.pendingRequests).toBe(0);
    // The late success finds no transaction and changes nothing.
    detach.succeed();
    expect(session.handles).toEqual([]);
  });
});
