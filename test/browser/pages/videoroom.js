// VideoRoom through the browser build: publish the fake camera and microphone, or subscribe to a feed and
// play it in the page's <video>.
import { BrowserMediaSource, browserPeerOf, connect, remoteStreamOf, VideoRoom } from 'janus-xstate/browser';
import { camera, rtpTotals } from './util.js';

/** This page's VideoRoom handles and clients, by role. */
const roles = {};

/** Joins `room` as `display` and publishes the camera; resolves at webrtcup with the feed id. */
window.vrPublish = async ({ url, room, display }) => {
  const janus = await connect(url);
  const session = await janus.createSession();
  const publisher = await session.attach(VideoRoom);
  const joined = await publisher.join({ ptype: 'publisher', room, display });
  const stream = await camera();
  // The application's own MediaStream as the source (the client does not stop its tracks).
  await publisher.publish(
    { display },
    { audio: true, video: true, source: BrowserMediaSource.stream(stream) },
  );
  roles.publisher = { janus, handle: publisher, stream };
  return { feed: joined.id };
};

/** Subscribes to every stream of `feed` in `room`, plays it; resolves at webrtcup. */
window.vrSubscribe = async ({ url, room, feed }) => {
  const janus = await connect(url);
  const session = await janus.createSession();
  const subscriber = await session.attach(VideoRoom);
  await subscriber.join({ ptype: 'subscriber', room, streams: [{ feed }] });
  await subscriber.start();
  roles.subscriber = { janus, handle: subscriber };
  document.getElementById('remote').srcObject = remoteStreamOf(subscriber);
  return { mids: subscriber.receivedPackets().map((stream) => stream.mid) };
};

/** The native RTCPeerConnection behind a handle of the browser build. */
function nativePeerConnection(handle) {
  const pc = browserPeerOf(handle)?.pc;
  if (!(pc instanceof RTCPeerConnection)) throw new Error('page: the handle has no native RTCPeerConnection');
  return pc;
}

/** RTP totals of a role from its RTCPeerConnection's `getStats()`, and the handle's own `getStats()`. */
window.vrTotals = async (role) => {
  const { handle } = roles[role];
  return { native: await rtpTotals(nativePeerConnection(handle)), stats: await handle.getStats() };
};

/** Whether the page's <video> plays the remote feed: frames shown and time moving. */
window.vrPlaying = () => {
  const video = document.getElementById('remote');
  return { currentTime: video.currentTime, width: video.videoWidth, height: video.videoHeight };
};

/** Closes every client of the page. */
window.vrClose = async () => {
  for (const { janus, stream } of Object.values(roles)) {
    for (const track of stream?.getTracks() ?? []) track.stop();
    await janus.close();
  }
};

/**
 * Joins `room` as `display` and publishes a canvas the page keeps drawing on (video only); resolves at
 * webrtcup with the feed id.
 */
window.vrPublishCanvas = async ({ url, room, display }) => {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const context = canvas.getContext('2d');
  let frame = 0;
  const draw = setInterval(() => {
    frame += 1;
    context.fillStyle = `hsl(${(frame * 7) % 360} 80% 50%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#fff';
    context.fillText(String(frame), 10, 20);
  }, 40);
  const janus = await connect(url);
  const session = await janus.createSession();
  const publisher = await session.attach(VideoRoom);
  const joined = await publisher.join({ ptype: 'publisher', room, display });
  await publisher.publish(
    { display },
    { audio: false, video: true, source: BrowserMediaSource.canvas(canvas, { frameRate: 25 }) },
  );
  roles.canvas = { janus, handle: publisher, stop: () => clearInterval(draw) };
  return { feed: joined.id };
};
