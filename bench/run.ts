/**
 * `npm run bench` (`tsx bench/run.ts [--quick] [--clients a,b] [--figures rtt,throughput,...]
 * [--janus-xstate-from build|source]`).
 *
 * Starts one private Janus and runs the same work through the raw `ws` client, janus-xstate and janode
 * (and, over HTTP, the raw `undici` client and janus-xstate) in interleaved rounds, then forks one
 * memory/idle child per client and session count. Prints a markdown table and writes it to
 * `bench/RESULTS.md` (or `bench/results/quick.md` with `--quick`) with the raw numbers in
 * `bench/results/latest.json` (`quick.json`). Benchmarks, not tests: nothing here asserts on timings.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { browserSizeSection, withBrowserSizeSection } from './browser-size.js';
import { CLIENTS, CYCLE_CLIENTS, HTTP_CLIENTS, WS_CLIENTS } from './clients/index.js';
import { janusXstateEntry } from './clients/janus-xstate.js';
import type { BenchClient, BenchPair, ClientId } from './clients/types.js';
import { fullCycleInterleaved } from './figures/cycle.js';
import { type HttpRound, httpRoundInterleaved } from './figures/http.js';
import { mediaFigure } from './figures/media.js';
import {
  type ColdStartReport,
  type ConcurrencyReport,
  MEDIA_SCALE_FIGURES,
  type PacingReport,
  runMediaScaleFigure,
} from './figures/media-scale.js';
import { roundTripInterleaved, warmUp } from './figures/round-trip.js';
import { throughput } from './figures/throughput.js';
import { countSessions, waitForSessions } from './lib/admin.js';
import { carryOver } from './lib/carry-over.js';
import { runChild } from './lib/child.js';
import { settle } from './lib/gc.js';
import { JANUS_STARTER, startBenchJanus } from './lib/janus.js';
import { describeMachine } from './lib/machine.js';
import type { Params, Results } from './lib/results.js';
import { combineLatency, latencyRatio, median, roundRatio } from './lib/stats.js';
import { renderMarkdown } from './lib/table.js';

const FIGURES = [
  'rtt',
  'throughput',
  'cycle',
  'http',
  'media',
  'memory',
  'idle',
  ...MEDIA_SCALE_FIGURES,
] as const;
type Figure = (typeof FIGURES)[number];

const FULL: Params = {
  rounds: 5,
  warmUpMessages: 500,
  warmUpCycles: 300,
  roundTripMessages: 2000,
  throughputMessages: 5000,
  inFlight: 64,
  cycles: 300,
  memorySessions: [5000, 10000],
  idleSessions: 10000,
  idleMs: 60_000,
  httpMessages: 2000,
  mediaRuns: 20,
};

const QUICK: Params = {
  rounds: 2,
  warmUpMessages: 100,
  warmUpCycles: 5,
  roundTripMessages: 200,
  throughputMessages: 1000,
  inFlight: 64,
  cycles: 30,
  memorySessions: [500, 1000],
  idleSessions: 1000,
  idleMs: 5000,
  httpMessages: 200,
  mediaRuns: 3,
};

/** Per-step cap, so that a hung client is reported instead of hanging the run. */
const STEP_TIMEOUT_MS = 120_000;
/** Cap on connecting one client. */
const CONNECT_TIMEOUT_MS = 20_000;
/** The whole run must end within this (the brief: under 10 minutes on the 2-core machine). */
const DEADLINE_MS = 9.5 * 60_000;
/** Cap on the media figure (20 calls take ~10 s here). */
const MEDIA_TIMEOUT_MS = 90_000;
/** How long a memory child may take to create its sessions and measure, on top of its idle window. */
const CHILD_CAP_MS = 90_000;
/** Of that, what start-up, GC, measuring and closing may take: the rest is the creation budget. */
const CHILD_MARGIN_MS = 25_000;

