/**
 * The CLI's commands in-process (the scratch-app test runs the packed `janus-xstate info` as a process):
 * `info` prints the server's reply, flags become connection options, bad input is refused with a reason.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands, connectOptions, usage } from '../../src/cli/commands.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';

let server: JanusServer;

beforeAll(async () => {
  server = await startJanus({ plugins: ['echotest'], apiSecret: 'cli-secret' });
});

afterAll(async () => {
  await server?.stop();
});

/** What `work` wrote to stdout. */
async function stdoutOf(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('CLI commands', () => {
  it('info prints the server_info reply as JSON, with --api-secret passed on', async () => {
    const out = await stdoutOf(() => commands.info!([server.httpUrl], { 'api-secret': 'cli-secret' }));
    const reply = JSON.parse(out) as { janus: string; name: string; plugins: Record<string, unknown> };
    expect(reply.janus).toBe('server_info');
    expect(reply.name).toBe('Janus WebRTC Server');
    expect(Object.keys(reply.plugins)).toEqual(['janus.plugin.echotest']);
  });

  it('needs a URL and a positive --seconds', async () => {
    await expect(commands.info!([], {})).rejects.toThrow('a server URL is required');
    await expect(commands.echotest!([server.wsUrl], { seconds: '-1' })).rejects.toThrow(
      "--seconds must be a positive number, not '-1'",
    );
  });

  it('turns flags into connection options without printing secrets', () => {
    expect(connectOptions({})).toEqual({});
    const options = connectOptions({ 'api-secret': 's', token: 't', debug: true });
    expect(options).toMatchObject({ apiSecret: 's', token: 't' });
    expect(typeof options.logger?.debug).toBe('function');
    expect(usage()).toContain('janus-xstate <command> <url>');
    expect(usage()).not.toContain('cli-secret');
  });
});
