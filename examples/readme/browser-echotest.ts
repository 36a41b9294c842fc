import { connect, EchoTest, remoteStreamOf } from 'janus-xstate/browser';

// Open the page as .../echo.html?janus=ws://your-janus:8188 (or an http://.../janus URL: fetch long-poll).
const url = new URLSearchParams(location.search).get('janus') ?? 'ws://127.0.0.1:8188';
const janus = await connect(url);
const session = await janus.createSession();
const echo = await session.attach(EchoTest);
await echo.start({ audio: true, video: true }); // asks getUserMedia; resolves once the media is up
const video = document.body.appendChild(document.createElement('video'));
Object.assign(video, { muted: true, autoplay: true, playsInline: true, srcObject: remoteStreamOf(echo) });
await new Promise((resolve) => setTimeout(resolve, 2000));
const { audio, video: videoStats } = await echo.getStats(); // the same shape as in Node
document.title = `echoed ${audio.packetsReceived} audio and ${videoStats.packetsReceived} video packets`;
await janus.close();
