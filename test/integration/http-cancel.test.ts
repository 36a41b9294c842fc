/**
 * The HTTP long-poll core cancels what it holds in flight: when a session ends, the long-poll Janus is
 * holding for it (~30 s) is ended at once on both exchanges, `node:http` (its `ClientRequest` destroyed)
 * and `fetch` (its `AbortController` aborted), so its socket closes instead of waiting for the hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JanusMessage } from '../../src/protocol/messages.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { createHttpTransport } from '../../src/transport/http-transport.js';
import type { Transport, TransportEvents, TransportOptions } from '../../src/transport/transport.js';
import { safeLogger } from '../../src/util/logger.js';
import { getTestServer, type TestServer } from '../harness/servers.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({});
});

afterAll(async () => {
  await server?.stop();
});

/** TCP sockets this process holds open. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;
}

/** Resolves when `check` holds, polling every 5 ms; rejects after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Create = (options: TransportOptions, events: TransportEvents) => Transport;

const exchanges: [string, Create][] = [
  ['node:http', createHttpTransport],
  ['fetch', (options, events) => createFetchTransport(options, events)],
];

describe.each(exchanges)('HTTP long-poll on %s', (_name, create) => {
  it('ends the poll in flight when its session ends, without waiting for the hold of Janus', async () => {
    const messages: JanusMessage[] = [];
    let closed = false;
    const transport = create(
      {
        url: server.httpUrl,
        apiSecret: server.apiSecret,
        logger: safeLogger(undefined, []),
        connectTimeoutMs: 5000,
      },
      {
        onOpen: () => {},
        onMessage: (message) => messages.push(message),
        onSendError: (transaction, error) => {
          throw new Error(`request ${transaction} failed: ${String(error)}`);
        },
        onClose: () => {
          closed = true;
        },
      },
    );
    const answer = async (transaction: string): Promise<JanusMessage> => {
      await until(
        () => messages.some((m) => m.transaction === transaction),
        10_000,
        `answer to ${transaction}`,
      );
      return messages.find((m) => m.transaction === transaction) as JanusMessage;
    };
    try {
      const auth = server.apiSecret ? { apisecret: server.apiSecret } : {};
      transport.send({ janus: 'create', transaction: 'create-1', ...auth });
      const created = await answer('create-1');
      const sessionId = (created as { data?: { id?: number } }).data?.id as number;
      expect(typeof sessionId).toBe('number');
      transport.sessionStarted(sessionId);
      // A request after the poll started: when its answer is in, the poll has long been on its socket.
      transport.send({ janus: 'keepalive', session_id: sessionId, transaction: 'keepalive-1', ...auth });
      expect((await answer('keepalive-1')).janus).toBe('ack');
      const withPoll = openSockets();
      transport.sessionEnded(sessionId);
      // Janus would hold the poll ~30 s; cancelled, its socket closes within a few ms (1 s here).
      await until(() => openSockets() < withPoll, 1000, 'the long-poll socket closes after sessionEnded');
    } finally {
      transport.close();
    }
    expect(closed).toBe(true);
  });
});
