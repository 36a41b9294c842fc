/**
 * The Unix-socket transport against Janus's `pfunix` (SOCK_DGRAM): a session with an EchoTest message,
 * the admin API over its own socket, the native module loaded only when a `unix:` URL is used, and a clear
 * error naming what to install when it is missing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectAdmin, JanusError } from '../../src/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { loadUnixDgram, UNIX_DGRAM_MODULE } from '../../src/transport/unix-transport.js';

const run = promisify(execFile);
let janus: JanusServer;

beforeAll(async () => {
  janus = await startJanus({ plugins: ['echotest'], unixSockets: true });
});

afterAll(async () => {
  await janus?.stop();
});

describe('Unix-socket transport (pfunix)', () => {
  it('runs a session with an EchoTest message over the Janus API socket', async () => {
    const url = janus.unixUrl as string;
    expect(url).toMatch(/^unix:\/\/\/.+janus-api\.sock$/);
    const client = await connect(url, { reconnect: false });
    expect(client.transportKind).toBe('unix');
    expect(client.serverInfo?.transports).toHaveProperty('janus.transport.pfunix');
    const session = await client.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await client.close();
    expect(session.state).toBe('destroyed');
  });

  it('carries the admin API over the admin socket', async () => {
    const client = await connect(janus.unixUrl as string, { reconnect: false });
    const session = await client.createSession();
    const admin = await connectAdmin(janus.adminUnixUrl as string, { adminSecret: janus.adminSecret });
    expect(admin.transportKind).toBe('unix');
    expect((await admin.listSessions()).sessions).toContain(session.id);
    expect(
      (await admin.handleInfo(session.id, (await session.attach('janus.plugin.echotest')).id)).info,
    ).toMatchObject({
      session_transport: 'janus.transport.pfunix',
    });
    admin.close();
    await client.close();
  });

  it('fails to connect to a socket that does not exist with a typed error', async () => {
    const error = await connect('unix:///tmp/janus-xstate-no-such.sock', { reconnect: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).code).toBe('DISCONNECTED');
    expect((error as JanusError).message).toContain('/tmp/janus-xstate-no-such.sock');
  });

  it('names the module to install when unix-dgram is missing', () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module 'unix-dgram'"), { code: 'MODULE_NOT_FOUND' });
    };
    let error: unknown;
    try {
      loadUnixDgram(missing);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).code).toBe('MISSING_MODULE');
    expect((error as JanusError).message).toContain(`npm install ${UNIX_DGRAM_MODULE}`);
  });

  it('loads the native module only when a unix: URL is used', async () => {
    const script = `
      import { connect } from './src/index.ts';
      const client = await connect(process.argv[1], { reconnect: false });
      await client.close();
      const loaded = process.report.getReport().sharedObjects.some((path) => path.includes('unix_dgram'));
      console.log(loaded ? 'native loaded' : 'nothing native');`;
    const probe = async (url: string) =>
      (
        await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, url], {
          timeout: 30_000,
        })
      ).stdout.trim();
    expect(await probe(janus.wsUrl)).toBe('nothing native');
    expect(await probe(janus.unixUrl as string)).toBe('native loaded');
  });
});
