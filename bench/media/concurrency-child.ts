/**
 * One point of the concurrency figure: N concurrent EchoTest calls (audio + video) from this one
 * process, on one WebSocket connection, each call its own session. Run by `bench/media/concurrency.ts`
 * inside the private network namespace; prints one line `BENCH_CONCURRENCY {json}`.
 *
 *   node bench/media/concurrency-child.js --ws URL --calls N --source clip|ffmpeg --lib file:///.../index.js
 *
 * Calls are set up at most `--parallel` at a time (default 10). Then, over a `--window-s` window
 * (default 10 s): RTP packets sent and echoed per kind (from `stats()`), this process's CPU time and RSS,
 * and the CPU time and RSS of its children (the ffmpeg encoders of the `ffmpeg` source).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { EchoTestHandle } from '../../src/plugins/echotest/handle.js';
import { descendantsUsage } from './proc-stats.js';

/** What the child reports. */
export interface ConcurrencyPoint {
  source: 'clip' | 'ffmpeg';
  calls: number;
  /** Calls that reached `webrtcup`. */
  up: number;
  /** Setup errors, first few. */
  errors: string[];
  /** Median ms from `createSession` to `start()` resolved at `webrtcup`. */
  webrtcupMedianMs: number;
  windowS: number;
  /** Audio packets sent per call per second, summed over calls / calls. */
  audioSentPerCallPerS: number;
  /** Lowest audio packets sent per second of any call. */
  audioSentPerCallPerSMin: number;
  /** Share of real time: audioSentPerCallPerS / 50. */
  audioRealTime: number;
  /**
   * Echoed / sent per kind, over each call's whole life up to the end of the window (packets still in
   * flight at that moment count as not echoed). Window deltas would be skewed by how far the echo lags
   * at the window's two ends, which grows with load.
   */
  echoed: { audio: number; video: number };
  /** Video packets sent per call per second. */
  videoSentPerCallPerS: number;
  /** CPU of this process over the window, % of one core. */
  cpuPercent: number;
  /** CPU of the children (ffmpeg), % of one core. */
  childCpuPercent: number;
  /** RSS at the end of the window, MB: this process, and its children summed. */
  rssMb: number;
  childRssMb: number;
  /** RSS before any call, MB. */
  baseRssMb: number;
  /** Heap used at the end of the window, MB. */
  heapUsedMb: number;
  /**
   * Event-loop delay over the window (`monitorEventLoopDelay`, 10 ms resolution), ms: p99 and max. The
   * pacer moves a stream forward instead of bursting once it is more than 250 ms late, so a max above
   * that means audio skipped. Absent in reports written before it was measured.
   */
  loopDelayMs?: { p99: number; max: number };
}

type Lib = typeof import('../../src/index.js');

async function main(): Promise<ConcurrencyPoint> {
  const { values } = parseArgs({
    options: {
      ws: { type: 'string' },
      calls: { type: 'string', default: '10' },
      source: { type: 'string', default: 'clip' },
      lib: { type: 'string' },
      parallel: { type: 'string', default: '10' },
      'window-s': { type: 'string', default: '10' },
    },
  });
  if (!values.ws) throw new Error('--ws is required');
  const lib = (await import(values.lib ?? '../../src/index.js')) as Lib;
  const calls = Number(values.calls);
  const source = values.source === 'ffmpeg' ? 'ffmpeg' : 'clip';
  const windowS = Number(values['window-s']);
  // The media modules (werift, ~50 MB of RSS) load lazily with the first call: load them before the
  // baseline, so that RSS per call is what each call adds, not the library's one-off cost spread over N.
  await import(
    new URL('./media/janus-peer.js', values.lib ?? import.meta.resolve('../../src/index.js')).href
  );
  const baseRssMb = process.memoryUsage().rss / 2 ** 20;
  // The same picture either way; a tone of its own sends MediaSource.generated() to ffmpeg.
  const spec = source === 'clip' ? lib.MediaSource.generated() : lib.MediaSource.generated({ toneHz: 440 });
  const janus = await lib.connect(values.ws, { requestTimeoutMs: 60_000 });
  const echoes: EchoTestHandle[] = [];
  const setupMs: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      const t0 = performance.now();
      try {
        const session = await janus.createSession();
        const echo = await session.attach(lib.EchoTest);
        await echo.start({ audio: true, video: true, source: spec, timeoutMs: 60_000 });
        setupMs.push(performance.now() - t0);
        echoes.push(echo);
      } catch (error) {
        if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.parallel)) }, worker));
  // Let the sources settle (the ffmpeg source starts after webrtcup and needs a moment to warm up).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = echoes.map((echo) => echo.stats());
  const cpu0 = process.cpuUsage();
  const kids0 = descendantsUsage(process.pid);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const t0 = performance.now();
  console.log('WINDOW start'); // the parent samples Janus's CPU at these marks
  await new Promise((resolve) => setTimeout(resolve, windowS * 1000));
  const elapsedS = (performance.now() - t0) / 1000;
  console.log('WINDOW end');
  loopDelay.disable();
  const cpu = process.cpuUsage(cpu0);
  const kids = descendantsUsage(process.pid);
  const after = echoes.map((echo) => echo.stats());
  const memory = process.memoryUsage();
  const perCall = after.map((stats, i) => {
    const was = before[i] as typeof stats;
    return {
      audioSent: stats.audio.packetsSent - was.audio.packetsSent,
      videoSent: stats.video.packetsSent - was.video.packetsSent,
    };
  });
  const total = (kind: 'audio' | 'video', key: 'packetsSent' | 'packetsReceived') =>
    after.reduce((sum, stats) => sum + stats[kind][key], 0);
  const share = (kind: 'audio' | 'video') =>
    total(kind, 'packetsSent') === 0 ? 0 : total(kind, 'packetsReceived') / total(kind, 'packetsSent');
  const sum = (key: keyof (typeof perCall)[number]) => perCall.reduce((total, call) => total + call[key], 0);
  const n = Math.max(1, perCall.length);
  const sorted = [...setupMs].sort((a, b) => a - b);
  const audioSentPerCallPerS = sum('audioSent') / n / elapsedS;
  const point: ConcurrencyPoint = {
    source,
    calls,
    up: echoes.length,
    errors,
    webrtcupMedianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    windowS: elapsedS,
    audioSentPerCallPerS,
    audioSentPerCallPerSMin: Math.min(...perCall.map((call) => call.audioSent / elapsedS)),
    audioRealTime: audioSentPerCallPerS / 50,
    echoed: { audio: share('audio'), video: share('video') },
    videoSentPerCallPerS: sum('videoSent') / n / elapsedS,
    cpuPercent: ((cpu.user + cpu.system) / 1e6 / elapsedS) * 100,
    childCpuPercent: ((kids.cpuS - kids0.cpuS) / elapsedS) * 100,
    rssMb: memory.rss / 2 ** 20,
    childRssMb: kids.rssKb / 1024,
    baseRssMb,
    heapUsedMb: memory.heapUsed / 2 ** 20,
    loopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
  };
  await janus.close();
  return point;
}

main().then(
  (point) => {
    console.log(`BENCH_CONCURRENCY ${JSON.stringify(point)}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
