/**
 * The Lua and Duktape plugins against a real Janus running the EchoTest sample scripts Debian's `janus`
 * package ships (`echotest.lua`, registered as `janus.plugin.echolua`; `echotest.js`, as
 * `janus.plugin.echojs`), over WS and HTTP: messages go through the typed-but-open handle and the
 * scripts answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, type JanusSession } from '../../src/index.js';
import { DuktapeEchoTest, duktapeScript, LuaEchoTest, luaScript } from '../../src/plugins/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['lua', 'duktape'] });
});

afterAll(async () => {
  await server?.stop();
});

const SCRIPTS = [
  { name: 'lua', descriptor: LuaEchoTest, custom: luaScript<{ video: boolean }, { result: string }> },
  {
    name: 'duktape',
    descriptor: DuktapeEchoTest,
    custom: duktapeScript<{ video: boolean }, { result: string }>,
  },
] as const;

describe.each(TRANSPORTS)('Lua and Duktape sample scripts over $name', (transport) => {
  let janus: JanusClient;
  let session: JanusSession;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
    session = await janus.createSession();
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('the server runs both samples under the packages they register', async () => {
    const plugins = Object.keys((await janus.info()).plugins as Record<string, unknown>);
    expect(plugins).toContain('janus.plugin.echolua');
    expect(plugins).toContain('janus.plugin.echojs');
  });

  it.each(SCRIPTS)(
    '$name: a message without JSEP gets the script’s synchronous reply',
    async ({ descriptor }) => {
      const handle = await session.attach(descriptor);
      expect(handle.plugin).toBe(descriptor.plugin);
      const reply = await handle.send({ audio: true, video: false, bitrate: 128_000 });
      expect(reply.data).toEqual({ echotest: 'response', result: 'ok' });
      expect(reply.jsep).toBeUndefined();
      await handle.detach();
    },
  );

  it.each(SCRIPTS)(
    '$name: a descriptor made for the script’s package types its messages',
    async ({ descriptor, custom }) => {
      const handle = await session.attach(custom(descriptor.plugin));
      const reply = await handle.send({ video: true });
      expect(reply.data.result).toBe('ok');
      await handle.detach();
    },
  );
});
