/**
 * The media-scale figures of issue 13, each run as its own script inside the private network namespace of
 * `scripts/netns-run.sh` (Janus gathers no ICE candidate on loopback; nothing can leave the namespace):
 *
 * - `concurrency`: `bench/media/concurrency.ts`, N concurrent EchoTest calls (audio + video) from one
 *   process, the in-process clip beside the ffmpeg-per-call source;
 * - `pacing`: `bench/media/pacing.ts`, p99 deviation of the audio inter-packet gap, idle and with a CPU
 *   burner, beside a bare timer (the floor);
 * - `coldstart`: `bench/media/cold-start.ts`, fresh `node` processes from spawn to `webrtcup`, then warm calls.
 *
 * Each script writes its JSON; this reads it back. Nothing here throws: a failure is reported with its reason.
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeasuredPoint } from '../media/concurrency.js';
import type { PacingRun } from '../media/pacing.js';

/** The media-scale figures a run can take. */
export const MEDIA_SCALE_FIGURES = ['concurrency', 'pacing', 'coldstart'] as const;
/** One of {@link MEDIA_SCALE_FIGURES}. */
export type MediaScaleFigure = (typeof MEDIA_SCALE_FIGURES)[number];

/** What `bench/media/concurrency.ts` writes. */
export interface ConcurrencyReport {
  loadAverage1m: { start: number; end: number };
  largestSustained: Record<string, number>;
  points: MeasuredPoint[];
}

/** What `bench/media/pacing.ts` writes. */
export interface PacingReport {
  burn: { ms: number; everyMs: number };
  runs: PacingRun[];
}

/** What `bench/media/cold-start.ts` writes. */
export interface ColdStartReport {
  loadAverage1m: number;
  coldMedianMs: number;
  coldMs: number[];
  childSelfMedianMs: number;
  childImportedMedianMs: number;
  /** Unmeasured calls made before the warm ones (absent in reports written before it was counted). */
  warmUpCalls?: number;
  /** Median and values of the first 5 warm-up calls: calls 2-6 of the process (absent before). */
  earlyMedianMs?: number;
  earlyMs?: number[];
  warmMedianMs: number;
  warmMs: number[];
  /** Spawn → exit medians of `node -e 0`, of `require('werift')` and of importing the library (absent before). */
  floorNodeMs?: number;
  floorWeriftMs?: number;
  floorLibraryMs?: number;
}

/** A figure's report, or why there is none. */
export type Measured<T> = { measured: true; report: T } | { measured: false; reason: string };

/** The media-scale part of `bench/results/latest.json`. */
export interface MediaScaleResults {
  concurrency?: Measured<ConcurrencyReport>;
  pacing?: Measured<PacingReport>;
  coldstart?: Measured<ColdStartReport>;
}

/** Arguments per figure, full run and `--quick`. */
const ARGS: Record<MediaScaleFigure, { script: string; full: string[]; quick: string[] }> = {
  concurrency: {
    script: 'bench/media/concurrency.ts',
    full: ['--calls', '10,25,50,100,200', '--window-s', '10'],
    quick: ['--calls', '10', '--window-s', '3'],
  },
  pacing: { script: 'bench/media/pacing.ts', full: ['--seconds', '10'], quick: ['--seconds', '3'] },
  coldstart: {
    script: 'bench/media/cold-start.ts',
    full: ['--processes', '10', '--warm', '20', '--warm-up', '20'],
    quick: ['--processes', '3', '--warm', '3', '--warm-up', '1'],
  },
};

/** Cap per figure (the full concurrency ladder with both sources takes ~5-8 min here). */
const TIMEOUT_MS: Record<MediaScaleFigure, number> = {
  concurrency: 15 * 60_000,
  pacing: 3 * 60_000,
  coldstart: 3 * 60_000,
};

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NETNS = join(ROOT, 'scripts/netns-run.sh');

/** Runs one figure's script in a fresh namespace and reads its JSON back. */
export function runMediaScaleFigure<T>(
  figure: MediaScaleFigure,
  quick: boolean,
  log: (line: string) => void,
): Promise<Measured<T>> {
  if (!existsSync(NETNS))
    return Promise.resolve({ measured: false, reason: 'scripts/netns-run.sh is missing' });
  const dir = mkdtempSync(join(tmpdir(), 'janus-xstate-media-scale-'));
  const json = join(dir, `${figure}.json`);
  const { script, full, quick: small } = ARGS[figure];
  const args = [
    process.execPath,
    '--import',
    'tsx',
    join(ROOT, script),
    ...(quick ? small : full),
    '--json',
    json,
  ];
  return new Promise((resolve) => {
    const child = spawn(NETNS, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      tail = `${tail}${chunk.toString()}`.slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS[figure]);
    const finish = (result: Measured<T>) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve(result);
    };
    child.once('error', (error) => finish({ measured: false, reason: `could not start: ${error.message}` }));
    child.once('exit', (code, signal) => {
      if (code === 0 && existsSync(json)) {
        finish({ measured: true, report: JSON.parse(readFileSync(json, 'utf8')) as T });
        return;
      }
      const why = signal ? `killed after ${TIMEOUT_MS[figure] / 1000} s` : `exited with ${code}`;
      const last = tail.trim().split('\n').slice(-2).join(' | ');
      log(`${figure}: ${why}\n${tail}`);
      finish({ measured: false, reason: `${script} ${why}${last ? `: ${last}` : ''}` });
    });
  });
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

