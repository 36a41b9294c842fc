import { connect, MediaSource, VideoRoom, waitForWebrtcUp } from 'janus-xstate';

const janus = await connect(process.env.JANUS_URL ?? 'ws://127.0.0.1:8188');
const session = await janus.createSession();

const publisher = await session.attach(VideoRoom);
const { room } = await publisher.create({ publishers: 4 }); // the server picks the id
const { id } = await publisher.join({ ptype: 'publisher', room, display: 'bot' });
// publish(body, options): the body goes to Janus, the media options stay here.
const configured = await publisher.publish(
  { display: 'bot' },
  { audio: true, video: true, source: MediaSource.generated() },
);
console.log(
  'publishing',
  configured.streams?.map((stream) => stream.codec),
);
await waitForWebrtcUp(publisher, { timeoutMs: 10_000 }); // publish resolved at `configured`

const subscriber = await session.attach(VideoRoom);
await subscriber.join({ ptype: 'subscriber', room, streams: [{ feed: id }] }); // Janus offers
await subscriber.start(); // we answer; resolves at `started`
await waitForWebrtcUp(subscriber);

await new Promise((resolve) => setTimeout(resolve, 2_000));
for (const stream of subscriber.receivedPackets()) console.log(`${stream.type}: ${stream.packets} packets`);

await subscriber.leave();
await publisher.unpublish();
await publisher.leave();
await publisher.destroy({ room });
await session.destroy();
await janus.close();
