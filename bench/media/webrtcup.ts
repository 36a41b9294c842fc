/**
 * connect → `EchoTest.start()` resolved at `webrtcup`, through the public API, audio + video:
 * `connect(wsUrl)` + `createSession()` + `attach(EchoTest)` + `start()`, N consecutive warm runs
 * in one process, against a private Janus in the private network namespace.
 *
 *   scripts/netns-run.sh npx tsx bench/media/webrtcup.ts [--runs 100] [--modes api,api-no-early-dtls,raw]
 *                                                          [--json FILE]
 *
 * Modes, interleaved round by round so load from other processes hits each alike:
 * - `api`: the library with its defaults (all werift workarounds);
 * - `api-no-early-dtls`: the library with `workarounds: { earlyDtls: false }`;
 * - `api-generated`: as `api`, sending `MediaSource.generated()` (the packaged clip), as the cold-start child does;
 * - `raw`: the raw-`ws` prototype of test/media (no library, no media source) for reference.
 *
 * Marks per run (ms from the start of `connect`): connected, session, attached, offer (local offer
 * set), answer (Janus's answer in hand), ice (ICE connected), dtls (DTLS connected), webrtcup
 * (`start()` resolved). Ends with one JSON line on stdout. {@link measureWebrtcup} is the entry
 * point for the main benchmark (which must itself run inside the namespace).
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, EchoTest, MediaSource, type MediaSourceSpec } from '../../src/index.js';
import { JanusPeer } from '../../src/media/janus-peer.js';
import type { WeriftWorkaroundOptions } from '../../src/media/werift-workarounds.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { startEchoCall } from '../../test/media/support/echotest-call.js';

/** A measured mode. */
export type WebrtcupMode = 'api' | 'api-no-early-dtls' | 'api-generated' | 'raw';

const MARKS = ['connected', 'session', 'attached', 'offer', 'answer', 'ice', 'dtls', 'webrtcup'] as const;
type Mark = (typeof MARKS)[number];
type Marks = Partial<Record<Mark, number>>;

/** Summary of one mode. */
export interface WebrtcupSummary {
  /** Runs measured. */
  runs: number;
  /** Runs that failed (not in the figures). */
  failures: number;
  /** connect → webrtcup, ms. */
  median: number;
  /** 90th percentile, ms. */
  p90: number;
  /** Slowest run, ms. */
  max: number;
  /** Runs over 200 ms. */
  over200: number;
  /** Median of each mark, ms from the start of connect. */
  marks: Partial<Record<Mark, number>>;
  /** Median time of each step (mark minus the previous mark), ms. */
  steps: Partial<Record<Mark, number>>;
}

/** Options of {@link measureWebrtcup}. */
export interface WebrtcupOptions {
  /** Runs per mode. Default 100. */
  runs?: number;
  /** Modes. Default all three. */
  modes?: WebrtcupMode[];
  /** Janus WebSocket URL; default: a private Janus started (and stopped) here. */
  wsUrl?: string;
  /** Progress lines to stderr. Default `false`. */
  progress?: boolean;
}

/** What {@link measureWebrtcup} returns. */
export interface WebrtcupReport {
  figure: 'media-webrtcup';
  runsPerMode: number;
  modes: Partial<Record<WebrtcupMode, WebrtcupSummary>>;
  loadAverage1m: [number, number];
}

const WORKAROUNDS: Record<Exclude<WebrtcupMode, 'raw'>, WeriftWorkaroundOptions> = {
  api: {},
  'api-no-early-dtls': { earlyDtls: false },
  'api-generated': {},
};

// Bench-only instrumentation: time marks from the peer the library creates for the current run.
let current: Marks | undefined;
let t0 = 0;
const since = (): number => performance.now() - t0;
const originalCreate = JanusPeer.create.bind(JanusPeer);
JanusPeer.create = async (options) => {
  const peer = await originalCreate(options);
  const marks = current;
  if (marks) {
    peer.pc.iceConnectionStateChange.subscribe((state) => {
      if (state === 'connected') marks.ice ??= since();
    });
    peer.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') marks.dtls ??= since();
    });
  }
  return peer;
};
const originalCreateOffer = JanusPeer.prototype.createOffer;
JanusPeer.prototype.createOffer = async function (this: JanusPeer, options) {
  const jsep = await originalCreateOffer.call(this, options);
  if (current) current.offer ??= since();
  return jsep;
};
const originalApplyAnswer = JanusPeer.prototype.applyAnswer;
JanusPeer.prototype.applyAnswer = function (this: JanusPeer, jsep) {
  if (current) current.answer ??= since();
  return originalApplyAnswer.call(this, jsep);
};

async function apiRun(
  wsUrl: string,
  workarounds: WeriftWorkaroundOptions,
  source?: MediaSourceSpec,
): Promise<Marks> {
  const marks: Marks = {};
  current = marks;
  t0 = performance.now();
  const janus = await connect(wsUrl);
  try {
    marks.connected = since();
    const session = await janus.createSession();
    marks.session = since();
    const echo = await session.attach(EchoTest);
    marks.attached = since();
    await echo.start({ audio: true, video: true, workarounds, ...(source ? { source } : {}) });
    marks.webrtcup = since();
    current = undefined;
    await echo.closePeer();
    await session.destroy();
  } finally {
    current = undefined;
    await janus.close();
  }
  return marks;
}

