/**
 * `examples/restore.ts` run as a user runs it, in two processes, over both transports: the first saves a
 * snapshot and exits without closing, the second restores it, uses the typed handle, and exits by itself.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { runExample } from '../support/run-example.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;
let folder: string;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'], reclaimSessionTimeoutS: 20 });
  folder = mkdtempSync(join(tmpdir(), 'janus-restore-example-'));
});

afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe.each(TRANSPORTS)('examples/restore.ts over $name', (transport) => {
  it('saves in one process and resumes the same session and handle in another', async () => {
    const file = join(folder, `${transport.name}.json`);
    const env = { JANUS_URL: transport.url(server), JANUS_API_SECRET: server.apiSecret ?? '' };
    const save = await runExample('examples/restore.ts', env, { args: ['save', file], timeoutMs: 30_000 });
    expect(save.stderr).toBe('');
    expect(save.code).toBe(0);
    const saved = save.stdout;
    const [, sessionId, handleId] = /saved session (\d+) with handle (\d+)/.exec(saved) ?? [];
    expect(sessionId).toBeDefined();
    expect(readFileSync(file, 'utf8')).toContain('"format": "janus-xstate.snapshot"');

    const resumed = await runExample('examples/restore.ts', env, {
      args: ['resume', file],
      timeoutMs: 30_000,
    });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`restored over ${transport.name}: 1 claimed, 0 lost`);
    expect(resumed.stdout).toContain(
      `session ${sessionId} handle ${handleId} replied: {"echotest":"event","result":"ok"}`,
    );
  });
});
