/**
 * Pacing figure: how evenly audio packets leave the process, as the p99 deviation of the gap between
 * consecutive audio packets from the nominal 20 ms, for one EchoTest call (audio + video), idle and
 * with a CPU burner on the same event loop (it blocks the loop for `--burn-ms` out of every
 * `--burn-every-ms`). Sources side by side: the in-process clip on the shared pacer
 * (`MediaSource.generated()`) and ffmpeg's RTP forwarded as it arrives (`MediaSource.generated({ toneHz })`).
 *
 * Timestamps are taken where werift hands each SRTP packet to the socket (the ICE connection's `send`,
 * a benchmark-only hook); audio is told from video by the payload type in the clear RTP header.
 * Must run inside the private network namespace:
 *
 *   scripts/netns-run.sh npx tsx bench/media/pacing.ts [--sources floor,clip,ffmpeg] [--seconds 10] [--burn-ms 8] [--burn-every-ms 20]
 *       [--json bench/media/results/pacing.json]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, EchoTest, MediaSource } from '../../src/index.js';
import { startJanus } from '../../src/testing/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Gap statistics of one run. */
export interface PacingRun {
  /** `floor`: no call, a bare 20 ms timer on the media clock (what the event loop allows at that moment). */
  source: 'clip' | 'ffmpeg' | 'floor';
  condition: 'idle' | 'burner';
  audioPackets: number;
  /** Audio packets per second over the run. */
  audioPerS: number;
  /** |gap - 20 ms| percentiles, ms. */
  deviationP50Ms: number;
  deviationP99Ms: number;
  deviationMaxMs: number;
  /** Share of gaps under 5 ms (packets sent in a burst). */
  burstShare: number;
  loadAverage1m: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

interface IceConnectionLike {
  send: (data: Buffer) => Promise<void>;
}

/** Gap deviation statistics of a list of send times. */
function gapStats(times: number[], elapsedS: number) {
  const deviations = times
    .slice(1)
    .map((t, i) => Math.abs(t - (times[i] as number) - 20))
    .sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    audioPackets: times.length,
    audioPerS: round(times.length / elapsedS),
    deviationP50Ms: round(percentile(deviations, 50)),
    deviationP99Ms: round(percentile(deviations, 99)),
    deviationMaxMs: round(deviations.at(-1) ?? Number.NaN),
    burstShare: round(gaps.filter((gap) => gap < 5).length / Math.max(1, gaps.length)),
    loadAverage1m: loadavg()[0] ?? Number.NaN,
  };
}

/** Starts the CPU burner: blocks the event loop for `ms` out of every `everyMs`. */
function startBurner(burn: { ms: number; everyMs: number }): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + burn.ms;
    while (performance.now() < until) {
      // burn
    }
  }, burn.everyMs);
  return () => clearInterval(timer);
}

/**
 * The floor: the same statistic for a bare timer on a 20 ms media clock (one `setTimeout` per tick, each
 * aimed at start + n × 20 ms), no call at all. A pacer cannot be steadier than the event loop it runs on.
 */
async function timerFloor(
  condition: 'idle' | 'burner',
  seconds: number,
  burn: { ms: number; everyMs: number },
): Promise<PacingRun> {
  const stopBurner = condition === 'burner' ? startBurner(burn) : () => {};
  const times: number[] = [];
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      times.push(now);
      if (now - started >= seconds * 1000) return resolve();
      setTimeout(tick, Math.max(0, started + times.length * 20 - now));
    };
    tick();
  });
  stopBurner();
  return { source: 'floor', condition, ...gapStats(times, (performance.now() - started) / 1000) };
}

async function runOnce(
  wsUrl: string,
  source: 'clip' | 'ffmpeg',
  condition: 'idle' | 'burner',
  seconds: number,
  burn: { ms: number; everyMs: number },
): Promise<PacingRun> {
  const janus = await connect(wsUrl);
  const session = await janus.createSession();
  const echo = await session.attach(EchoTest);
  const spec = source === 'clip' ? MediaSource.generated() : MediaSource.generated({ toneHz: 440 });
  await echo.start({ audio: true, video: true, source: spec });
  const pc = echo.peer?.pc;
  const audioPt = pc?.getTransceivers().find((t) => t.kind === 'audio')?.sender.codec?.payloadType;
  const connection = (pc?.dtlsTransports[0] as unknown as { iceTransport: { connection: IceConnectionLike } })
    ?.iceTransport.connection;
  if (!connection || audioPt === undefined) throw new Error('no ICE connection or audio codec');
  const times: number[] = [];
  const original = connection.send;
  connection.send = (data: Buffer) => {
    if (data.length >= 12 && (data[0] ?? 0) >> 6 === 2 && ((data[1] ?? 0) & 0x7f) === audioPt) {
      times.push(performance.now());
    }
    return original(data);
  };
  // Let ffmpeg warm up before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  times.length = 0;
  const stopBurner = condition === 'burner' ? startBurner(burn) : () => {};
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsedS = (performance.now() - started) / 1000;
  stopBurner();
  connection.send = original;
  await janus.close();
  return { source, condition, ...gapStats(times, elapsedS) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      sources: { type: 'string', default: 'floor,clip,ffmpeg' },
      'burn-ms': { type: 'string', default: '8' },
      'burn-every-ms': { type: 'string', default: '20' },
      json: { type: 'string', default: join(ROOT, 'bench/media/results/pacing.json') },
    },
  });
  if (process.env.JANUS_XSTATE_NETNS !== '1') {
    throw new Error('run inside the private namespace: scripts/netns-run.sh npx tsx bench/media/pacing.ts');
  }
  const server = await startJanus({
    plugins: ['echotest'],
    bindIp: '127.0.0.1',
    extraNat: { ice_enforce_list: 'jpd0' },
  });
  const runs: PacingRun[] = [];
  const burn = { ms: Number(values['burn-ms']), everyMs: Number(values['burn-every-ms']) };
  try {
    for (const condition of ['idle', 'burner'] as const) {
      for (const source of values.sources.split(',') as ('clip' | 'ffmpeg' | 'floor')[]) {
        const run =
          source === 'floor'
            ? await timerFloor(condition, Number(values.seconds), burn)
            : await runOnce(server.wsUrl, source, condition, Number(values.seconds), burn);
        console.error(JSON.stringify(run));
        runs.push(run);
      }
    }
  } finally {
    await server.stop();
  }
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify({ date: new Date().toISOString(), burn, runs }, null, 1)}\n`);
  console.log(
    '| source | condition | audio pkts/s | gap deviation p50 / p99 / max (ms) | gaps < 5 ms | load 1m |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of runs) {
    console.log(
      `| ${r.source} | ${r.condition} | ${r.audioPerS} | ${r.deviationP50Ms} / ${r.deviationP99Ms} / ${r.deviationMaxMs} | ${(r.burstShare * 100).toFixed(1)} % | ${r.loadAverage1m.toFixed(1)} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