function concurrencyTable(report: ConcurrencyReport): string[] {
  const out = [
    '| source | N | up | audio sent, % of real time (lowest call) | echoed audio / video | connect → `webrtcup` median (ms) | CPU node / ffmpeg / Janus (% of a core) | RSS node (MB); per call (KB) | event-loop delay p99 / max (ms) | sustained | load 1m |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const p of report.points) {
    const perCallKb = ((p.rssMb - p.baseRssMb) * 1024) / Math.max(1, p.up);
    out.push(
      `| ${p.source} | ${p.calls} | ${p.up} | ${fixed(p.audioRealTime * 100, 1)} % (${fixed((p.audioSentPerCallPerSMin / 50) * 100, 0)} %) | ` +
        `${fixed(p.echoed.audio * 100, 1)} / ${fixed(p.echoed.video * 100, 1)} % | ${fixed(p.webrtcupMedianMs, 0)} | ` +
        `${fixed(p.cpuPercent, 0)} / ${fixed(p.childCpuPercent, 0)} / ${fixed(p.janusCpuPercent, 0)} | ` +
        `${fixed(p.rssMb, 0)}; ${fixed(perCallKb, 0)} | ${fixed(p.loopDelayMs?.p99, 0)} / ${fixed(p.loopDelayMs?.max, 0)} | ` +
        `${p.sustained ? 'yes' : 'no'} | ${fixed(p.loadAverage1m, 1)} |`,
    );
  }
  const largest = Object.entries(report.largestSustained)
    .map(([source, n]) => `${source} ${n}`)
    .join(', ');
  out.push('');
  out.push(`Largest sustained N: ${largest} (target: clip ≥ 100 on this 2-core machine).`);
  return out;
}

function pacingTable(report: PacingReport): string[] {
  const out = [
    `| source | condition | audio packets/s | gap deviation p50 / p99 / max (ms) | gaps < 5 ms | load 1m |`,
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const r of report.runs) {
    out.push(
      `| ${r.source} | ${r.condition} | ${fixed(r.audioPerS, 1)} | ${fixed(r.deviationP50Ms, 2)} / ${fixed(r.deviationP99Ms, 2)} / ${fixed(r.deviationMaxMs, 2)} | ` +
        `${fixed(r.burstShare * 100, 1)} % | ${fixed(r.loadAverage1m, 1)} |`,
    );
  }
  out.push('');
  out.push(
    `Burner: the event loop blocked ${report.burn.ms} ms out of every ${report.burn.everyMs} ms. Target: clip p99 ≤ 5 ms idle. ` +
      '`floor` is a bare 20 ms timer on the media clock with no call: no pacer can be steadier than it.',
  );
  return out;
}

function coldStartTable(report: ColdStartReport): string[] {
  return [
    '| figure | median (ms) | runs (ms) | target |',
    '|---|---:|---|---|',
    `| cold: spawn → \`webrtcup\` (EchoTest audio + video, fresh \`node\`) | ${fixed(report.coldMedianMs, 1)} | ${report.coldMs.map((ms) => fixed(ms, 0)).join(', ')} | ≤ 150 |`,
    `| of which: the child's own clock at \`webrtcup\` / after \`import\` of the library | ${fixed(report.childSelfMedianMs, 1)} / ${fixed(report.childImportedMedianMs, 1)} | | |`,
    ...(report.earlyMs === undefined
      ? []
      : [
          `| early: connect → \`webrtcup\`, calls 2-${report.earlyMs.length + 1} of the last process (JIT still warming) | ${fixed(report.earlyMedianMs ?? Number.NaN, 1)} | ${report.earlyMs.map((ms) => fixed(ms, 0)).join(', ')} | |`,
        ]),
    `| warm: connect → \`webrtcup\`, later calls in the last process (after ${report.warmUpCalls ?? 0} unmeasured) | ${fixed(report.warmMedianMs, 1)} | ${report.warmMs.map((ms) => fixed(ms, 0)).join(', ')} | ≤ 45 |`,
    ...(report.floorNodeMs === undefined
      ? []
      : [
          `| floor, spawn → exit of a fresh \`node\`: doing nothing / \`require('werift')\` / \`import\` of the library | ${fixed(report.floorNodeMs, 1)} / ${fixed(report.floorWeriftMs ?? Number.NaN, 1)} / ${fixed(report.floorLibraryMs ?? Number.NaN, 1)} | | |`,
        ]),
    '',
    `Load average (1 min) at the end: ${fixed(report.loadAverage1m, 1)}.`,
  ];
}

/** The markdown section of the media-scale figures that were asked for. */
export function renderMediaScale(results: MediaScaleResults): string[] {
  const out: string[] = [];
  const section = <T>(title: string, figure: Measured<T> | undefined, render: (report: T) => string[]) => {
    if (!figure) return;
    out.push(`## ${title}`, '');
    out.push(...(figure.measured ? render(figure.report) : [`**Not measured:** ${figure.reason}`]));
    out.push('');
  };
  section(
    'Media: concurrent EchoTest calls from one process (`bench/media/concurrency.ts`)',
    results.concurrency,
    concurrencyTable,
  );
  section('Media: audio pacing (`bench/media/pacing.ts`)', results.pacing, pacingTable);
  section('Media: cold start (`bench/media/cold-start.ts`)', results.coldstart, coldStartTable);
  return out;
}
