/**
 * A VideoRoom script as a new user writes it: one publisher sends a generated tone and test pattern to a
 * room, one subscriber receives it, and the script prints what arrived. Only the public entry points,
 * against a Janus it did not start:
 *
 *   JANUS_URL=ws://127.0.0.1:8188 npx tsx examples/videoroom-publish-subscribe.ts
 *
 * Janus gathers no ICE candidates on loopback: the server needs a non-loopback address this machine can
 * reach (in this repository, `scripts/netns-run.sh` gives one to a server started inside it).
 * (In your own project the import is `from 'janus-xstate'`.)
 */
import { connect, MediaSource, VideoRoom, waitForWebrtcUp } from 'janus-xstate';

const url = process.env.JANUS_URL ?? 'ws://127.0.0.1:8188';
const seconds = Number(process.env.SECONDS ?? 4);
const janus = await connect(url, { apiSecret: process.env.JANUS_API_SECRET });
try {
  const session = await janus.createSession();

  // A room of our own (any handle can manage rooms).
  const publisher = await session.attach(VideoRoom);
  const { room } = await publisher.create({ description: 'publish-subscribe example', publishers: 2 });
  console.log(`created room ${room}`);

  // The publisher joins and publishes audio and video from a generated source.
  const joined = await publisher.join({ ptype: 'publisher', room, display: 'camera' });
  const configured = await publisher.publish(
    { display: 'camera' },
    { audio: true, video: true, source: MediaSource.generated({ toneHz: 440 }) },
  );
  await waitForWebrtcUp(publisher);
  const published = configured.streams?.map((s) => `${s.type}/${s.codec}`).join(', ');
  console.log(`publisher ${joined.id} is up: ${published}`);

  // The subscriber asks for every stream of that publisher, then answers Janus's offer with `start`.
  const subscriber = await session.attach(VideoRoom);
  subscriber.on('unpublished', (event) => console.log(`publisher ${event.data.unpublished} unpublished`));
  await subscriber.join({ ptype: 'subscriber', room, streams: [{ feed: joined.id }] });
  await subscriber.start();
  await waitForWebrtcUp(subscriber);
  console.log('subscriber is up');

  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  for (const stream of subscriber.receivedPackets()) {
    console.log(`received ${stream.packets} ${stream.type} packets from publisher ${stream.feed_id}`);
  }
  const ok = subscriber.receivedPackets().every((stream) => stream.packets > 0);

  await publisher.unpublish();
  await subscriber.leave();
  await publisher.leave();
  await publisher.destroy({ room });
  await session.destroy();
  console.log(ok ? 'media got through' : 'no media got through');
  process.exitCode = ok ? 0 : 1;
} finally {
  await janus.close();
}
