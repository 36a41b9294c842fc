/**
 * Stately Inspector sees the browser build's actors: the page connects with `inspect` set to
 * `@statelyai/inspect`'s WebSocket inspector (bundled for the browser), pointed at a receiver the test
 * runs on loopback; the receiver gets the connection → session → handle tree of the page's actors, under
 * one root, with their snapshots. Runs in the private namespace with the other browser tests:
 *   scripts/netns-run.sh npx vitest run --config vitest.media.config.ts test/media/browser-inspect.test.ts
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { type BrowserHarness, type BrowserPage, startBrowserHarness } from '../browser/harness.js';
import { pollUntil } from '../browser/poll.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

/** What the receiver keeps of each inspection event. */
interface Received {
  type?: string;
  sessionId?: string;
  parentId?: string;
  rootId?: string;
  definition?: string;
  snapshot?: { value?: unknown; context?: Record<string, unknown> };
}

/** The machine id of an `@xstate.actor` event (from its serialised definition). */
function machineId(event: Received): string | undefined {
  try {
    return event.definition ? (JSON.parse(event.definition) as { id?: string }).id : undefined;
  } catch {
    return undefined;
  }
}

describe('browser build: Stately Inspector', () => {
  let harness: BrowserHarness;
  let page: BrowserPage;
  let receiver: WebSocketServer;
  const received: Received[] = [];

  beforeAll(async () => {
    if (!insideNetns) return;
    harness = await startBrowserHarness({ janus: { plugins: ['echotest'] } });
    page = await harness.openPage('ours.html');
    receiver = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => receiver.once('listening', () => resolve()));
    receiver.on('connection', (socket) => {
      socket.on('message', (data) => {
        try {
          received.push(JSON.parse(String(data)) as Received);
        } catch {
          // not an inspection event
        }
      });
    });
  });

  afterAll(async () => {
    for (const client of receiver?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await harness?.close();
  });

  it("receives the page's connection → session → handle actors as one tree", async () => {
    const { port } = receiver.address() as AddressInfo;
    await page.call('inspectRun', { url: harness.janus.wsUrl, inspectorUrl: `ws://127.0.0.1:${port}` });
    const actorOf = (id: string) =>
      received.find((event) => event.type === '@xstate.actor' && machineId(event) === id);
    await pollUntil(
      async () => actorOf('handle'),
      (found) => found !== undefined,
      10_000,
    );
    await page.call('inspectStop');
    const connection = actorOf('connection');
    const session = actorOf('session');
    const handle = actorOf('handle');
    expect(connection, 'the connection actor').toBeDefined();
    expect(connection?.parentId).toBeUndefined();
    expect(session?.parentId).toBe(connection?.sessionId);
    expect(handle?.parentId).toBe(session?.sessionId);
    expect(new Set(received.map((event) => event.rootId).filter(Boolean))).toEqual(
      new Set([connection?.sessionId]),
    );
    // Their snapshots came too: the connection was seen open, the handle attached.
    const values = (actor: Received | undefined) =>
      received
        .filter((event) => event.type === '@xstate.snapshot' && event.sessionId === actor?.sessionId)
        .map((event) => JSON.stringify(event.snapshot?.value));
    expect(values(connection).some((value) => value.includes('open'))).toBe(true);
    expect(values(handle).some((value) => value.includes('attached'))).toBe(true);
    expect(page.errors).toEqual([]);
  });
});
