/** Renders a run's results as the markdown of `bench/RESULTS.md`. */
import type { ClientId } from '../clients/types.js';
import { renderMediaScale } from '../figures/media-scale.js';
import type { ChildResult } from './child.js';
import type { Results } from './results.js';

const KB = 1024;

function num(x: number | undefined, digits: number): string {
  if (x === undefined || !Number.isFinite(x)) return 'n/a';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

type Getter = (id: ClientId) => number | undefined;

/** A figure's values, and optionally its per-round ratios to the raw client (else value / raw value). */
interface Series {
  value: Getter;
  ratio?: Getter;
  /** A remark appended to a cell (e.g. fewer sessions than asked for). */
  note?: (id: ClientId) => string | undefined;
}

interface Target {
  text: string;
  met(value: Getter, ratio: Getter, x: ClientId): boolean | undefined;
}

function isNum(x: number | undefined): x is number {
  return x !== undefined && Number.isFinite(x);
}

function ratioGetter(s: Series, baseId: ClientId): Getter {
  if (s.ratio) return s.ratio;
  return (id) => {
    const [v, b] = [s.value(id), s.value(baseId)];
    return isNum(v) && isNum(b) && b !== 0 ? v / b : undefined;
  };
}

const lowerThan = (factor: number): Target => ({
  text: `≤ ${factor}× raw and below janode`,
  met: (_, ratio, x) => {
    const [v, jn] = [ratio(x), ratio('janode')];
    return isNum(v) && isNum(jn) ? v <= factor && v < jn : undefined;
  },
});

/** At least `factor` × the raw client. */
const atLeastRaw = (factor: number): Target => ({
  text: `≥ ${factor}× raw`,
  met: (_, ratio, x) => {
    const v = ratio(x);
    return isNum(v) ? v >= factor : undefined;
  },
});

/** At most `factor` × the raw WebSocket client. */
const atMostRawWs = (factor: number): Target => ({
  text: `≤ ${factor}× raw`,
  met: (_, ratio, x) => {
    const v = ratio(x);
    return isNum(v) ? v <= factor : undefined;
  },
});

/** Scales linearly: the last chunk's ms per pair at most 1.2× the first's, and the total at most 2× janode's. */
const linearAndNearJanode = (
  scale: (id: ClientId) => { firstMsPerPair: number; lastMsPerPair: number } | undefined,
): Target => ({
  text: 'last 1,000 ≤ 1.2× first 1,000, total ≤ 2× janode',
  met: (value, _, x) => {
    const [v, jn, sc] = [value(x), value('janode'), scale(x)];
    if (!isNum(v) || !isNum(jn) || !sc) return undefined;
    return sc.lastMsPerPair <= 1.2 * sc.firstMsPerPair && v <= 2 * jn;
  },
});

/** At most `factor` × the raw client (HTTP has no janode column). */
const atMostRaw = (factor: number): Target => ({
  text: `≤ ${factor}× raw undici`,
  met: (_, ratio, x) => {
    const v = ratio(x);
    return isNum(v) ? v <= factor : undefined;
  },
});

const atMostJanode: Target = {
  text: 'at or below janode',
  met: (value, _, x) => {
    const [v, jn] = [value(x), value('janode')];
    return isNum(v) && isNum(jn) ? v <= jn : undefined;
  },
};

function row(label: string, s: Series, digits: number, ids: ClientId[], target?: Target | null): string {
  const ratio = ratioGetter(s, ids[0]!);
  const cells = ids.map((id, i) => {
    const r = ratio(id);
    const note = s.note?.(id);
    return (
      num(s.value(id), digits) +
      (i === 0 || !isNum(r) ? '' : ` (${r.toFixed(2)}×)`) +
      (note ? ` ${note}` : '')
    );
  });
  if (target === null) return `| ${label} | ${cells.join(' | ')} |`;
  const x = ids.find((id) => id.startsWith('janus-xstate'));
  let verdict = '';
  if (target && x) {
    const m = target.met(s.value, ratio, x);
    verdict = `${target.text}: ${m === undefined ? 'n/a' : m ? '**met**' : '**missed**'}`;
  }
  return `| ${label} | ${cells.join(' | ')} | ${verdict} |`;
}

/** Builds the markdown report. */
export function renderMarkdown(r: Results): string {
  const ws: ClientId[] = ['raw-ws', 'janus-xstate-ws', 'janode'];
  const http: ClientId[] = ['raw-http', 'raw-node-http', 'janus-xstate-http'];
  const p = r.params;
  const m = r.machine;
  const out: string[] = [];
  out.push(`# janus-xstate bench${r.quick ? ' (quick smoke run: small counts, not for comparison)' : ''}`);
  out.push('');
  out.push(
    `${m.date} · ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · Node ${m.node} · ` +
      `Janus ${m.janus} (event_loops = ${r.janus.eventLoops}, session_timeout = ${r.janus.sessionTimeoutS} s, ` +
      `started by \`${r.janus.starter}\`) · ws ${m.packages.ws}, undici ${m.packages.undici}, ` +
      `xstate ${m.packages.xstate}, janode ${m.packages.janode} · janus-xstate: ${r.janusXstate} · ` +
      `load average ${r.loadAverage.start.map((x) => x.toFixed(1)).join('/')} at start, ` +
      `${r.loadAverage.end.map((x) => x.toFixed(1)).join('/')} at end · run took ${num(r.durationS, 0)} s`,
  );
  out.push('');
  out.push(
    `One private Janus on loopback; every client in this one process tree; ${p.rounds} interleaved rounds ` +
      '(A B C A B C ...: message by message, or cycle by cycle, for the round trips and the full cycle); each figure is the median over rounds of the per-round figure, and each ratio ' +
      '(in parentheses) the median over rounds of the per-round ratio to the raw client of the same ' +
      'transport, so that load drifting during the run cancels out (absolute figures swing ±30 % between ' +
      'runs here, more when the shared machine is busy: see the load average). Memory and idle: one ' +
      'measurement per client, ratio = value / raw value.',
  );
  out.push('');
  if (r.carriedOverFrom) {
    out.push(
      `This run measured only: ${r.ranFigures?.join(', ') ?? 'some figures'}. The other figures are those of the run of ${r.carriedOverFrom} (its machine load was not recorded here).`,
    );
    out.push('');
  }
  out.push('## WebSocket, one connection');
  out.push('');
  out.push('| Figure | raw ws | janus-xstate | janode | janus-xstate target |');
  out.push('|---|---:|---:|---:|---|');
  const rt = r.roundTrip;
  out.push(
    row(
      `Round trip, echotest message → event, median (ms; ${p.roundTripMessages} sequential per round)`,
      { value: (id) => rt[id]?.combined.median, ratio: (id) => rt[id]?.ratio.median },
      3,
      ws,
      lowerThan(1.15),
    ),
  );
  out.push(
    row(
      'Round trip, p90 (ms)',
      { value: (id) => rt[id]?.combined.p90, ratio: (id) => rt[id]?.ratio.p90 },
      3,
      ws,
      lowerThan(1.15),
    ),
  );
  out.push(
    row(
      `Pipelined throughput (req/s; ${p.throughputMessages} messages, ${p.inFlight} in flight)`,
      { value: (id) => r.throughput[id]?.median, ratio: (id) => r.throughput[id]?.ratio },
      0,
      ws,
      atLeastRaw(0.9),
    ),
  );
  out.push(
    row(
      `Full cycle create → attach → message → detach → destroy, median (ms; ${p.cycles} per round)`,
      { value: (id) => r.cycle[id]?.combined.median, ratio: (id) => r.cycle[id]?.ratio.median },
      3,
      ws,
      atMostRawWs(1.5),
    ),
  );
  out.push(
    row(
      'Full cycle, p90 (ms)',
      { value: (id) => r.cycle[id]?.combined.p90, ratio: (id) => r.cycle[id]?.ratio.p90 },
      3,
      ws,
      atMostRawWs(1.5),
    ),
  );
  if (r.cycleCpu) {
    const cpu = r.cycleCpu;
    out.push(
      row(
        'Full cycle, CPU time of the client process per cycle, median (µs; user + system)',
        { value: (id) => cpu[id]?.median, ratio: (id) => cpu[id]?.ratio },
        0,
        ws,
        null,
      ),
    );
  }
  const partial = (res: ChildResult | undefined): string | undefined =>
    res && res.sessions < res.requestedSessions
      ? `[only ${res.sessions.toLocaleString('en-US')} of ${res.requestedSessions.toLocaleString('en-US')} ` +
        `sessions created within the child's ${num((res.createBudgetMs ?? Number.NaN) / 1000, 0)} s budget]`
      : undefined;
  for (const n of p.memorySessions) {
    const mem = r.memory[String(n)] ?? {};
    out.push(
      row(
        `Heap per session+handle, ${n.toLocaleString('en-US')} sessions (KB)`,
        { value: (id) => (mem[id] ? mem[id]!.heapPerPair / KB : undefined), note: (id) => partial(mem[id]) },
        2,
        ws,
        atMostJanode,
      ),
    );
    const perPair = (x: { firstMsPerPair: number; lastMsPerPair: number } | undefined): string | undefined =>
      x ? `[ms/pair ${num(x.firstMsPerPair, 2)} → ${num(x.lastMsPerPair, 2)}]` : undefined;
    out.push(
      row(
        `Create ${n.toLocaleString('en-US')} session+handle pairs, 64 in flight (s) [ms per pair, first → last 1,000]`,
        {
          value: (id) => (mem[id] ? mem[id]!.createMs / 1000 : undefined),
          note: (id) =>
            [perPair(mem[id]?.createScale), partial(mem[id])].filter(Boolean).join(' ') || undefined,
        },
        2,
        ws,
        linearAndNearJanode((id) => mem[id]?.createScale),
      ),
    );
    out.push(
      row(
        `Destroy ${n.toLocaleString('en-US')} pairs (detach + destroy), 64 in flight (s) [ms per pair, first → last 1,000]`,
        {
          value: (id) => (mem[id]?.destroy ? mem[id]!.destroy!.ms / 1000 : undefined),
          note: (id) => perPair(mem[id]?.destroy),
        },
        2,
        ws,
        linearAndNearJanode((id) => mem[id]?.destroy),
      ),
    );
    out.push(
      row(
        `RSS per session+handle, ${n.toLocaleString('en-US')} sessions (KB)`,
        { value: (id) => (mem[id] ? mem[id]!.rssPerPair / KB : undefined), note: (id) => partial(mem[id]) },
        2,
        ws,
        atMostJanode,
      ),
    );
  }
  const idle = r.idle;
  const idleLabel = `${p.idleSessions.toLocaleString('en-US')} idle sessions over ${num(p.idleMs / 1000, 0)} s`;
  out.push(
    row(
      `Idle CPU, ${idleLabel} (% of one core)`,
      { value: (id) => idle[id]?.idle?.cpuPercent, note: (id) => partial(idle[id]) },
      3,
      ws,
      {
        text: '< 2 % of a core',
        met: (value, _, x) => {
          const v = value(x);
          // With fewer sessions than asked for, only a miss is conclusive.
          if (!isNum(v) || (partial(idle[x]) && v < 2)) return undefined;
          return v < 2;
        },
      },
    ),
  );
  out.push(
    `| Keepalive requests sent in that window | ${ws
      .map((id) => {
        const k = idle[id]?.idle?.keepalives;
        return k === undefined ? 'n/a' : k < 0 ? 'not observable' : k.toLocaleString('en-US');
      })
      .join(' | ')} | |`,
  );
  out.push(
    `| WebSocket pings sent in that window | ${ws.map((id) => idle[id]?.idle?.pings ?? 'n/a').join(' | ')} | |`,
  );
  out.push(
    `| Keepalive interval (as configured) | ${ws.map((id) => r.keepalive[id] ?? 'n/a').join(' | ')} | |`,
  );
  const media = r.media;
  const ms = (x: { median: number; p90: number } | undefined) =>
    x ? `${num(x.median, 1)} (p90 ${num(x.p90, 1)})` : 'n/a';
  out.push(
    media.measured && media.api
      ? `| Media: connect → \`webrtcup\`, EchoTest audio+video over werift, median over ${media.runs} (ms) | ` +
          `${ms(media.raw)} | ${ms(media.api)}` +
          `${media.raw ? ` (${(media.api.median / media.raw.median).toFixed(2)}×)` : ''} | — (no WebRTC) | |`
      : `| Media: connect → \`webrtcup\`, median over ${p.mediaRuns} | — | **not yet measured** ` +
          `(${media.reason}) | — | |`,
  );
  out.push('');
  const floor = r.cycle['xstate-floor'];
  if (floor) {
    const cpu = r.cycleCpu?.['xstate-floor'];
    out.push(
      `Full cycle's floor, in the same rounds: the raw ws client plus one real session actor and one real ` +
        `handle actor of \`machines/\` per cycle, and nothing else (\`bench/clients/xstate-floor.ts\`): ` +
        `median ${num(floor.combined.median, 3)} ms (${num(floor.ratio.median, 2)}×), ` +
        `p90 ${num(floor.combined.p90, 3)} ms (${num(floor.ratio.p90, 2)}×), ` +
        `CPU ${num(cpu?.median, 0)} µs per cycle (${num(cpu?.ratio, 2)}×). The design card runs every ` +
        'janus-xstate session and handle transition in such an actor: these ratios are the least its own ' +
        'can be expected to be on this machine (the p90 ratio follows the CPU ratio).',
    );
    out.push('');
  }
  out.push('## HTTP');
  out.push('');
  out.push('| Figure | raw undici | raw node:http | janus-xstate (node:http) | janus-xstate target |');
  out.push('|---|---:|---:|---:|---|');
  const h = r.http;
  const hrow = (label: string, s: Series, digits: number, target?: Target) =>
    row(label, s, digits, http, target);
  out.push(
    hrow(
      `Round trip, echotest message → event, median (ms; ${p.httpMessages} sequential per round)`,
      { value: (id) => h[id]?.roundTrip.median, ratio: (id) => h[id]?.roundTripRatio.median },
      3,
      atMostRaw(1.15),
    ),
  );
  out.push(
    hrow(
      'Round trip, p90 (ms)',
      { value: (id) => h[id]?.roundTrip.p90, ratio: (id) => h[id]?.roundTripRatio.p90 },
      3,
      atMostRaw(1.15),
    ),
  );
  out.push(
    hrow(
      'Long-poll event latency, request sent → event received, median (ms)',
      { value: (id) => h[id]?.eventLatency.median, ratio: (id) => h[id]?.eventLatencyRatio.median },
      3,
    ),
  );
  out.push(
    hrow(
      'Long-poll event latency, p90 (ms)',
      { value: (id) => h[id]?.eventLatency.p90, ratio: (id) => h[id]?.eventLatencyRatio.p90 },
      3,
    ),
  );
  out.push('');
  const failures = [
    ...Object.entries(r.failures),
    ...Object.entries(r.childFailures),
    ...r.uncaught.map((u) => ['uncaught', u] as const),
  ];
  if (failures.length > 0) {
    out.push('## Failures');
    out.push('');
    for (const [id, why] of failures) out.push(`- ${id}: ${why}`);
    out.push('');
  }
  out.push(...renderMediaScale(r.mediaScale ?? {}));
  out.push('## How each figure is taken');
  out.push('');
  out.push(
    [
      `- Round trip: after a warm-up (${p.warmUpMessages} messages and ${p.warmUpCycles} full cycles per client), ` +
        `${p.roundTripMessages} sequential echotest \`message\` \`{ audio: false }\` per round on one handle, each ` +
        'timed from the call to its resolution on the asynchronous `event` (the `ack` may come before or after it); ' +
        'within each round the clients take turns message by message (the order rotating), as in the full cycle.',
      `- Throughput: ${p.throughputMessages} of the same messages per round, ${p.inFlight} in flight on one handle.`,
      '- Full cycle: create → attach echotest → message → detach → destroy, sequential; within each round ' +
        'the clients take turns cycle by cycle (the order rotating), so that a load spike falls on all alike. ' +
        'Its CPU time is `process.cpuUsage()` (user + system) from the call to the resolution of each cycle: ' +
        "every client runs in this one process, one cycle at a time, so it is that client's own work (its " +
        "JavaScript, its share of the socket syscalls and of GC), without Janus's.",
      `- Memory: a fresh \`node --expose-gc\` child per client and count; baseline after connect and GC; then ` +
        'that many sessions each with one attached echotest handle over one connection (64 in flight), GC six ' +
        'times; (after − baseline) / sessions. One child per client and count, no rounds.',
      `- Idle: the ${p.idleSessions.toLocaleString('en-US')}-session child then sleeps ${num(p.idleMs / 1000, 0)} s; ` +
        '`process.cpuUsage()` over that window, in % of one core. Each client as its defaults are; Janus ' +
        'session_timeout 60 s. Keepalive requests and pings counted on the WebSocket `send`/`ping` of `ws` and undici.',
      '- HTTP: the round trip as above; the long-poll event latency is from the call to the arrival of the ' +
        "response of the long-poll `GET` that carries the event, seen on Node's diagnostics channels " +
        '(`undici:request:headers`, `http.client.response.finish`), so the same way for every client. The ' +
        'raw client runs on undici (the ratios are to it) and, side by side, on `node:http` with a keep-alive ' +
        "`Agent`, the stack janus-xstate's HTTP transport uses.",
      '- Media: `bench/media/webrtcup.ts` in the private network namespace of `scripts/netns-run.sh` (its ' +
        'own Janus, ICE on a veth pair, nothing leaves the namespace): EchoTest audio + video over werift, ' +
        'timed from connect to `webrtcup`, each call on a fresh connection, the two modes interleaved after ' +
        'a warm-up: janus-xstate `EchoTest.start()` with its defaults (run from its TypeScript), and in the ' +
        'raw column the raw `ws` + werift prototype of `test/media` (janode has no WebRTC stack).',
      '- Concurrency, pacing, cold start: `bench/media/concurrency.ts`, `pacing.ts` and `cold-start.ts`, each ' +
        'run by `bench/figures/media-scale.ts` through `scripts/netns-run.sh` (a private network namespace with ' +
        'its own Janus), after everything else. Concurrency: one fresh child per source and N, calls set up 10 ' +
        'at a time, then a 10 s window; "sustained" = every call up, audio sent at ≥ 95 % of real time and ' +
        '≥ 95 % of audio and video echoed; a source stops at its first N that is not sustained. Pacing: ' +
        "audio send times at werift's socket `send`. Cold start: spawn → `webrtcup` of the first call in a " +
        'fresh `node` importing the compiled library.',
    ].join('\n'),
  );
  out.push('');
  return out.join('\n');
}
