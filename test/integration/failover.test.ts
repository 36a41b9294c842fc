/**
 * Failover between two real servers: `connect([first, second])` opens on the first; when it stops, the
 * reconnect loop cannot reach it and moves to the second, where the claim is refused (another server)
 * and, with `recreate: true`, the session and its handles are re-created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';
import { TRANSPORTS } from './transports.js';

describe.each(TRANSPORTS)('failover over $name', (transport) => {
  let first: TestServer;
  let second: TestServer;
  beforeAll(async () => {
    [first, second] = await Promise.all([
      getTestServer({ plugins: ['echotest'] }),
      getTestServer({ plugins: ['echotest'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('the first server stops: the client moves to the second and re-creates its session there', async () => {
    const urls = [transport.url(first), transport.url(second)];
    const janus = await connect(urls, { recreate: true, requestTimeoutMs: 3000, connectTimeoutMs: 2000 });
    expect(janus.url).toBe(urls[0]);
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    const attempts: number[] = [];
    janus.on('reconnecting', (event) => attempts.push(event.attempt));
    const reconnected = nextEvent(janus, 'reconnected', () => true, 15_000);
    const recreated = nextEvent(session, 'recreated', () => true, 15_000);
    const started = Date.now();
    await first.janus?.stop();
    const event = await reconnected;
    const recreatedEvent = await recreated;
    console.log(
      `${transport.name}: failed over to ${event.url} in ${Date.now() - started} ms after ${attempts.length} attempt(s)`,
    );
    expect(event.url).toBe(urls[1]);
    expect(janus.url).toBe(urls[1]);
    expect(event.recreated).toBe(1);
    expect(recreatedEvent.handles.map((h) => h.handle)).toEqual([echo]);
    expect(session.state).toBe('active');
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await janus.close();
  });
});
