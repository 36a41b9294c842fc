import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { connect, JanusError } from '../../src/index.js';
import { EXIT_AFTER_CLOSE_MS } from '../fault/exit-bound.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest', 'videoroom'] });
});

afterAll(async () => {
  await server?.stop();
});

const fixture = fileURLToPath(new URL('../fixtures/connect-work-close.ts', import.meta.url));

/** Runs the fixture; resolves with ms between close() returning and the process exiting. */
function runChild(url: string): Promise<{ code: number | null; exitDelayMs: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const exitedAt = Date.now();
      const closedAt = Number(/closed (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
      resolve({ code, exitDelayMs: exitedAt - closedAt, stderr });
    });
  });
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe.each(TRANSPORTS)('lifecycle over $name', (transport) => {
  it('a process that connects, works and closes exits by itself within 2 s', async () => {
    const result = await runChild(transport.url(server));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.exitDelayMs).toBeLessThan(EXIT_AFTER_CLOSE_MS);
  });

  it('close() destroys live sessions, ends their handles and rejects later calls', async () => {
    const janus = await connect(transport.url(server));
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    const sessionId = session.id;
    await janus.close();
    expect(janus.state).toBe('closed');
    expect(session.state).toBe('destroyed');
    expect(handle.state).toBe('detached');
    await expect(janus.info()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await janus.close();
    // The server no longer knows the session.
    const probe = await connect(transport.url(server));
    const error = await probe.request({ janus: 'keepalive', session_id: sessionId }).catch((e: unknown) => e);
    expect((error as JanusError).janusCode).toBe(458);
    await probe.close();
  });

  it('passes the inspector to the root actor, which sees every session and handle actor', async () => {
    const events: InspectionEvent[] = [];
    const janus = await connect(transport.url(server), { inspect: (event) => events.push(event) });
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    await handle.detach();
    await janus.close();
    const idOf = (event: InspectionEvent) => (event.actorRef as { id?: string }).id;
    const actorIds = new Set(events.map(idOf));
    expect(actorIds).toContain('session-1');
    expect(actorIds).toContain('handle-1');
    const rootIds = new Set(events.map((event) => event.rootId));
    expect(rootIds.size).toBe(1);
    const handleStates = events
      .filter((e) => e.type === '@xstate.snapshot' && idOf(e) === 'handle-1')
      .map((e) => JSON.stringify((e as unknown as { snapshot: { value: unknown } }).snapshot.value));
    expect(handleStates).toContain('{"attached":"inactive"}');
    expect(handleStates).toContain('"detached"');
  });
});

describe('connection failures', () => {
  it('rejects a URL with an unsupported scheme as INVALID_ARGUMENT', async () => {
    await expect(connect('ftp://127.0.0.1/')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(connect('not a url')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(connect([])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it.each(['ws', 'http'])(
    'rejects a refused %s connection with TRANSPORT (the same code on both)',
    async (kind) => {
      const port = await closedPort();
      const url = kind === 'ws' ? `ws://127.0.0.1:${port}` : `http://127.0.0.1:${port}/janus`;
      const error = await connect(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JanusError);
      expect((error as JanusError).code).toBe('TRANSPORT');
    },
  );

  it('falls through a list of URLs to the first that answers', async () => {
    const port = await closedPort();
    const janus = await connect([`ws://127.0.0.1:${port}`, server.wsUrl]);
    expect(janus.url).toBe(server.wsUrl);
    expect((await janus.info()).janus).toBe('server_info');
    await janus.close();
  });

  it('rejects connect with the signal reason when aborted', async () => {
    const reason = new Error('stop');
    await expect(connect(server.wsUrl, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
