/**
 * Every TypeScript block of README.md is a file under `examples/readme/`, verbatim (`npm run readme`
 * rewrites them); `npm run typecheck` type-checks those files, and this suite runs the ones that need no
 * media against a private Janus (the media ones run in `test/media/readme-media.test.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeSnippets, renderReadme } from '../../scripts/lib/readme-snippets.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { REPO_ROOT, runExample } from '../support/run-example.js';
import { TRANSPORTS } from './transports.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
/** The snippet files a test runs: here, or in the media suite. */
const RUN_HERE = ['connect.ts', 'inspect.ts', 'private-server.ts'];
const RUN_IN_MEDIA_SUITE = ['echotest-bot.ts', 'videoroom-bot.ts', 'browser-echotest.ts'];

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'] });
});

afterAll(async () => {
  await server?.stop();
});

describe('README.md code blocks', () => {
  it('are the files under examples/readme/, verbatim, each named by a marker line', () => {
    const snippets = readmeSnippets(readme);
    expect(snippets.filter((snippet) => snippet.file === undefined).map((snippet) => snippet.line)).toEqual(
      [],
    );
    expect(renderReadme(readme, REPO_ROOT) === readme, 'README.md differs: run npm run readme').toBe(true);
    for (const snippet of snippets) {
      const text = readFileSync(join(REPO_ROOT, snippet.file as string), 'utf8').trimEnd();
      expect(snippet.code, snippet.file).toBe(text);
    }
    const files = readdirSync(join(REPO_ROOT, 'examples/readme')).filter((file) => file.endsWith('.ts'));
    expect(snippets.map((snippet) => snippet.file).sort()).toEqual(
      files.map((f) => `examples/readme/${f}`).sort(),
    );
    // Each one is run by a test: here or in the media suite.
    expect([...RUN_HERE, ...RUN_IN_MEDIA_SUITE].sort()).toEqual(files.sort());
  });

  it('keeps the two quick-start commands exactly', () => {
    expect(readme).toContain('```sh\nnpm install && npm run demo\nnpm test\n```');
  });
});

describe.each(TRANSPORTS)('examples/readme/connect.ts over $name', (transport) => {
  it('gets the info and the echotest reply, sees a typed refusal, and exits by itself', async () => {
    const { code, stdout, stderr } = await runExample('examples/readme/connect.ts', {
      JANUS_URL: transport.url(server),
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^Janus WebRTC Server \S+$/m);
    expect(stdout).toContain("reply { echotest: 'event', result: 'ok' }");
    expect(stdout).toContain('refused: PLUGIN_NOT_FOUND (460)');
    // The logger wrote the wire traffic to stderr, and the state listener saw the connection close.
    expect(stderr).toContain('janus-xstate');
    expect(stderr).toMatch(/^connection closed$/m);
  });
});

describe('examples/readme/inspect.ts', () => {
  it('prints the snapshots of the connection and session actors', async () => {
    const { code, stdout, stderr } = await runExample('examples/readme/inspect.ts', {
      JANUS_URL: server.wsUrl,
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^connection: {"running":"open"}$/m);
    expect(stdout).toMatch(/^session-\d+: "destroyed"$/m);
    expect(stdout).toMatch(/^connection actor: (done|stopped)$/m);
  });
});

describe('examples/readme/private-server.ts', () => {
  it('starts its own server with a room from extraFiles, asks the admin API, and stops it', async () => {
    const { code, stdout, stderr } = await runExample('examples/readme/private-server.ts', {});
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^ws ws:\/\/127\.0\.0\.1:\d+, http http:\/\/127\.0\.0\.1:\d+\/janus, admin /m);
    expect(stdout).toContain('room 42 exists: true');
    expect(stdout).toMatch(/^sessions: \[\d+\]$/m);
  });
});
