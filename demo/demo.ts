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
import { startJanus } from '../src/testing/index.js';
import { ensureJanus } from './ensure-janus.js';

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

async function mediaPart(url: string): Promise<void> {
  const recording = resolve('demo-echo.webm');
  log('\nEchoTest call with a generated tone and test pattern (5 s):');
  const tty = process.stdout.isTTY;
  const result = await runEchoTest({
    url,
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
}

ensureJanus(log);
if (process.env.JANUS_XSTATE_NETNS !== '1') {
  // Re-run inside a private network namespace, where Janus can gather a candidate on a veth address.
  const here = fileURLToPath(import.meta.url);
  const script = resolve(here, '../../scripts/netns-run.sh');
  const result = spawnSync(script, [process.execPath, '--import', 'tsx', here], { stdio: 'inherit' });
  if (result.status === 0) process.exit(0);
  log('\nThe private network namespace could not be used (unshare -rn); running the signalling part only.');
  const server = await startJanus({ plugins: ['echotest'] });
  try {
    await signallingPart(server.wsUrl);
  } finally {
    await server.stop();
  }
} else {
  const server = await startJanus({ plugins: ['echotest'], extraNat: { ice_enforce_list: 'jpd0' } });
  log(`Private Janus started (pid ${server.pid}) at ${server.wsUrl}`);
  try {
    await signallingPart(server.wsUrl);
    await mediaPart(server.wsUrl);
  } finally {
    await server.stop();
  }
}
