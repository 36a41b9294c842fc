/**
 * `janus-xstate admin <url> <command>` against a private Janus: every admin command, as tables and as
 * `--json`, plus the real executable in a child process (secret from `JANUS_ADMIN_SECRET`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminCliFlags, runAdminCommand } from '../../src/cli/admin.js';
import { connect, type JanusClient, type JanusSession, type PluginHandle } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { nextEvent } from '../support/events.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

let server: TestServer;
let janus: JanusClient;
let session: JanusSession;
let handle: PluginHandle;
let folder: string;

beforeAll(async () => {
  server = await getTestServer({ tokenAuth: true, plugins: ['echotest'] });
  await server.janus?.addToken('cli-client');
  janus = await connect(server.wsUrl, { token: 'cli-client' });
  session = await janus.createSession();
  handle = await session.attach('janus.plugin.echotest', { opaqueId: 'cli-opaque' });
  folder = await mkdtemp(join(tmpdir(), 'janus-xstate-cli-'));
});

afterAll(async () => {
  await janus?.close();
  await server?.stop();
  await rm(folder, { recursive: true, force: true });
});

async function admin(url: string, args: string[], flags: AdminCliFlags = {}): Promise<string> {
  let out = '';
  await runAdminCommand([url, ...args], { 'admin-secret': server.adminSecret, ...flags }, (text) => {
    out += text;
  });
  return out;
}

describe.each([
  { name: 'ws', url: () => server.adminWsUrl },
  { name: 'http', url: () => server.adminHttpUrl },
])('admin CLI over $name', (transport) => {
  it('sessions: a table with our session and its handle; --json the same as data', async () => {
    const table = await admin(transport.url(), ['sessions']);
    expect(table.split('\n')[0]).toMatch(/^SESSION\s+HANDLES$/);
    expect(table).toMatch(new RegExp(`^${session.id}\\s+${handle.id}$`, 'm'));
    const json = JSON.parse(await admin(transport.url(), ['sessions'], { json: true }));
    expect(json.sessions).toContainEqual({ session_id: session.id, handles: [handle.id] });
  });

  it('handles <session> and handle <session> <handle>: plugin, opaque id, no PeerConnection yet', async () => {
    const handles = await admin(transport.url(), ['handles', String(session.id)]);
    expect(handles.split('\n')[0]).toMatch(/^HANDLE\s+PLUGIN\s+OPAQUE ID\s+ICE\s+DTLS$/);
    expect(handles).toMatch(
      new RegExp(`^${handle.id}\\s+janus.plugin.echotest\\s+cli-opaque\\s+-\\s+-$`, 'm'),
    );
    const one = await admin(transport.url(), ['handle', String(session.id), String(handle.id)]);
    expect(one).toMatch(new RegExp(`^handle:\\s+${handle.id}$`, 'm'));
    expect(one).toMatch(/^plugin:\s+janus.plugin.echotest$/m);
    expect(one).toMatch(/^ICE state:\s+-$/m);
    expect(one).toContain('streams: none');
    const json = JSON.parse(
      await admin(transport.url(), ['handle', String(session.id), String(handle.id)], { json: true }),
    );
    expect(json).toMatchObject({
      handle_id: handle.id,
      plugin: 'janus.plugin.echotest',
      opaque_id: 'cli-opaque',
    });
  });

  it('tokens, add-token, remove-token', async () => {
    const token = `cli-token-${transport.name}`;
    expect(await admin(transport.url(), ['add-token', token], { plugins: 'echotest' })).toBe(
      'added a token for janus.plugin.echotest\n',
    );
    const tokens = await admin(transport.url(), ['tokens']);
    expect(tokens.split('\n')[0]).toMatch(/^TOKEN\s+PLUGINS$/);
    expect(tokens).toMatch(new RegExp(`^${token}\\s+janus.plugin.echotest$`, 'm'));
    expect(await admin(transport.url(), ['remove-token', token])).toBe('removed the token\n');
    const json = JSON.parse(await admin(transport.url(), ['tokens'], { json: true }));
    expect(json.tokens.map((entry: { token: string }) => entry.token)).not.toContain(token);
  });

  it('log-level sets the level; a bad one is a clear error', async () => {
    expect(await admin(transport.url(), ['log-level', '4'])).toBe('log level 4\n');
    expect(JSON.parse(await admin(transport.url(), ['log-level', '3'], { json: true }))).toEqual({
      level: 3,
    });
    await expect(admin(transport.url(), ['log-level', 'loud'])).rejects.toThrow(/integer from 0 to 7/);
    await expect(admin(transport.url(), ['log-level', '9'])).rejects.toMatchObject({
      code: 'INVALID_ELEMENT_TYPE',
    });
  });

  it('pcap writes the file on the server for --seconds', async () => {
    const file = join(folder, `cli-${transport.name}.pcap`);
    const out = await admin(transport.url(), ['pcap', String(session.id), String(handle.id), file], {
      seconds: '0.2',
    });
    expect(out).toBe(`captured 0.2 s of handle ${handle.id} to ${file}\n`);
    expect(existsSync(file)).toBe(true);
  });
});

describe('admin CLI, hangup and detach', () => {
  it('hangup succeeds on a handle; detach detaches it and the client hears it', async () => {
    const other = await session.attach('janus.plugin.echotest');
    expect(await admin(server.adminWsUrl, ['hangup', String(session.id), String(other.id)])).toBe(
      `hung up handle ${other.id}\n`,
    );
    const detached = nextEvent(other, 'detached');
    expect(await admin(server.adminHttpUrl, ['detach', String(session.id), String(other.id)])).toBe(
      `detached handle ${other.id}\n`,
    );
    await detached;
    expect(await admin(server.adminWsUrl, ['handles', String(session.id)])).not.toContain(String(other.id));
  });

  it('unknown command and missing ids are clear errors', async () => {
    await expect(admin(server.adminWsUrl, ['nope'])).rejects.toThrow(/sessions, handles, handle/);
    await expect(admin(server.adminWsUrl, ['handle', String(session.id)])).rejects.toThrow(
      'missing a handle id',
    );
  });

  it('the executable: JANUS_ADMIN_SECRET, --json, and a typed 403 on stderr without it', async () => {
    const env = { ...process.env, JANUS_ADMIN_SECRET: server.adminSecret };
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', MAIN, 'admin', server.adminHttpUrl, 'sessions', '--json'],
      {
        env,
        timeout: 30_000,
      },
    );
    expect(JSON.parse(stdout).sessions).toContainEqual({ session_id: session.id, handles: [handle.id] });
    const { JANUS_ADMIN_SECRET: _drop, ...without } = env;
    const failed = await run(
      process.execPath,
      ['--import', 'tsx', MAIN, 'admin', server.adminWsUrl, 'sessions'],
      {
        env: without,
        timeout: 30_000,
      },
    ).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/Unauthorized request.*\[UNAUTHORIZED\]/);
    expect(failed?.stderr).not.toContain(server.adminSecret);
  });
});
