import { connect, EchoTest, MediaSource } from 'janus-xstate';

const janus = await connect(process.env.JANUS_URL ?? 'ws://127.0.0.1:8188');
const session = await janus.createSession();
const echo = await session.attach(EchoTest);

// Resolves at `webrtcup`: the PeerConnection is up and the source is sending.
await echo.start({
  audio: true,
  video: true,
  data: true,
  source: MediaSource.generated({ toneHz: 440 }), // or MediaSource.file('talk.webm', { loop: true })
  recordTo: 'echo.webm', // what comes back, as WebM (Opus + VP8)
});
echo.on('data', (message) => console.log(String(message)));
echo.sendData('hello');

await new Promise((resolve) => setTimeout(resolve, 3_000));
const { audio, video } = echo.stats();
console.log(`audio ${audio.packetsSent} sent, ${audio.packetsReceived} echoed`);
console.log(`video ${video.packetsSent} sent, ${video.packetsReceived} echoed`);

await echo.hangup(); // Janus closes the PeerConnection...
await echo.closePeer(); // ...and this resolves once ours is closed and echo.webm is complete
await session.destroy();
await janus.close();
