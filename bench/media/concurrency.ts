/**
 * Concurrency figure: N concurrent EchoTest calls (audio + video) from one process, for each N, with the
 * in-process clip (`MediaSource.generated()`) and, side by side in the same run, the ffmpeg-per-call
 * source (`MediaSource.generated({ toneHz })`). Each point is a fresh child process
 * (`concurrency-child.ts`, janus-xstate compiled to JavaScript as `npm run build` ships it) against one
 * private Janus. Must run inside the private network namespace:
 *
 *   scripts/netns-run.sh npx tsx bench/media/concurrency.ts [--calls 10,25,50,100,200]
 *       [--sources clip,ffmpeg] [--window-s 10] [--profile N] [--json bench/media/results/concurrency.json]
 *
 * "Sustained" (the issue's definition): every call up, audio sent at >= 95 % of real time (47.5 packets/s
 * per call), and >= 95 % of the packets echoed (audio and video). A source stops escalating after its
 * first N that is not sustained. `--profile N` adds one more clip run at N under `--cpu-prof` and
 * summarises where the CPU went. Janus's own CPU over each window is reported too: it shares the 2 cores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startJanus } from '../../src/testing/index.js';
import { buildJanusXstate } from '../lib/build.js';
import type { ConcurrencyPoint } from './concurrency-child.js';
import { type ProfileSummary, summariseProfile } from './cpu-profile.js';
import { procUsage } from './proc-stats.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./concurrency-child.ts', import.meta.url));

/** A point with Janus's CPU and the verdict. */
export interface MeasuredPoint extends ConcurrencyPoint {
  /** Janus's CPU over the window, % of one core. */
  janusCpuPercent: number;
  /** Load average (1 min) when the point ended. */
  loadAverage1m: number;
  /** All up, audio >= 95 % of real time, >= 95 % echoed. */
  sustained: boolean;
}

function sustained(point: ConcurrencyPoint): boolean {
  return (
    point.up === point.calls &&
    point.audioRealTime >= 0.95 &&
    point.echoed.audio >= 0.95 &&
    point.echoed.video >= 0.95
  );
}

async function runChild(args: string[], janusPid: number, nodeArgs: string[] = []): Promise<MeasuredPoint> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let janusAt: { cpuS: number; t: number } | undefined;
  let janusCpuPercent = Number.NaN;
  let point: ConcurrencyPoint | undefined;
  let buffer = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line === 'WINDOW start') janusAt = { cpuS: procUsage(janusPid).cpuS, t: performance.now() };
      else if (line === 'WINDOW end' && janusAt) {
        const elapsedS = (performance.now() - janusAt.t) / 1000;
        janusCpuPercent = ((procUsage(janusPid).cpuS - janusAt.cpuS) / elapsedS) * 100;
      } else if (line.startsWith('BENCH_CONCURRENCY ')) {
        point = JSON.parse(line.slice('BENCH_CONCURRENCY '.length)) as ConcurrencyPoint;
      }
      newline = buffer.indexOf('\n');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (!point) throw new Error(`concurrency child exited ${code} without a result`);
  return {
    ...point,
    janusCpuPercent,
    loadAverage1m: loadavg()[0] ?? Number.NaN,
    sustained: sustained(point),
  };
}

