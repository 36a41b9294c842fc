/**
 * Cold start, for the one-call-per-process user (CLI, cron bots): a fresh `node` process from spawn to
 * `EchoTest.start()` resolved at `webrtcup` (audio + video, `MediaSource.generated()`), 10 processes;
 * then, in the last process, 20 warm-up calls (the first 5 reported as "early") and 20 measured calls one
 * after another (warm). janus-xstate compiled to JavaScript
 * as `npm run build` ships it. Must run inside the private network namespace:
 *
 *   scripts/netns-run.sh npx tsx bench/media/cold-start.ts [--processes 10] [--warm 20] [--warm-up 20]
 *       [--json bench/media/results/cold-start.json]
 *
 * Cold = parent's clock from `spawn()` to the child's `UP` line (Node's own start-up included); the child
 * also reports its own `performance.now()` (ms since its process started) at `webrtcup`.
 *
 * The floor under it, each as spawn → exit of 10 fresh processes (median), no Janus involved: `node -e 0`,
 * `node -e "require('werift')"` (the WebRTC stack alone), and an import of the compiled library.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startJanus } from '../../src/testing/index.js';
import { buildJanusXstate } from '../lib/build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median ms from spawn to exit of `runs` fresh `node` processes with `args`. */
function spawnToExitMs(args: string[], runs: number): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
    ms.push(performance.now() - started);
  }
  return median(ms);
}

/** The child: plain JavaScript importing the compiled library, so no loader runs. */
function childSource(libUrl: string): string {
  return `
const { connect, EchoTest, MediaSource } = await import(${JSON.stringify(libUrl)});
const importedAt = performance.now();
const [url, warmRuns, warmUpRuns] = [process.argv[2], Number(process.argv[3] ?? 0), Number(process.argv[4] ?? 0)];
async function call() {
  const t0 = performance.now();
  const janus = await connect(url);
  const session = await janus.createSession();
  const echo = await session.attach(EchoTest);
  await echo.start({ audio: true, video: true, source: MediaSource.generated() });
  const ms = performance.now() - t0;
  return { janus, ms };
}
const first = await call();
console.log('UP ' + performance.now());
console.log('IMPORTED ' + importedAt);
await first.janus.close();
const early = [];
for (let i = 0; i < warmUpRuns && warmRuns > 0; i++) {
  const run = await call();
  early.push(run.ms);
  await run.janus.close();
}
console.log('EARLY ' + JSON.stringify(early));
const warm = [];
for (let i = 0; i < warmRuns; i++) {
  const run = await call();
  warm.push(run.ms);
  await run.janus.close();
}
console.log('WARM ' + JSON.stringify(warm));
process.exit(0);
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      processes: { type: 'string', default: '10' },
      warm: { type: 'string', default: '20' },
      // Calls before the warm ones, so that "warm" is past the JIT's first compilations: in one process
      // the calls get faster over the first ~15 (V8 optimising werift's and our code). The first 5 of
      // them are reported as "early".
      'warm-up': { type: 'string', default: '20' },
      json: { type: 'string', default: join(ROOT, 'bench/media/results/cold-start.json') },
      // e.g. --cpu-prof-dir /tmp/prof: each child writes a V8 CPU profile there (node --cpu-prof).
      'cpu-prof-dir': { type: 'string' },
    },
  });
  if (process.env.JANUS_XSTATE_NETNS !== '1') {
    throw new Error(
      'run inside the private namespace: scripts/netns-run.sh npx tsx bench/media/cold-start.ts',
    );
  }
  const libUrl = buildJanusXstate();
  const libFile = fileURLToPath(libUrl);
  const tree = dirname(dirname(libFile));
  if (!existsSync(join(tree, 'assets'))) symlinkSync(join(ROOT, 'assets'), join(tree, 'assets'));
  const script = join(tree, 'cold-start-child.mjs');
  writeFileSync(script, childSource(libUrl));
  const server = await startJanus({
    plugins: ['echotest'],
    bindIp: '127.0.0.1',
    extraNat: { ice_enforce_list: 'jpd0' },
  });
  const cold: number[] = [];
  const childSelf: number[] = [];
  const imported: number[] = [];
  let warm: number[] = [];
  let early: number[] = [];
  try {
    const count = Number(values.processes);
    for (let i = 0; i < count; i++) {
      const last = i === count - 1;
      const started = performance.now();
      const profile = values['cpu-prof-dir']
        ? ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', values['cpu-prof-dir']]
        : [];
      const args = [...profile, script, server.wsUrl, last ? values.warm : '0', values['warm-up']];
      const child = spawn(process.execPath, args, {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let buffer = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffer += chunk;
        for (const line of buffer.split('\n').slice(0, -1)) {
          if (line.startsWith('UP ')) {
            cold.push(performance.now() - started);
            childSelf.push(Number(line.slice(3)));
          } else if (line.startsWith('IMPORTED ')) imported.push(Number(line.slice(9)));
          else if (line.startsWith('WARM ')) warm = JSON.parse(line.slice(5)) as number[];
          else if (line.startsWith('EARLY ')) early = (JSON.parse(line.slice(6)) as number[]).slice(0, 5);
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`cold-start child exited ${code}`);
    }
  } finally {
    await server.stop();
  }
  const runs = Number(values.processes);
  const floor = {
    nodeMs: spawnToExitMs(['-e', '0'], runs),
    weriftMs: spawnToExitMs(['-e', "require('werift')"], runs),
    libraryMs: spawnToExitMs(['--input-type=module', '-e', `await import(${JSON.stringify(libUrl)})`], runs),
  };
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const report = {
    date: new Date().toISOString(),
    loadAverage1m: loadavg()[0],
    coldMedianMs: round(median(cold)),
    coldMs: cold.map(round),
    childSelfMedianMs: round(median(childSelf)),
    childImportedMedianMs: round(median(imported)),
    warmUpCalls: Number(values['warm-up']),
    earlyMedianMs: round(median(early)),
    earlyMs: early.map(round),
    warmMedianMs: round(median(warm)),
    warmMs: warm.map(round),
    floorNodeMs: round(floor.nodeMs),
    floorWeriftMs: round(floor.weriftMs),
    floorLibraryMs: round(floor.libraryMs),
  };
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(report, null, 1)}\n`);
  console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