function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function withTimeout<T>(p: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      clients: { type: 'string' },
      figures: { type: 'string' },
      'janus-xstate-from': { type: 'string', default: 'build' },
    },
  });
  const quick = values.quick ?? false;
  const params = quick ? QUICK : FULL;
  const wanted = (values.clients?.split(',') ?? Object.keys(CLIENTS)) as ClientId[];
  const figures = new Set((values.figures?.split(',') ?? FIGURES) as Figure[]);
  const started = performance.now();
  if (values['janus-xstate-from'] === 'source') process.env.JANUS_XSTATE_ENTRY = 'source';
  else delete process.env.JANUS_XSTATE_ENTRY;
  const janusXstate = janusXstateEntry() === 'source' ? 'src/ through tsx' : 'src/ compiled to JavaScript';
  log(`janus-xstate: ${janusXstate}`);

  log(`starting Janus via ${JANUS_STARTER}`);
  const janus = await startBenchJanus();
  const info = (await (await fetch(`${janus.httpUrl}/info`)).json()) as {
    version_string?: string;
    'session-timeout'?: number;
  };
  const results: Results = {
    quick,
    machine: describeMachine(info.version_string ?? 'unknown'),
    janus: { starter: JANUS_STARTER, eventLoops: 2, sessionTimeoutS: info['session-timeout'] ?? 60 },
    janusXstate,
    loadAverage: { start: os.loadavg(), end: [] },
    params,
    failures: {},
    childFailures: {},
    keepalive: {},
    roundTrip: {},
    throughput: {},
    cycle: {},
    memory: {},
    idle: {},
    http: {},
    media: { measured: false, reason: 'not run (--figures)' },
    mediaScale: {},
    uncaught: [],
    durationS: 0,
  };
  const fail = (id: ClientId, err: unknown): void => {
    results.failures[id] ??= message(err);
    log(`${id} failed: ${message(err)}`);
  };

  try {
    /** Connects `ids`, opens one pair each and warms them up; drops the clients that fail. */
    const prepare = async (ids: ClientId[]) => {
      const ready = new Map<ClientId, { client: BenchClient; pair: BenchPair }>();
      for (const id of ids.filter((c) => wanted.includes(c))) {
        try {
          const spec = CLIENTS[id];
          const client = await withTimeout(
            spec.connect(spec.transport === 'ws' ? janus.wsUrl : janus.httpUrl),
            `${id} connect`,
            CONNECT_TIMEOUT_MS,
          );
          results.keepalive[id] = client.keepalive;
          const pair = await withTimeout(client.openPair(), `${id} create+attach`);
          await withTimeout(
            warmUp(client, pair, params.warmUpMessages, params.warmUpCycles),
            `${id} warm-up`,
          );
          ready.set(id, { client, pair });
        } catch (err) {
          fail(id, err);
        }
      }
      return ready;
    };

    /** Interleaved rounds: for each round, each client in turn (A B C A B C ...). */
    const interleave = async <T>(
      name: string,
      ready: Map<ClientId, { client: BenchClient; pair: BenchPair }>,
      fn: (c: { client: BenchClient; pair: BenchPair }) => Promise<T>,
    ): Promise<Map<ClientId, T[]>> => {
      const out = new Map<ClientId, T[]>();
      for (let r = 0; r < params.rounds; r++) {
        for (const [id, c] of ready) {
          if (results.failures[id]) continue;
          await settle(2);
          try {
            const value = await withTimeout(fn(c), `${id} ${name}`);
            out.set(id, [...(out.get(id) ?? []), value]);
          } catch (err) {
            fail(id, err);
          }
        }
        log(`${name}: round ${r + 1}/${params.rounds} done`);
      }
      return out;
    };

    /**
     * Rounds in which the clients take turns message by message, or cycle by cycle (`roundTripInterleaved`,
     * `httpRoundInterleaved`, `fullCycleInterleaved`): for each round, `round` gets the items (pairs or
     * clients) of the clients still standing; a round that throws or times out fails all of them.
     */
    const turns = async <TItem, T>(
      name: string,
      items: ReadonlyMap<ClientId, TItem>,
      round: (live: Map<ClientId, TItem>) => Promise<Map<ClientId, T>>,
    ): Promise<Map<ClientId, T[]>> => {
      const out = new Map<ClientId, T[]>();
      for (let r = 0; r < params.rounds; r++) {
        const live = new Map<ClientId, TItem>();
        for (const [id, item] of items) if (!results.failures[id]) live.set(id, item);
        await settle(2);
        const values = await withTimeout(round(live), `${name} round`).catch((err: unknown) => {
          for (const id of live.keys()) fail(id, err);
          return new Map<ClientId, T>();
        });
        for (const [id, value] of values) out.set(id, [...(out.get(id) ?? []), value]);
        log(`${name}: round ${r + 1}/${params.rounds} done`);
      }
      return out;
    };
    /** The pair, or the client, of each ready client. */
    const each = <K extends 'client' | 'pair'>(
      ready: Map<ClientId, { client: BenchClient; pair: BenchPair }>,
      key: K,
    ) => new Map([...ready].map(([id, c]) => [id, c[key]]));

    if (figures.has('rtt') || figures.has('throughput') || figures.has('cycle')) {
      const ws = await prepare(WS_CLIENTS);
      if (figures.has('rtt')) {
        const rounds = await turns('round trip', each(ws, 'pair'), (pairs) =>
          roundTripInterleaved(pairs, params.roundTripMessages, fail),
        );
        const base = rounds.get('raw-ws') ?? [];
        for (const [id, rs] of rounds) {
          results.roundTrip[id] = { rounds: rs, combined: combineLatency(rs), ratio: latencyRatio(rs, base) };
        }
      }
      if (figures.has('throughput')) {
        const rounds = await interleave('throughput', ws, (c) =>
          throughput(c.pair, params.throughputMessages, params.inFlight),
        );
        const base = rounds.get('raw-ws') ?? [];
        for (const [id, rs] of rounds) {
          results.throughput[id] = { rounds: rs, median: median(rs), ratio: roundRatio(rs, base) };
        }
      }
      if (figures.has('cycle')) {
        // The floor (the raw client plus real actors) joins the WebSocket clients for this figure only.
        const floor = await prepare(CYCLE_CLIENTS.filter((id) => !WS_CLIENTS.includes(id)));
        for (const [id, c] of floor) ws.set(id, c);
        // Interleaved cycle by cycle within each round (see figures/cycle.ts), not client by client.
        const rounds = await turns('full cycle', each(ws, 'client'), (live) =>
          fullCycleInterleaved(live, params.cycles, fail),
        );
        const base = rounds.get('raw-ws') ?? [];
        const cpuBase = base.map((b) => b.cpuUs);
        results.cycleCpu = {};
        for (const [id, rs] of rounds) {
          const latencies = rs.map(({ median, p90 }) => ({ median, p90 }));
          results.cycle[id] = {
            rounds: latencies,
            combined: combineLatency(latencies),
            ratio: latencyRatio(latencies, base),
          };
          const cpu = rs.map((round) => round.cpuUs);
          results.cycleCpu[id] = { rounds: cpu, median: median(cpu), ratio: roundRatio(cpu, cpuBase) };
        }
      }
      for (const [id, c] of ws) await withTimeout(c.client.close(), `${id} close`).catch((e) => fail(id, e));
    }

    if (figures.has('http')) {
      const http = await prepare(HTTP_CLIENTS);
      const rounds = await turns('http', each(http, 'pair'), (pairs) =>
        httpRoundInterleaved(pairs, params.httpMessages, fail),
      );
      const base = rounds.get('raw-http') ?? [];
      for (const [id, rs] of rounds) {
        const rtt = rs.map((x: HttpRound) => x.roundTrip);
        const ev = rs.map((x: HttpRound) => x.eventLatency);
        results.http[id] = {
          rounds: rs,
          roundTrip: combineLatency(rtt),
          eventLatency: combineLatency(ev),
          roundTripRatio: latencyRatio(
            rtt,
            base.map((x) => x.roundTrip),
          ),
          eventLatencyRatio: latencyRatio(
            ev,
            base.map((x) => x.eventLatency),
          ),
        };
      }
      for (const [id, c] of http) {
        await withTimeout(
          c.pair.close().then(() => c.client.close()),
          `${id} close`,
        ).catch((e) => fail(id, e));
      }
    }

    if (figures.has('media') && wanted.includes('janus-xstate-ws')) {
      log(`media: ${params.mediaRuns} calls in a private network namespace`);
      results.media = await mediaFigure(params.mediaRuns, MEDIA_TIMEOUT_MS);
      log(results.media.measured ? 'media done' : `media not measured: ${results.media.reason}`);
    }

    const children: Array<{ sessions: number; idleMs: number }> = [];
    if (figures.has('memory')) {
      for (const n of params.memorySessions) children.push({ sessions: n, idleMs: 0 });
    }
    if (figures.has('idle')) {
      const last = children.find((c) => c.sessions === params.idleSessions);
      if (last) last.idleMs = params.idleMs;
      else children.push({ sessions: params.idleSessions, idleMs: params.idleMs });
    }
    const base = (await countSessions(janus.adminHttpUrl, janus.adminSecret)) ?? 0;
    const childFailures = new Map<ClientId, string>();
    for (const { sessions, idleMs } of children) {
      for (const id of WS_CLIENTS.filter((c) => wanted.includes(c))) {
        const key = `${id} ${sessions}`;
        const left = DEADLINE_MS - (performance.now() - started);
        // Caps: creating the sessions may take CHILD_CAP_MS, plus the idle window.
        const timeoutMs = Math.min(CHILD_CAP_MS + idleMs, left - 15_000);
        if (timeoutMs < idleMs + CHILD_MARGIN_MS + 10_000) {
          childFailures.set(id, `${key}: skipped, the run's ${DEADLINE_MS / 60_000} min budget was used up`);
          results.childFailures[key] = childFailures.get(id)!;
          log(childFailures.get(id)!);
          continue;
        }
        log(`child ${id}: ${sessions} sessions${idleMs ? `, idle ${idleMs / 1000} s` : ''}`);
        const t0 = performance.now();
        try {
          const res = await runChild({
            client: id,
            url: janus.wsUrl,
            sessions,
            idleMs,
            timeoutMs,
            createBudgetMs: timeoutMs - idleMs - CHILD_MARGIN_MS,
          });
          if (res.sessions < res.requestedSessions) {
            log(`${key}: only ${res.sessions} sessions created within the budget; measured with those`);
          }
          if (figures.has('memory') && params.memorySessions.includes(sessions)) {
            const byCount = results.memory[String(sessions)] ?? {};
            byCount[id] = res;
            results.memory[String(sessions)] = byCount;
          }
          if (idleMs > 0) results.idle[id] = res;
          results.keepalive[id] ??= res.keepalive;
        } catch (err) {
          results.childFailures[key] = message(err);
          log(`${key} failed: ${message(err)}`);
        }
        const t1 = performance.now();
        await waitForSessions(janus.adminHttpUrl, janus.adminSecret, base);
        log(
          `child ${key} took ${Math.round((t1 - t0) / 1000)} s; Janus reaped its sessions in ` +
            `${Math.round((performance.now() - t1) / 1000)} s`,
        );
        await sleep(200);
      }
    }
  } finally {
    await janus.stop();
  }

  // The media-scale figures, each in a private network namespace with its own Janus (after the shared
  // one stopped): they load both cores, so they run last and outside the 10-minute budget above.
  if (figures.has('concurrency')) {
    log('concurrency: N concurrent EchoTest calls, clip and ffmpeg-per-call (several minutes)');
    results.mediaScale.concurrency = await runMediaScaleFigure<ConcurrencyReport>('concurrency', quick, log);
  }
  if (figures.has('pacing')) {
    log('pacing: audio inter-packet gaps, idle and with a CPU burner');
    results.mediaScale.pacing = await runMediaScaleFigure<PacingReport>('pacing', quick, log);
  }
  if (figures.has('coldstart')) {
    log('cold start: fresh node processes to webrtcup');
    results.mediaScale.coldstart = await runMediaScaleFigure<ColdStartReport>('coldstart', quick, log);
  }

  // A run of some figures only keeps the others from the previous full results (RESULTS.md stays whole).
  if (!quick && values.figures) {
    const file = fileURLToPath(new URL('./results/latest.json', import.meta.url));
    const from = carryOver(results, figures, file);
    if (from) {
      results.carriedOverFrom = from;
      results.ranFigures = [...figures];
    }
  }
  results.uncaught = uncaught;
  results.durationS = (performance.now() - started) / 1000;
  results.loadAverage.end = os.loadavg();
  // The browser bundle's size (no server needed): its own section, also written by bench/browser-size.ts.
  const md = withBrowserSizeSection(renderMarkdown(results), await browserSizeSection());
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(quick ? 'quick.json' : 'latest.json', dir), `${JSON.stringify(results, null, 2)}\n`);
  const mdFile = fileURLToPath(new URL(quick ? './results/quick.md' : './RESULTS.md', import.meta.url));
  writeFileSync(mdFile, md);
  // The project's Biome formats markdown under bench/ (it aligns tables): keep RESULTS.md as it wants it.
  if (!quick) {
    spawnSync(
      fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url)),
      ['format', '--write', mdFile],
      {
        stdio: 'ignore',
      },
    );
  }
  process.stdout.write(`${md}\n`);
  log(`wrote ${quick ? 'bench/results/quick.md' : 'bench/RESULTS.md'} and the JSON in bench/results/`);
}

// A client's bug (e.g. a throw in a socket listener of a work-in-progress src/) must not end the run: it is
// logged and listed in the report, and the step that waited on it fails by its timeout.
const uncaught: string[] = [];
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err: unknown) => {
    const text =
      err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 3).join(' | ') : String(err);
    uncaught.push(`${event}: ${text}`);
    log(`${event}: ${text}`);
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
