// EchoTest with the fake camera and microphone, through the browser build.
import { browserPeerOf, connect, EchoTest } from 'janus-xstate/browser';
import { framesBothWays, sleep, until } from './util.js';

/**
 * Starts an EchoTest call (audio, video, data channel), lets media flow for `seconds`, then sends `texts`
 * on the data channel and waits for their echoes. Resolves with what happened, for the test to judge.
 */
window.echoCall = async ({ url, seconds, texts }) => {
  const janus = await connect(url);
  try {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    const marks = { webrtcup: 0 };
    echo.on('webrtcup', () => {
      marks.webrtcup += 1;
    });
    const echoed = [];
    echo.on('data', (message) => echoed.push(typeof message === 'string' ? message : '(bytes)'));
    // No source: the call asks getUserMedia for the kinds it sends (Chromium's fake devices here).
    await echo.start({ audio: true, video: true, data: true });
    // Measured: ~17 video packets Chromium sends in its first ~0.5 s never come back (from then on sent and
    // echoed grow in step, and every encoded frame is decoded from the echo), so the test takes the ratio
    // over the call after its first second.
    await sleep(1000);
    const first = await echo.getStats();
    await sleep((seconds - 1) * 1000);
    // Stop sending, then let the last packets come back: counts are compared with nothing in flight.
    const { pc } = browserPeerOf(echo);
    for (const sender of pc.getSenders()) await sender.replaceTrack(null);
    await sleep(500);
    const stats = await echo.getStats();
    const frames = await framesBothWays(pc);
    for (const text of texts) echo.sendData(text);
    await until(() => echoed.length >= texts.length, `echo of ${texts.length} data messages`);
    await echo.hangup();
    return {
      webrtcupEvents: marks.webrtcup,
      first,
      stats,
      frames,
      echoed,
      sessionId: session.id,
      handleId: echo.id,
    };
  } finally {
    await janus.close();
  }
};
