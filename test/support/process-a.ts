/**
 * "Process A" of the restore tests as a child Node process (`test/fixtures/snapshot-writer.ts` under
 * tsx): it joins a VideoRoom room, writes `janus.snapshot()` to a file, and waits to be SIGKILLed.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JanusSnapshot } from '../../src/index.js';

const FIXTURE = new URL('../fixtures/snapshot-writer.ts', import.meta.url).pathname;

/** A running process A and what it wrote. */
export interface ProcessA {
  /** The snapshot it wrote, parsed. */
  snapshot: JanusSnapshot;
  /** The snapshot file's text, as written. */
  text: string;
  /** Its VideoRoom participant id. */
  participantId: number;
  /** SIGKILLs it and resolves once it has exited. */
  kill(): Promise<void>;
}

/** Starts process A against `url` in `room`; resolves once it wrote its snapshot (fails after `timeoutMs`). */
export async function startProcessA(
  url: string,
  room: number,
  options: { apiSecret?: string | undefined; timeoutMs?: number } = {},
): Promise<ProcessA> {
  const folder = mkdtempSync(join(tmpdir(), 'janus-snapshot-'));
  const file = join(folder, 'snapshot.json');
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, url, String(room), file], {
    env: { ...process.env, JANUS_API_SECRET: options.apiSecret ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const participantId = await readyLine(child, options.timeoutMs ?? 20_000);
    const text = readFileSync(file, 'utf8');
    return {
      snapshot: JSON.parse(text) as JanusSnapshot,
      text,
      participantId,
      kill: async () => {
        child.kill('SIGKILL');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function readyLine(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`process A not ready in ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process A exited (${code}) before it was ready: ${err}`));
    });
  });
}
