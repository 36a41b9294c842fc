/**
 * Secrets never reach the logs: with `apiSecret`, `token` (and an `admin_secret` in a raw request) and
 * every log level captured, a session of work with errors, a cut link, reconnection and claims leaves no
 * secret anywhere in the captured lines, their details, or the errors the calls rejected with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusLogger } from '../../src/index.js';
import { startTcpProxy, type TcpProxy } from '../fault/tcp-proxy.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';
import { waitForState } from './resilience-support.js';
import { TRANSPORTS } from './transports.js';

const API_SECRET = 'apisecret-Zx81qq';
const TOKEN = 'token-Kp27ww';
let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({
    plugins: ['echotest'],
    apiSecret: API_SECRET,
    tokenAuth: true,
    adminSecret: 'adminsecret-Rv55tt',
    reclaimSessionTimeoutS: 5,
  });
  await server.janus?.addToken(TOKEN);
});

afterAll(async () => {
  await server?.stop();
});

function captureLogger(lines: string[]): JanusLogger {
  const write = (level: string) => (message: string, details?: unknown) => {
    lines.push(
      `${level} ${message} ${JSON.stringify(details, (_k, v) => (v instanceof Error ? `${v.name}: ${v.message}` : v))}`,
    );
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    parts.push(
      current instanceof Error
        ? `${current.name}: ${current.message} ${current.stack ?? ''}`
        : String(current),
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}

describe.each(TRANSPORTS)('no secret in the logs over $name', (transport) => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy({ port: Number(new URL(transport.url(server)).port) });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('debug logging on, errors, a cut link and a reconnection: no secret anywhere', async () => {
    const target = new URL(transport.url(server));
    const url = `${target.protocol}//127.0.0.1:${proxy.port}${target.pathname === '/' ? '' : target.pathname}`;
    const lines: string[] = [];
    const errors: string[] = [];
    const janus = await connect(url, {
      apiSecret: API_SECRET,
      token: TOKEN,
      logger: captureLogger(lines),
      requestTimeoutMs: 3000,
    });
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    session.on('reclaimed', () => {
      throw new Error(`a listener that throws, holding ${API_SECRET}`);
    });
    janus.on('reconnecting', () => {
      throw new Error('another listener that throws');
    });
    await echo.message({ audio: false });
    // A raw request carrying the admin secret, and requests that fail.
    await janus
      .request({ janus: 'info', admin_secret: server.adminSecret })
      .catch((e: unknown) => errors.push(describeError(e)));
    await session.attach('janus.plugin.nosuchplugin').catch((e: unknown) => errors.push(describeError(e)));
    await echo
      .message({ audio: false }, { timeoutMs: 1 })
      .catch((e: unknown) => errors.push(describeError(e)));
    // Lose the link (the server cannot be reached for a moment: over HTTP a cut connection alone is not a
    // lost link while the server still answers): the failure, the reconnection and the claims are logged.
    const down = waitForState(janus, 'reconnecting', 10_000);
    const back = nextEvent(janus, 'reconnected', () => true, 10_000);
    const lost = echo.message({ audio: false }).catch((e: unknown) => errors.push(describeError(e)));
    proxy.refuse(true);
    proxy.cutAll();
    await down;
    proxy.refuse(false);
    await back;
    await lost;
    await echo.message({ audio: false });
    await janus.close();
    if (process.env.SHOW_LOGS) console.log(lines.join('\n'));
    const all = [...lines, ...errors].join('\n');
    console.log(`${transport.name}: ${lines.length} log lines, ${errors.length} errors checked`);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes('reconnect'))).toBe(true);
    expect(lines.some((line) => line.startsWith('error '))).toBe(true);
    for (const secret of [API_SECRET, TOKEN, server.adminSecret]) expect(all).not.toContain(secret);
  });
});
