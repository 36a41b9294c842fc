/**
 * `npm run demo`: starts a private Janus, connects, creates a session, attaches the echotest, sends a
 * message and prints the reply and every state transition the actors went through; then runs an EchoTest
 * call with generated audio and video for about five seconds, with a live progress line, and records the
 * echo to a WebM file. Media needs a non-loopback address (Janus never does ICE on loopback), so the demo
 * re-runs itself inside a private network namespace that nothing can leave.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InspectionEvent } from 'xstate';
import { formatProgress, runEchoTest } from '../src/cli/echotest.js';
import { connect } from '../src/index.js';
import { ensureSystemDependencies } from '../src/system/system-deps.js';
import { startJanus } from '../src/testing/index.js';
import { mediaVerdict } from './verdict.js';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Prints `actor: from → to` for every snapshot change, from the inspection stream. */
function transitionPrinter(): (event: InspectionEvent) => void {
  const last = new Map<string, string>();
  return (event) => {
    if (event.type !== '@xstate.snapshot') return;
    const id = (event.actorRef as { id?: string }).id ?? '?';
    const value = (event.snapshot as { value?: unknown }).value;
    if (value === undefined) return;
    const state = JSON.stringify(value).replaceAll('"', '');
    const before = last.get(id);
    if (before === state) return;
    last.set(id, state);
    log(`  [${id.padEnd(10)}] ${before ?? '(start)'} → ${state}`);
  };
}

async function signallingPart(url: string): Promise<void> {
  const janus = await connect(url, { inspect: transitionPrinter() });
  const info = await janus.info();
  log(`Connected: ${info.name} ${info.version_string}, session-timeout ${info['session-timeout']} s`);
  const session = await janus.createSession();
  log(`Session ${session.id} created`);
  const echo = await session.attach('janus.plugin.echotest');
  log(`Attached janus.plugin.echotest as handle ${echo.id}`);
  const started = performance.now();
  const reply = await echo.message({ audio: false });
  log(`Echotest reply in ${(performance.now() - started).toFixed(2)} ms: ${JSON.stringify(reply.data)}`);
  await echo.detach();
  await session.destroy();
  await janus.close();
  log('Closed: every actor stopped.');
}

/** Runs the EchoTest call and returns the problems found (empty when media flowed both ways). */
async function mediaPart(url: string, play: string | undefined): Promise<string[]> {
  const recording = resolve('demo-echo.webm');
  log(`\nEchoTest call with ${play ? `'${play}'` : 'a generated tone and test pattern'} (5 s):`);
  const tty = process.stdout.isTTY;
  const result = await runEchoTest({
    url,
    play,
    record: recording,
    seconds: 5,
    onProgress: (progress) => {
      const line = `  ${formatProgress(progress)}`;
      process.stdout.write(tty ? `\r${line}   ` : `${line}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  const { audio, video } = result.stats;
  log(`webrtcup ${result.connectToWebrtcupMs.toFixed(1)} ms after connect`);
  log(`audio: ${audio.packetsSent} packets sent, ${audio.packetsReceived} echoed`);
  log(`video: ${video.packetsSent} packets sent, ${video.packetsReceived} echoed`);
  if (result.medianRoundTripMs !== undefined)
    log(`data channel round trip: ${result.medianRoundTripMs.toFixed(1)} ms median`);
  log(`Recording of the echo (play it with ffplay or a browser): ${recording}`);
  return mediaVerdict(result.stats, recording);
}

/** `--play FILE` plays a file instead of the generated source. */
function playArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--play');
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Prints the one-line verdict and sets the exit code. */
function finish(problems: readonly string[]): never {
  if (problems.length === 0) {
    log('\nDEMO PASSED: signalling, media both ways and the recording all worked.');
    process.exit(0);
  }
  // One line, whatever the reasons hold (ffprobe's messages end in a newline).
  const reasons = problems.map((problem) => problem.replace(/\s+/g, ' ').trim());
  log(`\nDEMO FAILED: ${reasons.join('; ')}`);
  process.exit(1);
}

try {
  ensureSystemDependencies('demo', { log });
} catch (error) {
  process.stderr.write(`janus-xstate demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const play = playArgument(process.argv.slice(2));
if (process.env.JANUS_XSTATE_NETNS !== '1') {
  // Re-run inside a private network namespace, where Janus can gather a candidate on a veth address.
  const here = fileURLToPath(import.meta.url);
  const script = resolve(here, '../../scripts/netns-run.sh');
  const result = spawnSync(script, [process.execPath, '--import', 'tsx', here, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  // The child printed its own verdict; a child that could not even start gets one here.
  if (result.status === 0 || result.status === 1) process.exit(result.status);
  finish([
    `the private network namespace could not be used (scripts/netns-run.sh exited ${result.status ?? result.signal}); media needs one`,
  ]);
} else {
  const server = await startJanus({ plugins: ['echotest'], extraNat: { ice_enforce_list: 'jpd0' } });
  log(`Private Janus started (pid ${server.pid}) at ${server.wsUrl}`);
  let problems: string[];
  try {
    await signallingPart(server.wsUrl);
    problems = await mediaPart(server.wsUrl, play);
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  } finally {
    await server.stop();
  }
  finish(problems);
}
