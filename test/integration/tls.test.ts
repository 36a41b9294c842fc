/**
 * TLS against a Janus serving `wss` and `https` (and their admin twins) with a certificate signed by a CA
 * this test makes: trusted (CA given, or in the environment's trust store) → works; not trusted → `connect`
 * rejects with a typed `TLS` error carrying Node's error; `rejectUnauthorized: false` only when asked.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectAdmin, JanusError } from '../../src/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { makeTestCertificates, type TestCertificates } from './tls-certs.js';

const run = promisify(execFile);
let certs: TestCertificates;
let janus: JanusServer;

beforeAll(async () => {
  certs = await makeTestCertificates();
  janus = await startJanus({ plugins: ['echotest'], tls: { cert: certs.cert, key: certs.key } });
});

afterAll(async () => {
  await janus?.stop();
  await certs?.remove();
});

async function tlsRejection(promise: Promise<unknown>): Promise<JanusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JanusError);
  expect((error as JanusError).code).toBe('TLS');
  return error as JanusError;
}

describe.each([
  { name: 'wss', api: () => janus.wssUrl as string, admin: () => janus.adminWssUrl as string },
  { name: 'https', api: () => janus.httpsUrl as string, admin: () => janus.adminHttpsUrl as string },
])('TLS over $name', (transport) => {
  it('works with the CA given: a session and an EchoTest message', async () => {
    expect(transport.api()).toMatch(new RegExp(`^${transport.name}://127\\.0\\.0\\.1:\\d+`));
    const client = await connect(transport.api(), { tls: { ca: certs.ca }, reconnect: false });
    const session = await client.createSession();
    const echo = await session.attach('janus.plugin.echotest');
    expect((await echo.message({ audio: false })).data.result).toBe('ok');
    await client.close();
  });

  it('rejects connect with a typed TLS error when the CA is not trusted', async () => {
    const error = await tlsRejection(connect(transport.api()));
    expect((error.cause as { code?: string }).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('connects without verification only when rejectUnauthorized: false is asked for', async () => {
    const client = await connect(transport.api(), { tls: { rejectUnauthorized: false }, reconnect: false });
    expect((await client.info()).janus).toBe('server_info');
    await client.close();
  });

  it('the admin client: trusted works, untrusted rejects with TLS', async () => {
    const admin = await connectAdmin(transport.admin(), {
      adminSecret: janus.adminSecret,
      tls: { ca: certs.ca },
    });
    expect(Array.isArray((await admin.listSessions()).sessions)).toBe(true);
    admin.close();
    await tlsRejection(connectAdmin(transport.admin(), { adminSecret: janus.adminSecret }));
  });

  it("trusts the CA from the environment's trust store (NODE_EXTRA_CA_CERTS) with no tls option", async () => {
    const script = `
      import { connect } from './src/index.ts';
      const client = await connect(process.argv[1], { reconnect: false });
      const info = await client.info();
      await client.close();
      console.log(info.janus);`;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, transport.api()],
      {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: certs.caFile },
        timeout: 30_000,
      },
    );
    expect(stdout.trim()).toBe('server_info');
  });
});
