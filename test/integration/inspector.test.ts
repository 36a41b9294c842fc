/**
 * Stately Inspector sees every actor: `@statelyai/inspect`'s WebSocket inspector, pointed at a receiver
 * on loopback that the test runs, gets the root connection actor and its session and handle descendants.
 */
import { createWebSocketInspector } from '@statelyai/inspect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { connect } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';

let server: TestServer;
let receiver: WebSocketServer;
const received: {
  type?: string;
  sessionId?: string;
  parentId?: string;
  rootId?: string;
  definition?: string;
}[] = [];

/** The machine id of an `@xstate.actor` event (from its serialised definition). */
const machineId = (event: { definition?: string }): string | undefined => {
  try {
    return event.definition ? (JSON.parse(event.definition) as { id?: string }).id : undefined;
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'] });
  receiver = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => receiver.once('listening', () => resolve()));
  receiver.on('connection', (socket: WebSocket) => {
    socket.on('message', (data) => {
      try {
        received.push(JSON.parse(String(data)));
      } catch {
        // not an inspection event
      }
    });
  });
});

afterAll(async () => {
  await server?.stop();
  for (const client of receiver?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

describe('Stately Inspector', () => {
  it('receives the connection, session and handle actors as one tree from one inspect option', async () => {
    const address = receiver.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
    const janus = await connect(server.wsUrl, { inspect: inspector.inspect });
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    await handle.message({ audio: false });
    await handle.detach();
    await janus.close();
    const deadline = Date.now() + 5000;
    while (!received.some((event) => event.type === '@xstate.actor' && machineId(event) === 'handle')) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    inspector.stop();
    const actors = received.filter((event) => event.type === '@xstate.actor');
    const byMachine = (id: string) => actors.find((event) => machineId(event) === id);
    const connection = byMachine('connection');
    const sessionActor = byMachine('session');
    const handleActor = byMachine('handle');
    expect(connection).toBeDefined();
    // The tree: connection → session → handle, all under one root.
    expect(sessionActor?.parentId).toBe(connection?.sessionId);
    expect(handleActor?.parentId).toBe(sessionActor?.sessionId);
    const roots = new Set(received.map((event) => event.rootId).filter(Boolean));
    expect(roots.size).toBe(1);
    expect(received.some((event) => event.type === '@xstate.snapshot')).toBe(true);
  });
});
