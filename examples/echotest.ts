/**
 * An echo test with real media, as a new user writes it: only the public entry points, against a Janus
 * it did not start. Sends a generated tone and test pattern (the shipped Opus + VP8 clip, played in
 * process: no ffmpeg) for 3 s, counts what Janus's EchoTest plugin sends back, and exits non-zero when
 * less than 95% came back.
 *
 *   JANUS_WS_URL=ws://10.0.0.5:8188 npx tsx examples/echotest.ts
 *
 * The server must be able to reach this machine over a non-loopback address (Janus does no ICE on
 * loopback). (In your own project the import is `from 'janus-xstate'`.)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, EchoTest, MediaSource } from 'janus-xstate';

const url = process.env.JANUS_WS_URL;
if (!url) {
  console.error('set JANUS_WS_URL, e.g. JANUS_WS_URL=ws://127.0.0.1:8188 npx tsx examples/echotest.ts');
  process.exit(2);
}
const seconds = Number(process.env.ECHO_SECONDS ?? 3);

const janus = await connect(url);
let ok = false;
try {
  const session = await janus.createSession();
  const echo = await session.attach(EchoTest);

  const started = performance.now();
  await echo.start({ audio: true, video: true, source: MediaSource.generated() });
  console.log(`webrtcup after ${(performance.now() - started).toFixed(0)} ms`);

  await sleep(seconds * 1000);
  const stats = echo.stats();
  // Packets sent just before that read (a key frame is a burst of several) are still on their way back:
  // give them 300 ms. Whatever was sent during those 300 ms is taken off what came back, so `echoed`
  // never overstates what came back of the first `seconds`.
  await sleep(300);
  const later = echo.stats();
  let sent = 0;
  let echoed = 0;
  for (const kind of ['audio', 'video'] as const) {
    const packetsSent = stats[kind].packetsSent;
    const packetsReceived = Math.max(
      0,
      later[kind].packetsReceived - (later[kind].packetsSent - packetsSent),
    );
    sent += packetsSent;
    echoed += packetsReceived;
    const share = packetsSent === 0 ? 0 : (100 * packetsReceived) / packetsSent;
    console.log(`${kind}: sent ${packetsSent} packets, echoed ${packetsReceived} (${share.toFixed(1)}%)`);
  }
  const share = sent === 0 ? 0 : (100 * echoed) / sent;
  ok = sent > 0 && share >= 95;
  console.log(
    `total: sent ${sent}, echoed ${echoed} (${share.toFixed(1)}%) ${ok ? 'OK' : 'FAIL (under 95%)'}`,
  );

  await echo.hangup();
  await session.destroy();
} finally {
  await janus.close();
}
process.exitCode = ok ? 0 : 1;
