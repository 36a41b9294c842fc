/**
 * Child process of the exit test: runs one fault scenario (argv[2]) against a Janus URL (argv[3]), calls
 * `close()`, prints `closed <ms since epoch>`, and must then exit by itself.
 * Scenarios: `cuts` (5 losses of the link, the proxy cutting and refusing, each reclaimed), `reconnecting` (closed while the server is
 * unreachable and the client is reconnecting), `reclaiming` (closed while the claims are in flight), `stalled` (closed with a request stuck on a stalled link),
 * `fuzzed` (closed after garbage frames from the fake server; the URL is ignored).
 */
import { connect } from '../../src/index.js';
import { startFakeJanus } from './fake-janus.js';
import { startTcpProxy } from './tcp-proxy.js';

const [scenario, url] = process.argv.slice(2);
if (!scenario || !url) throw new Error('usage: exit-scenarios.ts SCENARIO URL');

const waitFor = (client: { state: string; on: Function; off: Function }, state: string) =>
  new Promise<void>((resolve) => {
    if (client.state === state) return resolve();
    const listener = (next: string) => {
      if (next !== state) return;
      client.off('state', listener);
      resolve();
    };
    client.on('state', listener);
  });

if (scenario === 'fuzzed') {
  const fake = await startFakeJanus();
  const janus = await connect(fake.url);
  const session = await janus.createSession();
  await session.attach('janus.plugin.echotest');
  for (const frame of [
    '{',
    '[1,2]',
    '{"janus":5}',
    JSON.stringify({ janus: 'event', sender: 'x' }),
    'x'.repeat(1 << 20),
  ])
    fake.broadcast(frame);
  await janus.info();
  await janus.close();
  await fake.close();
} else {
  const target = new URL(url);
  const proxy = await startTcpProxy({ port: Number(target.port) });
  const viaProxy = `${target.protocol}//127.0.0.1:${proxy.port}${target.pathname === '/' ? '' : target.pathname}`;
  const janus = await connect(viaProxy, { requestTimeoutMs: 60_000 });
  const session = await janus.createSession();
  const echo = await session.attach('janus.plugin.echotest');
  if (scenario === 'cuts') {
    for (let i = 0; i < 5; i += 1) {
      // The server is unreachable for a moment (over HTTP a cut connection alone is not a lost link).
      const back = new Promise<void>((resolve) => janus.once('reconnected', () => resolve()));
      proxy.refuse(true);
      proxy.cutAll();
      await waitFor(janus, 'reconnecting');
      proxy.refuse(false);
      await back;
      await echo.message({ audio: false });
    }
  } else if (scenario === 'reconnecting') {
    proxy.refuse(true);
    proxy.cutAll();
    await waitFor(janus, 'reconnecting');
    void echo.message({ audio: false }).catch(() => undefined); // queued during the outage
  } else if (scenario === 'reclaiming') {
    // Closed while the claims of a reconnection are in flight (the proxy holds each chunk 300 ms).
    proxy.delay(300);
    proxy.cutAll();
    await waitFor(janus, 'reclaiming');
  } else if (scenario === 'stalled') {
    proxy.stall(true);
    void echo.message({ audio: false }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await janus.close();
  await proxy.close();
}
process.stdout.write(`closed ${Date.now()}\n`);
