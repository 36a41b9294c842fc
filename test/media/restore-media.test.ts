/**
 * The restore test of issue 10, with media, over WebSocket and HTTP: process A (a child process) creates
 * a session with a VideoRoom handle joined to a room as a publisher, writes `janus.snapshot()` to a file
 * and is SIGKILLed. This process restores it with `connect(url, { restore })`; another participant then
 * publishes real audio and video, and the restored handle gets the room's `publishers` event for it and
 * answers a request as the participant process A joined as. Runs inside the private network namespace of
 * `npm run test:media` (Janus gathers no ICE candidates on loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource } from '../../src/index.js';
import { VideoRoom, type VideoRoomHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { startProcessA } from '../support/process-a.js';
import { requirePrivateNetns } from './support/net-guard.js';

const source = () =>
  MediaSource.generated({ toneHz: 440, video: { width: 160, height: 120, fps: 15, bitrateKbps: 150 } });

describe('restore in a new process, with a publisher (private namespace)', () => {
  let server: JanusServer;
  let owner: JanusClient;
  const room = 6200 + Math.floor(Math.random() * 1000);

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['videoroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
      reclaimSessionTimeoutS: 30,
    });
    owner = await connect(server.wsUrl);
    const admin = await (await owner.createSession()).attach(VideoRoom);
    await admin.create({ room, publishers: 8 });
  });

  afterAll(async () => {
    await owner?.close();
    await server?.stop();
  });

  it.each(['ws', 'http'] as const)(
    'over %s: the restored handle gets `publishers` and answers',
    async (kind) => {
      const url = kind === 'ws' ? server.wsUrl : server.httpUrl;
      const a = await startProcessA(url, room);
      await a.kill();
      const saved = a.snapshot.sessions[0];
      const handleId = saved?.handles[0]?.id as number;

      const janus = await connect(url, { restore: a.snapshot });
      try {
        expect(janus.restored?.claimed.map((session) => session.id)).toEqual([saved?.id]);
        const handle = janus.sessions[0]?.handle(handleId, VideoRoom) as VideoRoomHandle;

        // Another participant publishes real media: the room tells the restored participant.
        const pub = await (await owner.createSession()).attach(VideoRoom);
        const joined = await pub.join({ room, ptype: 'publisher', display: `publisher over ${kind}` });
        const publishers = nextEvent(
          handle,
          'publishers',
          (event) => event.data.publishers.some((p) => p.id === joined.id),
          20_000,
        );
        await pub.publish({}, { source: source() });
        const event = await publishers;
        const announced = event.data.publishers.find((p) => p.id === joined.id);
        expect(announced?.streams?.map((stream) => stream.type).sort()).toEqual(['audio', 'video']);

        // And it answers a request, as the participant process A joined as.
        await handle.configure({ display: `restored over ${kind}` });
        const { participants } = await handle.listParticipants({ room });
        expect(participants.find((p) => p.id === a.participantId)?.display).toBe(`restored over ${kind}`);
        await pub.detach();
      } finally {
        await janus.close();
      }
    },
  );
});
