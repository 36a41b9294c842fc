/**
 * Figure 7: connect → `webrtcup`, EchoTest with audio + video over werift, median over `runs` calls per
 * mode, each from a fresh WebSocket connection: janus-xstate with its defaults and, as the reference, the
 * raw `ws` + werift prototype of `test/media` (janode has no WebRTC stack). Runs `bench/media-child.ts`
 * (which uses `bench/media/webrtcup.ts`) inside the private network namespace of `scripts/netns-run.sh`:
 * Janus gathers no ICE candidate on loopback, and nothing can leave the namespace.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WebrtcupSummary } from '../media/webrtcup.js';
import type { MediaChildResult } from '../media-child.js';

/** The media figure, or why it was not measured. */
export interface MediaFigure {
  measured: boolean;
  reason: string;
  /** Calls per mode. */
  runs?: number;
  /** janus-xstate with its defaults. */
  api?: WebrtcupSummary;
  /** The raw `ws` + werift prototype of `test/media` (reference). */
  raw?: WebrtcupSummary;
}

const SCRIPT = fileURLToPath(new URL('../../scripts/netns-run.sh', import.meta.url));
const CHILD = fileURLToPath(new URL('../media-child.ts', import.meta.url));

/** Measures the media figure; never throws (a failure is reported as not measured, with the reason). */
export function mediaFigure(runs: number, timeoutMs: number): Promise<MediaFigure> {
  if (!existsSync(SCRIPT))
    return Promise.resolve({ measured: false, reason: 'scripts/netns-run.sh is missing' });
  return new Promise((resolve) => {
    const child = spawn(SCRIPT, [process.execPath, '--import', 'tsx', CHILD, '--runs', String(runs)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      resolve({ measured: false, reason: `could not start the private network namespace: ${e.message}` });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('BENCH_MEDIA '));
      if (!line) {
        const why = signal ? `killed after ${timeoutMs} ms` : `exited with ${code}`;
        const tail = err.trim().split('\n').slice(-3).join(' | ');
        resolve({ measured: false, reason: `media child ${why}${tail ? `: ${tail}` : ''}` });
        return;
      }
      const result = JSON.parse(line.slice('BENCH_MEDIA '.length)) as MediaChildResult;
      resolve({
        measured: result.api !== undefined,
        reason: result.api ? '' : 'the media child measured no janus-xstate call',
        runs: result.runs,
        ...(result.api ? { api: result.api } : {}),
        ...(result.raw ? { raw: result.raw } : {}),
      });
    });
  });
}
