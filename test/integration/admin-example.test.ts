/**
 * `examples/admin.ts`, run as a user would run it (a separate process, only the public API), over the admin
 * WebSocket and the admin HTTP API; it must list our session and handle and exit by itself.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, type JanusSession, type PluginHandle } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../examples/admin.ts', import.meta.url));
let server: TestServer;
let janus: JanusClient;
let session: JanusSession;
let handle: PluginHandle;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'], tokenAuth: true });
  await server.janus?.addToken('example-client');
  janus = await connect(server.wsUrl, { token: 'example-client' });
  session = await janus.createSession();
  handle = await session.attach('janus.plugin.echotest');
});

afterAll(async () => {
  await janus?.close();
  await server?.stop();
});

describe.each([
  { name: 'ws', url: () => server.adminWsUrl },
  { name: 'http', url: () => server.adminHttpUrl },
])('examples/admin.ts over $name', (transport) => {
  it('lists our session and handle, adds and removes a token, and exits', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', example], {
      env: { ...process.env, JANUS_ADMIN_URL: transport.url(), JANUS_ADMIN_SECRET: server.adminSecret },
      timeout: 20_000,
    });
    expect(stderr).toBe('');
    expect(stdout).toContain(`over ${transport.name}: log level 3`);
    expect(stdout).toContain(`session ${session.id} handle ${handle.id}: janus.plugin.echotest, ICE none`);
    expect(stdout).toContain('added and removed a token');
  });
});
