/**
 * Standalone prototype: werift ↔ Janus EchoTest over raw `ws`, inside the private namespace.
 *
 *   scripts/netns-run.sh npx tsx test/media/prototype.ts [--runs 100] [--cold 5] [--media-s 10]
 *                                                        [--modes stock,a,ab,abc] [--json FILE]
 *
 * 1. connect → `webrtcup` per mode, `--runs` times each, modes interleaved round by round (so
 *    load from other processes hits all modes alike), after one warm-up call per mode:
 *    - `stock`: werift as is; its STUN query goes to a local responder on 10.200.0.1
 *    - `a`: no STUN query; `ab`: + early DTLS buffering; `abc`: + native P-256 (all three)
 * 2. `--cold`: first call in a fresh process, `stock`, `ab`, `abc`, that many processes each.
 * 3. Media: all workarounds, ffmpeg tone + pattern (Opus/VP8) for `--media-s` seconds, packets
 *    sent/echoed per kind, echo recorded to WebM and checked with ffprobe; data channel text and
 *    binary echo.
 * A network guard blocks and reports any UDP/DNS target that is not an own address.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startRtpSource } from '../../src/media/generated-source.js';
import { RtpCounter } from '../../src/media/rtp-counter.js';
import { probeMedia, recordToWebm } from '../../src/media/webm-recorder.js';
import {
  disableNativeP256,
  enableNativeP256,
  type WeriftWorkaroundOptions,
} from '../../src/media/werift-workarounds.js';
import { type EchoCall, type EchoCallMarks, startEchoCall } from './support/echotest-call.js';
import { startMediaJanus } from './support/media-janus.js';
import { guardNetwork, inPrivateNetns } from './support/net-guard.js';
import { startStunResponder } from './support/stun-responder.js';

type Mode = 'stock' | 'a' | 'ab' | 'abc';
const MODES: Record<Mode, WeriftWorkaroundOptions | false> = {
  stock: false,
  a: { earlyDtls: false, nativeP256: false },
  ab: { nativeP256: false },
  abc: {},
};

/** Runs one call in `mode` and returns its marks. */
async function call(mode: Mode, wsUrl: string, stunUrl: string): Promise<EchoCallMarks> {
  const workarounds = MODES[mode];
  if (workarounds === false || workarounds.nativeP256 === false) disableNativeP256();
  else await enableNativeP256();
  const echo = await startEchoCall({
    wsUrl,
    workarounds,
    iceServers: workarounds === false ? [{ urls: stunUrl }] : [],
  });
  await echo.close();
  return echo.marks;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Summary {
  runs: number;
  failures: number;
  median: number;
  p90: number;
  max: number;
  over200: number;
  medians: Record<keyof EchoCallMarks, number>;
}

function summarize(marks: EchoCallMarks[], failures: number): Summary {
  const of = (key: keyof EchoCallMarks) => marks.map((m) => m[key]).sort((x, y) => x - y);
  const up = of('webrtcup');
  const keys: (keyof EchoCallMarks)[] = [
    'wsOpen',
    'attached',
    'offerReady',
    'answer',
    'iceConnected',
    'dtlsConnected',
    'webrtcup',
  ];
  return {
    runs: marks.length,
    failures,
    median: percentile(up, 50),
    p90: percentile(up, 90),
    max: up.at(-1) ?? Number.NaN,
    over200: up.filter((t) => t > 200).length,
    medians: Object.fromEntries(keys.map((key) => [key, percentile(of(key), 50)])) as Summary['medians'],
  };
}

/** `--child-cold MODE`: one call in this fresh process, print its marks as JSON. */
async function childCold(mode: Mode): Promise<void> {
  const marks = await call(mode, process.env.PROTO_WS_URL ?? '', process.env.PROTO_STUN_URL ?? '');
  process.stdout.write(`${JSON.stringify(marks)}\n`);
}

function runChild(mode: Mode, wsUrl: string, stunUrl: string): Promise<EchoCallMarks> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child-cold', mode],
      {
        env: { ...process.env, PROTO_WS_URL: wsUrl, PROTO_STUN_URL: stunUrl },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as EchoCallMarks);
      else reject(new Error(`cold child (${mode}) exited ${code}`));
    });
  });
}

/** Waits for a data channel to open, sends text and binary, returns what came back. */
async function dataChannelEcho(echo: EchoCall): Promise<{ text: string; binary: string; ms: number }> {
  const channel = echo.dataChannel;
  if (!channel) throw new Error('no data channel');
  if (channel.readyState !== 'open') {
    await new Promise<void>((resolve) => channel.stateChanged.subscribe((s) => s === 'open' && resolve()));
  }
  const received: (string | Buffer)[] = [];
  const got = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('data channel echo timed out')), 5000);
      const check = () => {
        if (received.length >= n) {
          clearTimeout(timer);
          resolve();
        }
      };
      channel.onMessage.subscribe((message) => {
        received.push(message);
        check();
      });
      check();
    });
  const t0 = performance.now();
  channel.send('hello from werift');
  channel.send(Buffer.from([0, 1, 2, 254, 255]));
  await got(2);
  const text = received.find((m) => typeof m === 'string') as string;
  const binary = received.find((m) => Buffer.isBuffer(m)) as Buffer;
  return { text, binary: binary.toString('hex'), ms: performance.now() - t0 };
}

