/**
 * `janus-xstate events --port N` prints what event handlers send, live: a real Janus with `sampleevh`
 * pointed at it reports our session; `--json` prints one object per line.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';
import { freePorts } from '../../src/testing/free-port.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
let janus: JanusServer | undefined;

afterAll(async () => {
  await janus?.stop();
});

describe('janus-xstate events', () => {
  it('prints our session and handle events live as Janus posts them', async () => {
    const [port] = await freePorts(1);
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'events', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const seen: string[] = [];
      lines.on('line', (line) => seen.push(line));
      const stderr = createInterface({ input: child.stderr });
      const listening = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the CLI did not start listening in 20 s')), 20_000);
        stderr.on('line', (line) => {
          clearTimeout(timer);
          resolve(line);
        });
      });
      expect(listening).toContain(`sampleevh backend = "http://127.0.0.1:${port}/"`);
      janus = await startJanus({
        plugins: ['echotest'],
        eventHandlers: { sampleevh: `http://127.0.0.1:${port}/` },
      });
      const client = await connect(janus.wsUrl);
      const session = await client.createSession();
      const handle = await session.attach('janus.plugin.echotest');
      const expected = [
        new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} session\\s+session=${session.id} created$`),
        new RegExp(
          `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} handle\\s+session=${session.id} handle=${handle.id} attached janus.plugin.echotest$`,
        ),
      ];
      const deadline = Date.now() + 20_000;
      while (!expected.every((pattern) => seen.some((line) => pattern.test(line)))) {
        if (Date.now() > deadline) throw new Error(`missing lines; got:\n${seen.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.close();
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(child.exitCode === 0 || child.signalCode === 'SIGINT').toBe(true);
  });
});
