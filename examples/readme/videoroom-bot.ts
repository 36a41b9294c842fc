import { connect, MediaSource, VideoRoom, waitForWebrtcUp } from 'janus-xstate';

const janus = await connect(process.env.JANUS_URL ?? 'ws://127.0.0.1:8188');
const session = await janus.createSession();

const publisher = await session.attach(VideoRoom);
const { room } = await publisher.create({ publishers: 4 }); // the server picks the id
const { id } = await publisher.join({ ptype: 'publisher', room, display: 'bot' });
// publish(body, options): the body goes to Janus, the media options stay here. Resolves at `webrtcup`,
// so the feed can be subscribed to right away.
const configured = await publisher.publish(
  { display: 'bot' },
  { audio: true, video: true, source: MediaSource.generated() },
);
console.log(
  'publishing',
  configured.streams?.map((stream) => stream.codec),
);

const subscriber = await session.attach(VideoRoom);
await subscriber.join({ ptype: 'subscriber', room, streams: [{ feed: id }] }); // Janus offers
// We answer; with waitForMedia: false it resolves at Janus's `started` reply, before the media is up.
await subscriber.start({}, { waitForMedia: false });
await waitForWebrtcUp(subscriber, { timeoutMs: 10_000 });

await new Promise((resolve) => setTimeout(resolve, 2_000));
for (const stream of subscriber.receivedPackets()) console.log(`${stream.type}: ${stream.packets} packets`);

await subscriber.leave();
await publisher.unpublish();
await publisher.leave();
await publisher.destroy({ room });
await session.destroy();
await janus.close();