function table(points: MeasuredPoint[]): string {
  const rows = [
    '| source | N | up | audio sent (% real time, min call) | echoed audio / video | connect→webrtcup median (ms) | CPU node / children / Janus (% core) | RSS node (MB; per call) | loop delay p99 / max (ms) | sustained | load 1m |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of points) {
    const perCallKb = ((p.rssMb - p.baseRssMb) * 1024) / Math.max(1, p.up);
    rows.push(
      `| ${p.source} | ${p.calls} | ${p.up} | ${(p.audioRealTime * 100).toFixed(1)} % (${((p.audioSentPerCallPerSMin / 50) * 100).toFixed(0)} %) | ` +
        `${(p.echoed.audio * 100).toFixed(1)} / ${(p.echoed.video * 100).toFixed(1)} % | ${p.webrtcupMedianMs.toFixed(0)} | ` +
        `${p.cpuPercent.toFixed(0)} / ${p.childCpuPercent.toFixed(0)} / ${p.janusCpuPercent.toFixed(0)} | ` +
        `${p.rssMb.toFixed(0)}${p.childRssMb > 0 ? ` + ${p.childRssMb.toFixed(0)} children` : ''}; ${perCallKb.toFixed(0)} KB | ` +
        `${p.loopDelayMs ? `${p.loopDelayMs.p99.toFixed(0)} / ${p.loopDelayMs.max.toFixed(0)}` : 'n/a'} | ` +
        `${p.sustained ? 'yes' : 'no'} | ${p.loadAverage1m.toFixed(1)} |`,
    );
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '10,25,50,100,200' },
      sources: { type: 'string', default: 'clip,ffmpeg' },
      'window-s': { type: 'string', default: '10' },
      profile: { type: 'string' },
      json: { type: 'string', default: join(ROOT, 'bench/media/results/concurrency.json') },
    },
  });
  if (process.env.JANUS_XSTATE_NETNS !== '1') {
    throw new Error(
      'run inside the private namespace: scripts/netns-run.sh npx tsx bench/media/concurrency.ts',
    );
  }
  const counts = values.calls.split(',').map(Number);
  const sources = values.sources.split(',') as ('clip' | 'ffmpeg')[];
  const libUrl = buildJanusXstate();
  // The compiled tree finds the clip in <tree>/assets, as the published package does.
  const tree = dirname(dirname(dirname(fileURLToPath(libUrl))));
  if (!existsSync(join(tree, 'assets'))) symlinkSync(join(ROOT, 'assets'), join(tree, 'assets'));
  const server = await startJanus({
    plugins: ['echotest'],
    bindIp: '127.0.0.1',
    extraNat: { ice_enforce_list: 'jpd0' },
  });
  const points: MeasuredPoint[] = [];
  let profile: ProfileSummary | undefined;
  const startedLoad = loadavg()[0] ?? Number.NaN;
  try {
    const failed = new Set<string>();
    for (const calls of counts) {
      for (const source of sources) {
        if (failed.has(source)) continue;
        const args = ['--ws', server.wsUrl, '--calls', String(calls), '--source', source, '--lib', libUrl];
        const point = await runChild([...args, '--window-s', values['window-s']], server.pid);
        points.push(point);
        console.error(`${source} N=${calls}: ${JSON.stringify(point)}`);
        if (!point.sustained) failed.add(source);
        await new Promise((resolve) => setTimeout(resolve, 2000)); // Janus frees the last sessions
      }
    }
    if (values.profile) {
      const dir = mkdtempSync(join(tmpdir(), 'janus-xstate-prof-'));
      const args = ['--ws', server.wsUrl, '--calls', values.profile, '--source', 'clip', '--lib', libUrl];
      await runChild([...args, '--window-s', values['window-s']], server.pid, [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
      ]);
      const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
      if (file) profile = summariseProfile(join(dir, file));
    }
  } finally {
    await server.stop();
  }
  const largest = (source: string) =>
    Math.max(0, ...points.filter((p) => p.source === source && p.sustained).map((p) => p.calls));
  const report = {
    date: new Date().toISOString(),
    loadAverage1m: { start: startedLoad, end: loadavg()[0] ?? Number.NaN },
    largestSustained: Object.fromEntries(sources.map((source) => [source, largest(source)])),
    points,
    ...(profile ? { profile: { calls: Number(values.profile), ...profile } } : {}),
  };
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(report, null, 1)}\n`);
  console.log(table(points));
  console.log(`largest sustained N: ${JSON.stringify(report.largestSustained)}`);
  if (profile) console.log(`profile at N=${values.profile}: ${JSON.stringify(profile, null, 1)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
