/**
 * Resilience in the browser: the project's fault proxy (`test/fault/tcp-proxy.ts`) sits between the page
 * and Janus's WebSocket. Cutting every connection makes the browser build reconnect through the proxy and
 * `claim` its session: the same session id, the same handle answering a request afterwards, and plugin
 * events still reaching that handle. Runs in the private namespace with the other browser tests:
 *   scripts/netns-run.sh npx vitest run --config vitest.media.config.ts test/media/browser-resilience.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, VideoRoom } from '../../src/index.js';
import { type BrowserHarness, type BrowserPage, startBrowserHarness } from '../browser/harness.js';
import type { ResilienceState } from '../browser/page-types.js';
import { pollUntil } from '../browser/poll.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

describe('browser build: a cut WebSocket', () => {
  let harness: BrowserHarness;
  let page: BrowserPage;
  let proxy: TcpProxy;
  let node: JanusClient;
  let room: number;

  beforeAll(async () => {
    if (!insideNetns) return;
    harness = await startBrowserHarness({
      janus: { plugins: ['videoroom'], reclaimSessionTimeoutS: 20 },
    });
    proxy = await startTcpProxy({ port: Number(new URL(harness.janus.wsUrl).port) });
    page = await harness.openPage('ours.html');
    node = await connect(harness.janus.wsUrl);
    const admin = await (await node.createSession()).attach(VideoRoom);
    room = Number((await admin.create({ publishers: 4, notify_joining: true })).room);
  });

  afterAll(async () => {
    await page?.call('rsClose').catch(() => undefined);
    await node?.close();
    await proxy?.close();
    await harness?.close();
  });

  it('claims the session after the cut: same session, the handle answers, events still arrive', async () => {
    const url = `ws://127.0.0.1:${proxy.port}`;
    const opened = await page.call<{ sessionId: number; handleId: number }>('rsOpen', {
      url,
      room,
      display: 'chromium',
    });
    expect(proxy.accepted).toBe(1);

    proxy.cutAll();
    const state = () => page.call<ResilienceState>('rsState');
    const after = await pollUntil(state, (s) => s.counts.reclaimed >= 1 && s.connection === 'open', 15_000);
    // Reconnected through the proxy (a second connection) and claimed the same session, handle intact.
    expect(proxy.cuts).toBeGreaterThanOrEqual(1);
    expect(proxy.accepted).toBeGreaterThanOrEqual(2);
    expect(after.counts).toMatchObject({ reconnected: 1, reclaimed: 1, lost: 0, detached: 0 });
    expect(after.connection).toBe('open');
    expect([after.sessionId, after.handleId]).toEqual([opened.sessionId, opened.handleId]);
    expect([after.session, after.handle]).toEqual(['active', 'attached']);

    // The same handle object answers a request: the room still lists it.
    expect(await page.call<string[]>('rsRequest')).toContain('chromium');
    // An event nobody asked for reaches it: someone joins the room (notify_joining).
    const joiner = await (await node.createSession()).attach(VideoRoom);
    await joiner.join({ ptype: 'publisher', room, display: 'joined-after-the-cut' });
    const withEvent = await pollUntil(
      state,
      (s) => s.events.some((event) => JSON.stringify(event.data).includes('joined-after-the-cut')),
      10_000,
    );
    const joining = withEvent.events.find((event) =>
      JSON.stringify(event.data).includes('joined-after-the-cut'),
    );
    expect(joining?.handleId).toBe(opened.handleId);
    expect(joining?.data).toMatchObject({ videoroom: 'event', joining: { display: 'joined-after-the-cut' } });
    expect(page.errors).toEqual([]);
  });
});
