// EchoTest with the fake camera and microphone, through the browser build.
import { connect, EchoTest } from 'janus-xstate/browser';
import { camera, sleep, until } from './util.js';

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
    const stream = await camera();
    await echo.start({ audio: true, video: true, data: true, source: stream });
    await sleep(seconds * 1000);
    // Read while media flows: what is still in flight (one round trip, ~1 packet per kind) is < 1 %.
    const stats = await echo.getStats();
    for (const text of texts) echo.sendData(text);
    await until(() => echoed.length >= texts.length, `echo of ${texts.length} data messages`);
    await echo.hangup();
    for (const track of stream.getTracks()) track.stop();
    return { webrtcupEvents: marks.webrtcup, stats, echoed, sessionId: session.id, handleId: echo.id };
  } finally {
    await janus.close();
  }
};
