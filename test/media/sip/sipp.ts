/**
 * Runs SIPp (Debian `sip-tester`) with one of the scenarios in this folder, on loopback, for the SIP media
 * tests: a registrar, an echoing callee, a caller.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** A free UDP port on 127.0.0.1 (bound once and released). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** One SIPp process. */
export interface Sipp {
  /** The SIP port it listens on. */
  readonly port: number;
  /** Its SIP message log (`-trace_msg`). */
  readonly messageFile: string;
  /** Everything it logged so far. */
  messages(): string;
  /** Resolves with its exit code (0: every call of the scenario succeeded). */
  readonly exited: Promise<number | null>;
  /** Waits until the message log matches `pattern`, and returns the match. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Ends it (SIGTERM) if still running. */
  stop(): Promise<void>;
}

/** Options of {@link startSipp}. */
export interface SippOptions {
  /** Scenario file in this folder, e.g. `registrar.xml`. */
  scenario: string;
  /** Folder for its logs. */
  logDir: string;
  /** `host:port` to send to (UAC scenarios). */
  remote?: string;
  /** `[service]` of the scenario (`-s`). */
  service?: string;
  /** Echo RTP on this port (`-rtp_echo -mp`). */
  rtpEchoPort?: number;
  /** Stop after this many calls (`-m`). */
  calls?: number;
}

/** Starts SIPp on 127.0.0.1 with `options.scenario`. */
export async function startSipp(options: SippOptions): Promise<Sipp> {
  const port = await freeUdpPort();
  const name = options.scenario.replace(/\.xml$/, '');
  const messageFile = join(options.logDir, `${name}-${port}-messages.log`);
  const args = [
    ...(options.remote ? [options.remote] : []),
    ...['-sf', join(HERE, options.scenario), '-i', '127.0.0.1', '-p', String(port)],
    ...(options.service ? ['-s', options.service] : []),
    ...(options.rtpEchoPort ? ['-mi', '127.0.0.1', '-mp', String(options.rtpEchoPort), '-rtp_echo'] : []),
    ...(options.calls ? ['-m', String(options.calls)] : []),
    ...['-nostdin', '-trace_msg', '-message_file', messageFile],
    ...['-trace_err', '-error_file', join(options.logDir, `${name}-${port}-errors.log`)],
    ...['-timeout', '90', '-timeout_error'],
  ];
  const child: ChildProcess = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const messages = (): string => {
    try {
      return readFileSync(messageFile, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    port,
    messageFile,
    messages,
    exited,
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = messages().match(pattern);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`SIPp ${options.scenario}: no ${pattern} in its messages (${stderr.trim()})`);
        }
        await sleep(50);
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