async function rawRun(wsUrl: string): Promise<Marks> {
  const call = await startEchoCall({ wsUrl, workarounds: {} });
  await call.close();
  const m = call.marks;
  return {
    connected: m.wsOpen,
    attached: m.attached,
    offer: m.offerReady,
    answer: m.answer,
    ice: m.iceConnected,
    dtls: m.dtlsConnected,
    webrtcup: m.webrtcup,
  };
}

function run(mode: WebrtcupMode, wsUrl: string): Promise<Marks> {
  if (mode === 'raw') return rawRun(wsUrl);
  return apiRun(wsUrl, WORKAROUNDS[mode], mode === 'api-generated' ? MediaSource.generated() : undefined);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const round1 = (n: number): number => Math.round(n * 10) / 10;

function summarize(all: Marks[], failures: number): WebrtcupSummary {
  const totals = all.map((m) => m.webrtcup ?? Number.NaN).sort((a, b) => a - b);
  const marks: Partial<Record<Mark, number>> = {};
  const steps: Partial<Record<Mark, number>> = {};
  for (const mark of MARKS) {
    const values = all.map((m) => m[mark]).filter((v): v is number => v !== undefined);
    if (values.length > 0) marks[mark] = round1(median(values));
    const deltas = all
      .map((m) => {
        const value = m[mark];
        if (value === undefined) return undefined;
        const previous = MARKS.slice(0, MARKS.indexOf(mark))
          .map((p) => m[p])
          .filter((v): v is number => v !== undefined)
          .at(-1);
        return value - (previous ?? 0);
      })
      .filter((v): v is number => v !== undefined);
    if (deltas.length > 0) steps[mark] = round1(median(deltas));
  }
  return {
    runs: all.length,
    failures,
    median: round1(percentile(totals, 50)),
    p90: round1(percentile(totals, 90)),
    max: round1(totals.at(-1) ?? Number.NaN),
    over200: totals.filter((t) => t > 200).length,
    marks,
    steps,
  };
}

/**
 * Measures connect → `webrtcup` per mode, `runs` times each after one warm-up call per mode,
 * modes interleaved. Must run inside the private network namespace (scripts/netns-run.sh).
 */
export async function measureWebrtcup(options: WebrtcupOptions = {}): Promise<WebrtcupReport> {
  if (process.env.JANUS_XSTATE_NETNS !== '1') {
    throw new Error(
      'run inside the private network namespace: scripts/netns-run.sh npx tsx bench/media/webrtcup.ts',
    );
  }
  const runs = options.runs ?? 100;
  const modes = options.modes ?? ['api', 'api-no-early-dtls', 'raw'];
  const load0 = loadavg()[0] as number;
  let server: JanusServer | undefined;
  let wsUrl = options.wsUrl;
  if (!wsUrl) {
    server = await startJanus({
      plugins: ['echotest'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    wsUrl = server.wsUrl;
  }
  try {
    for (const mode of modes) await run(mode, wsUrl);
    const results = new Map(modes.map((mode) => [mode, { marks: [] as Marks[], failures: 0 }]));
    for (let round = 0; round < runs; round++) {
      for (let i = 0; i < modes.length; i++) {
        const mode = modes[(round + i) % modes.length] as WebrtcupMode;
        const result = results.get(mode);
        try {
          result?.marks.push(await run(mode, wsUrl));
        } catch (error) {
          if (result) result.failures++;
          console.error(`${mode}: ${(error as Error).message}`);
        }
        await sleep(5);
      }
      if (options.progress && (round + 1) % 10 === 0) console.error(`round ${round + 1}/${runs}`);
    }
    const summaries: WebrtcupReport['modes'] = {};
    for (const [mode, { marks, failures }] of results) summaries[mode] = summarize(marks, failures);
    return {
      figure: 'media-webrtcup',
      runsPerMode: runs,
      modes: summaries,
      loadAverage1m: [round1(load0), round1(loadavg()[0] as number)],
    };
  } finally {
    await server?.stop();
  }
}

/** Prints the table. */
export function printWebrtcup(report: WebrtcupReport): void {
  const r = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(1));
  console.log(`connect → webrtcup (ms), ${report.runsPerMode} warm runs per mode, interleaved`);
  console.log('mode              | runs | fail | median |   p90 |    max | >200 | step medians');
  for (const [mode, s] of Object.entries(report.modes)) {
    const steps = MARKS.filter((m) => s.steps[m] !== undefined)
      .map((m) => `${m} ${r(s.steps[m])}`)
      .join(', ');
    console.log(
      `${mode.padEnd(17)} | ${String(s.runs).padStart(4)} | ${String(s.failures).padStart(4)} | ${r(s.median).padStart(6)} | ${r(s.p90).padStart(5)} | ${r(s.max).padStart(6)} | ${String(s.over200).padStart(4)} | ${steps}`,
    );
  }
  console.log(`load average (1 min) before/after: ${report.loadAverage1m.join(' / ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '100' },
      modes: { type: 'string', default: 'api,api-no-early-dtls,raw' },
      json: { type: 'string' },
    },
  });
  const report = await measureWebrtcup({
    runs: Number(values.runs),
    modes: (values.modes ?? '').split(',') as WebrtcupMode[],
    progress: true,
  });
  printWebrtcup(report);
  console.log(JSON.stringify(report));
  if (values.json) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  }
}
