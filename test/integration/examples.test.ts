/**
 * The quick-start example, run as a user would run it (a separate process, only the public API) against a
 * server it did not start, over both transports; it must also exit by itself.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { TRANSPORTS } from './transports.js';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../examples/quickstart.ts', import.meta.url));
let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'] });
});

afterAll(async () => {
  await server?.stop();
});

describe.each(TRANSPORTS)('examples/quickstart.ts over $name', (transport) => {
  it('connects, gets the echotest reply, sees a typed refusal, and exits', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', example], {
      env: { ...process.env, JANUS_URL: transport.url(server) },
      timeout: 20_000,
    });
    expect(stderr).toBe('');
    expect(stdout).toContain(`over ${transport.name}`);
    expect(stdout).toContain('echotest replied: {"echotest":"event","result":"ok"}');
    expect(stdout).toContain('attach refused: PLUGIN_NOT_FOUND (460)');
    expect(stdout).toContain('handle detached (detached)');
    expect(stdout).toContain('session destroyed');
  });
});
