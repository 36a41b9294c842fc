import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, JanusError } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { TRANSPORTS } from './transports.js';

const API_SECRET = 'integration-api-secret';
const TOKEN = 'integration-token-1';

let secretServer: TestServer;
let tokenServer: TestServer;

beforeAll(async () => {
  [secretServer, tokenServer] = await Promise.all([
    getTestServer({ apiSecret: API_SECRET, plugins: ['echotest'] }),
    getTestServer({ tokenAuth: true, plugins: ['echotest'] }),
  ]);
  await tokenServer.janus?.addToken(TOKEN);
});

afterAll(async () => {
  await Promise.all([secretServer?.stop(), tokenServer?.stop()]);
});

describe.each(TRANSPORTS)('authentication over $name', (transport) => {
  it('gets 403 without the api secret and succeeds with it', async () => {
    const without = await connect(transport.url(secretServer));
    const error = await without.createSession().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).janusCode).toBe(403);
    expect((error as JanusError).code).toBe('UNAUTHORIZED');
    await without.close();

    const janus = await connect(transport.url(secretServer), { apiSecret: API_SECRET });
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await janus.close();
    expect(session.state).toBe('destroyed');
  });

  it('gets 403 without a token, and with an unknown one; succeeds with a valid token', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const janus = await connect(transport.url(tokenServer), token ? { token } : {});
      const error = await janus.createSession().catch((e: unknown) => e);
      expect((error as JanusError).janusCode).toBe(403);
      await janus.close();
    }
    const janus = await connect(transport.url(tokenServer), { token: TOKEN });
    const session = await janus.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await janus.close();
  });
});
