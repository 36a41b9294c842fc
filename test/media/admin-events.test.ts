/**
 * Janus's event handlers during a real EchoTest call (inside the private network namespace): `sampleevh`
 * POSTs batches to one receiver and `wsevh` streams to another; each gets our session's `created`, the
 * handle's `attached`, the remote offer and local answer, ICE and DTLS states and `webrtcup`, matched by our
 * session and handle ids.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEvent } from '../../src/cli/events.js';
import {
  connect,
  connectAdmin,
  EchoTest,
  type EventReceiver,
  type JanusEvent,
  listenForEvents,
  MediaSource,
} from '../../src/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { guardNetwork, type NetGuard, requirePrivateNetns } from './support/net-guard.js';

let server: JanusServer;
let guard: NetGuard;
let viaPost: EventReceiver;
let viaWebSocket: EventReceiver;
const received = { sampleevh: [] as JanusEvent[], wsevh: [] as JanusEvent[] };

beforeAll(async () => {
  requirePrivateNetns();
  guard = guardNetwork();
  [viaPost, viaWebSocket] = await Promise.all([listenForEvents(), listenForEvents()]);
  viaPost.on('event', (event) => received.sampleevh.push(event));
  viaWebSocket.on('event', (event) => received.wsevh.push(event));
  server = await startJanus({
    plugins: ['echotest'],
    extraNat: { ice_enforce_list: 'jpd0' },
    eventHandlers: { sampleevh: viaPost.url, wsevh: viaWebSocket.wsUrl, grouping: true },
  });
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([viaPost?.close(), viaWebSocket?.close()]);
  guard?.restore();
});

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('event handlers during an EchoTest call', () => {
  it('sampleevh (HTTP POST, batched) and wsevh (WebSocket) each report our session, handle, JSEP, ICE, DTLS, webrtcup', async () => {
    const janus = await connect(server.wsUrl);
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest, { opaqueId: 'evh-test' });
    await echo.start({ audio: true, video: true, source: MediaSource.generated() });
    const ours = (events: JanusEvent[]) =>
      events.filter((event) => 'session_id' in event && event.session_id === session.id);
    const webrtcup = (events: JanusEvent[]) =>
      ours(events).some(
        (e) => e.kind === 'webrtc' && e.handle_id === echo.id && e.event.connection === 'webrtcup',
      );
    await until(
      'webrtcup from both handlers',
      () => webrtcup(received.sampleevh) && webrtcup(received.wsevh),
    );

    for (const [handler, events] of Object.entries(received)) {
      const mine = ours(events);
      const has = (what: string, test: (event: JanusEvent) => boolean) =>
        expect(mine.some(test), `${handler}: ${what}`).toBe(true);
      has('session created', (e) => e.kind === 'session' && e.type === 1 && e.event.name === 'created');
      has(
        'handle attached',
        (e) =>
          e.kind === 'handle' &&
          e.handle_id === echo.id &&
          e.event.name === 'attached' &&
          e.event.plugin === 'janus.plugin.echotest' &&
          e.opaque_id === 'evh-test',
      );
      has(
        'remote offer',
        (e) =>
          e.kind === 'jsep' &&
          e.handle_id === echo.id &&
          e.event.owner === 'remote' &&
          e.event.jsep.type === 'offer' &&
          e.event.jsep.sdp.startsWith('v=0'),
      );
      has(
        'local answer',
        (e) =>
          e.kind === 'jsep' &&
          e.handle_id === echo.id &&
          e.event.owner === 'local' &&
          e.event.jsep.type === 'answer',
      );
      has(
        'ICE connected',
        (e) =>
          e.kind === 'webrtc' && e.handle_id === echo.id && e.subtype === 1 && e.event.ice === 'connected',
      );
      has(
        'selected pair',
        (e) =>
          e.kind === 'webrtc' &&
          e.handle_id === echo.id &&
          e.subtype === 4 &&
          typeof e.event['selected-pair'] === 'string',
      );
      has(
        'DTLS connected',
        (e) =>
          e.kind === 'webrtc' && e.handle_id === echo.id && e.subtype === 5 && e.event.dtls === 'connected',
      );
      has(
        'webrtcup',
        (e) =>
          e.kind === 'webrtc' &&
          e.handle_id === echo.id &&
          e.subtype === 6 &&
          e.event.connection === 'webrtcup',
      );
    }
    expect(formatEvent(ours(received.wsevh).find((e) => e.kind === 'session') as JanusEvent)).toMatch(
      new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} session\\s+session=${session.id} created$`),
    );
    await janus.close();
    await until('session destroyed', () =>
      ours(received.sampleevh).some((e) => e.kind === 'session' && e.event.name === 'destroyed'),
    );
  });

  it('query_eventhandler reaches sampleevh; custom_event reaches both handlers as an external event', async () => {
    const admin = await connectAdmin(server.adminWsUrl, { adminSecret: server.adminSecret });
    const { response } = await admin.queryEventhandler<{ result?: number }>('janus.eventhandler.sampleevh', {
      request: 'tweak',
      events: 'all',
    });
    expect(response.result).toBe(200);
    await admin.customEvent('janus-xstate/test', { marker: 'admin-events' });
    const external = (events: JanusEvent[]) =>
      events.some(
        (e) =>
          e.kind === 'external' &&
          e.event.schema === 'janus-xstate/test' &&
          e.event.data.marker === 'admin-events',
      );
    await until('the custom event', () => external(received.sampleevh) && external(received.wsevh));
    admin.close();
  });

  it('splits a batched POST into its events, and reports a body that is not JSON as a typed error', async () => {
    const errors: unknown[] = [];
    viaPost.on('error', (error) => errors.push(error));
    const before = received.sampleevh.length;
    const batch = [
      { type: 4, timestamp: Date.now() * 1000, event: { schema: 'a', data: {} } },
      { type: 4, timestamp: Date.now() * 1000, event: { schema: 'b', data: {} } },
    ];
    const ok = await fetch(viaPost.url, { method: 'POST', body: JSON.stringify(batch) });
    expect(ok.status).toBe(200);
    await until('the batch', () =>
      received.sampleevh.slice(before).some((e) => e.kind === 'external' && e.event.schema === 'b'),
    );
    expect(
      received.sampleevh
        .slice(before)
        .flatMap((e) =>
          e.kind === 'external' && ['a', 'b'].includes(e.event.schema) ? [e.event.schema] : [],
        ),
    ).toEqual(['a', 'b']);
    await fetch(viaPost.url, { method: 'POST', body: '{not json' });
    await until('the error', () => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 'PROTOCOL' });
  });
});