async function media(wsUrl: string, seconds: number) {
  await enableNativeP256();
  const echo = await startEchoCall({ wsUrl, workarounds: {}, dataChannel: true });
  const dir = await mkdtemp(join(tmpdir(), 'janus-xstate-media-'));
  const source = await startRtpSource({ durationS: seconds });
  try {
    await source.ready();
    const sent = new RtpCounter();
    const received = new RtpCounter();
    for (const kind of ['audio', 'video'] as const) {
      const track = echo.remote[kind];
      if (track) received.watch(kind, track);
    }
    const path = join(dir, 'echo.webm');
    const recording = recordToWebm(
      path,
      { audio: echo.remote.audio, video: echo.remote.video },
      { width: 320, height: 240 },
    );
    source.onPacket((kind, packet) => sent.count(kind, packet));
    source.pipeTo(echo.local);
    await source.exited;
    await sleep(500);
    await recording.stop();
    const probe = await probeMedia(path);
    const dc = await dataChannelEcho(echo);
    const kinds = ['audio', 'video'] as const;
    const clock = { audio: 48000, video: 90000 };
    const counts = Object.fromEntries(
      kinds.map((kind) => {
        const s = sent.get(kind);
        const r = received.get(kind);
        return [
          kind,
          {
            sent: s.packets,
            echoed: r.distinct,
            duplicates: r.packets - r.distinct,
            echoedPct: (100 * r.distinct) / s.packets,
            sentMediaS: s.timestampSpan / clock[kind],
            sentWallS: ((s.lastAt ?? 0) - (s.firstAt ?? 0)) / 1000,
          },
        ];
      }),
    );
    const events = echo.janus.events.map((e) => `${e.janus}${e.type ? `:${String(e.type)}` : ''}`);
    return { webrtcup: echo.marks.webrtcup, counts, recordedS: probe.durationS, probe, dc, events };
  } finally {
    await source.stop();
    await echo.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '100' },
      cold: { type: 'string', default: '5' },
      'media-s': { type: 'string', default: '10' },
      modes: { type: 'string', default: 'stock,a,ab,abc' },
      json: { type: 'string' },
      'child-cold': { type: 'string' },
    },
  });
  if (values['child-cold']) return childCold(values['child-cold'] as Mode);
  if (!inPrivateNetns) throw new Error('run inside the private namespace: scripts/netns-run.sh npx tsx ...');
  const runs = Number(values.runs);
  const modes = (values.modes ?? '').split(',').filter((m): m is Mode => m in MODES);
  const guard = guardNetwork();
  const load = [loadavg()[0]];
  const janus = await startMediaJanus();
  const stun = await startStunResponder(process.env.JANUS_XSTATE_NETNS_IP ?? '10.200.0.1');
  const report: Record<string, unknown> = {};
  try {
    // 1. Warm, interleaved.
    if (runs > 0) for (const mode of modes) await call(mode, janus.wsUrl, stun.url);
    const results = new Map<Mode, { marks: EchoCallMarks[]; failures: number }>(
      modes.map((mode) => [mode, { marks: [], failures: 0 }]),
    );
    for (let round = 0; round < runs; round++) {
      for (let i = 0; i < modes.length; i++) {
        const mode = modes[(round + i) % modes.length] as Mode;
        const result = results.get(mode);
        try {
          result?.marks.push(await call(mode, janus.wsUrl, stun.url));
        } catch (error) {
          if (result) result.failures++;
          console.error(`${mode}: ${(error as Error).message}`);
        }
        await sleep(5);
      }
      if ((round + 1) % 10 === 0) console.error(`round ${round + 1}/${runs}`);
    }
    const warm = Object.fromEntries(
      [...results].map(([mode, { marks, failures }]) => [mode, summarize(marks, failures)]),
    );
    report.warm = warm;
    // 2. Cold: first call in a fresh process.
    const coldRuns = Number(values.cold);
    const cold: Record<string, EchoCallMarks[]> = {};
    for (const mode of (['stock', 'ab', 'abc'] as const).filter(() => coldRuns > 0)) {
      cold[mode] = [];
      for (let i = 0; i < coldRuns; i++) cold[mode].push(await runChild(mode, janus.wsUrl, stun.url));
    }
    report.cold = cold;
    // 3. Media and data channel.
    const mediaS = Number(values['media-s']);
    if (mediaS > 0) report.media = await media(janus.wsUrl, mediaS);
  } finally {
    await stun.close();
    await janus.stop();
    guard.restore();
  }
  load.push(loadavg()[0]);
  report.loadAverage1m = load;
  report.netGuard = { targets: new Set(guard.targets).size, violations: guard.violations };
  printReport(report);
  if (values.json) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(values.json, JSON.stringify(report, null, 2));
  }
  if (guard.violations.length > 0) process.exitCode = 1;
}

function printReport(report: Record<string, unknown>): void {
  const r = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
  const warm = report.warm as Record<string, Summary>;
  console.log('\nconnect → webrtcup (ms), warm, interleaved');
  console.log('mode  | runs | fail | median |  p90  |  max   | >200ms | medians: answer ice dtls');
  for (const [mode, s] of Object.entries(warm)) {
    const m = s.medians;
    console.log(
      `${mode.padEnd(5)} | ${String(s.runs).padStart(4)} | ${String(s.failures).padStart(4)} | ${r(s.median).padStart(6)} | ${r(s.p90).padStart(5)} | ${r(s.max).padStart(6)} | ${String(s.over200).padStart(6)} | ${r(m.answer)} ${r(m.iceConnected)} ${r(m.dtlsConnected)}`,
    );
  }
  const cold = report.cold as Record<string, EchoCallMarks[]>;
  for (const [mode, marks] of Object.entries(cold)) {
    const list = marks.map((m) => `${r(m.webrtcup)} (ICE→DTLS ${r(m.dtlsConnected - m.iceConnected)})`);
    console.log(`cold first call, ${mode}: ${list.join(', ')} ms`);
  }
  if (report.media) console.log('\nmedia:', JSON.stringify(report.media, null, 2));
  console.log('load average (1 min) before/after:', report.loadAverage1m);
  console.log('net guard:', JSON.stringify(report.netGuard));
}

await main();
