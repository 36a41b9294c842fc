/**
 * One Janus process: spawn (without core dumps), its log, signals and exit.
 *
 * @module
 */
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { PassThrough } from 'node:stream';

/** Where the log goes: a file, the parent's stdio, nowhere, or streams. */
export type LogTarget =
  | { kind: 'file'; path: string }
  | { kind: 'inherit' }
  | { kind: 'ignore' }
  | { kind: 'pipe'; stdout: PassThrough; stderr: PassThrough };

/** What to run. */
export interface SpawnParams {
  /** Absolute path of the Janus executable. */
  binary: string;
  /** The config folder, also the working folder (where a core file would land). */
  configDir: string;
  /** `-d` level. */
  debugLevel: number;
  /** Log destination. */
  log: LogTarget;
}

/** `sh` runs Janus with core files off: `$1` binary, `$2` config folder, `$3` log level. */
const SCRIPT = 'ulimit -c 0; exec "$1" -F "$2" -C "$2/janus.jcfg" -o -d "$3"';
const PIPE_TAIL_BYTES = 16 * 1024;

/** A running (or exited) Janus process. */
export class JanusProcess {
  /** How it ended, e.g. `exit code 1` or `signal SIGKILL`; `undefined` while it runs. */
  exitDescription: string | undefined;
  /** The exit code, when it exited by itself. */
  exitCode: number | null = null;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  private pipeTail = '';

  private constructor(
    readonly child: ChildProcess,
    private readonly log: LogTarget,
    private readonly logOffset: number,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.exitDescription = signal ? `signal ${signal}` : `exit code ${code}`;
        resolve();
      });
    });
    if (log.kind === 'pipe') {
      child.stdout?.on('data', (chunk: Buffer) => this.forward(chunk, log.stdout));
      child.stderr?.on('data', (chunk: Buffer) => this.forward(chunk, log.stderr));
    }
  }

  /** Starts Janus; resolves once the process exists (not once it is ready). */
  static async spawn(params: SpawnParams): Promise<JanusProcess> {
    const { log } = params;
    const fd = log.kind === 'file' ? openSync(log.path, 'a', 0o600) : undefined;
    // A restart appends to the same file: only this run's part counts for errors and clash scans.
    const offset = fd === undefined ? 0 : fstatSync(fd).size;
    let stdio: StdioOptions;
    if (fd !== undefined) stdio = ['ignore', fd, fd];
    else if (log.kind === 'file' || log.kind === 'pipe') stdio = ['ignore', 'pipe', 'pipe'];
    else stdio = ['ignore', log.kind, log.kind];
    try {
      const child = spawn(
        'sh',
        ['-c', SCRIPT, 'janus-xstate-launcher', params.binary, params.configDir, String(params.debugLevel)],
        { cwd: params.configDir, stdio, env: process.env },
      );
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
      return new JanusProcess(child, log, offset);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** The process id. */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Whether the process still runs. */
  get running(): boolean {
    return this.exitDescription === undefined;
  }

  /** Sends a signal if the process still runs; returns whether it was sent. */
  signal(signal: NodeJS.Signals): boolean {
    if (!this.running) return false;
    try {
      return this.child.kill(signal);
    } catch {
      return false;
    }
  }

  /** Waits for the exit; resolves `false` if it did not happen within `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<boolean> {
    if (!this.running) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this.exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }

  /** SIGTERM (and SIGCONT, in case it was stopped), then SIGKILL after `graceMs`; waits for the exit. */
  async terminate(graceMs = 2000): Promise<void> {
    this.signal('SIGTERM');
    this.signal('SIGCONT');
    if (await this.waitForExit(graceMs)) return;
    this.signal('SIGKILL');
    await this.exited;
  }

  /** SIGKILL at once; waits for the exit. */
  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited;
  }

  /** The last `lines` lines of the log, or `''` when the log is not captured. */
  async logTail(lines = 40): Promise<string> {
    const text = await this.logText();
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** This run's log text captured so far (the file from this run's start, or the piped tail). */
  async logText(): Promise<string> {
    if (this.log.kind === 'file') return readFrom(this.log.path, this.logOffset);
    return this.pipeTail;
  }

  private forward(chunk: Buffer, to: PassThrough): void {
    this.pipeTail = (this.pipeTail + chunk.toString('utf8')).slice(-PIPE_TAIL_BYTES);
    if (!to.writableEnded) to.write(chunk);
  }
}

async function readFrom(path: string, offset: number): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.max(0, size - offset));
      await handle.read(buffer, 0, buffer.length, offset);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

/** The default log file of a config folder. */
export function defaultLogFile(configDir: string): string {
  return join(configDir, 'janus.log');
}
