/**
 * AudioBridge with real media: three participants send generated tones at different pitches and record
 * the mix they receive; ffmpeg `astats` checks each mix is not silent, that a muted participant's tone
 * leaves the others' mix, and that an announcement (`playFile`) reaches everyone. `changeroom` moves a
 * participant and `rtpForward` delivers the mix to a UDP socket. Runs inside the private network
 * namespace of `npm run test:media`.
 */
import { createSocket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource } from '../../src/index.js';
import { AudioBridge, type AudioBridgeHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { writeOpusTone } from '../support/opus-file.js';
import { rmsLevelDb } from './support/audio-level.js';
import { requirePrivateNetns } from './support/net-guard.js';
import { expectMediaStatsShape } from './support/stats-shape.js';

/** The tone each participant sends, and the announcement's. */
const TONES = [400, 1000, 2200] as const;
const ANNOUNCEMENT_HZ = 1500;
/** A mix is "not silent" above this RMS level (a generated tone mixed by Janus measures ~-20 dBFS). */
const SILENCE_FLOOR_DB = -50;
/** How far a tone's band must fall when its sender is muted (it measured ~60 dB here). */
const MUTED_DROP_DB = 20;

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Media seconds a participant has received so far: its position in its own recording. */
const position = (handle: AudioBridgeHandle): number => handle.stats().streams[0]?.mediaSecondsReceived ?? 0;

describe('AudioBridge with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let admin: AudioBridgeHandle;
  let dir: string;
  let announcement: string;
  const room = 6200 + Math.floor(Math.random() * 1000);
  const otherRoom = room + 5000;
  const participants: AudioBridgeHandle[] = [];
  const ids: (number | string)[] = [];
  const recordings: string[] = [];
  /** Per participant: media seconds at each step. */
  const marks: Record<'muted' | 'unmuted' | 'played' | 'end', number[]> = {
    muted: [],
    unmuted: [],
    played: [],
    end: [],
  };
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['audiobridge'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    admin = await (await janus.createSession()).attach(AudioBridge);
    await admin.create({ room, secret: 's', sampling_rate: 48000 });
    await admin.create({ room: otherRoom, sampling_rate: 48000 });
    dir = await mkdtemp(join(tmpdir(), 'janus-xstate-ab-'));
    announcement = await writeOpusTone('announcement', ANNOUNCEMENT_HZ, 3);
  });

  afterAll(async () => {
    console.log('audiobridge figures', JSON.stringify(figures));
    await janus?.close();
    await server?.stop();
  });

  it('three participants join with tones at different pitches; each receives a mix that is not silent', async () => {
    for (const [index, toneHz] of TONES.entries()) {
      const handle = await (await janus.createSession()).attach(AudioBridge);
      const recordTo = join(dir, `p${index}.webm`);
      const joined = await handle.join(
        { room, display: `P${index}` },
        { source: MediaSource.generated({ toneHz }), recordTo },
      );
      // join resolves once the media is up.
      expect(handle.webrtcActive).toBe(true);
      participants.push(handle);
      ids.push(joined.id);
      recordings.push(recordTo);
    }
    await until('the mix at every participant', () => participants.every((p) => position(p) > 3), 15_000);
    for (const handle of participants) expectMediaStatsShape(handle.stats());
    const listed = await admin.listParticipants({ room });
    expect(listed.participants.map((p) => p.display).sort()).toEqual(['P0', 'P1', 'P2']);
    expect(listed.participants.every((p) => p.setup)).toBe(true);
  });

  it('a muted participant leaves the mix; unmuted it comes back', async () => {
    const moderated = nextEvent(participants[0] as AudioBridgeHandle, 'participants');
    await admin.mute({ room, secret: 's', id: ids[2] as number });
    marks.muted = participants.map(position);
    expect((await moderated).data.participants[0]).toMatchObject({ id: ids[2], muted: true });
    await sleep(3000);
    await admin.unmute({ room, secret: 's', id: ids[2] as number });
    marks.unmuted = participants.map(position);
    await sleep(2000);
  });

  it('playFile plays an Opus file to every participant', async () => {
    const started = participants.map((p) => nextEvent(p, 'announcement-started'));
    const stopped = participants.map((p) => nextEvent(p, 'announcement-stopped', () => true, 10_000));
    const reply = await admin.playFile({ room, secret: 's', filename: announcement, file_id: 'tone' });
    marks.played = participants.map(position);
    expect(reply.file_id).toBe('tone');
    for (const event of await Promise.all(started)) expect(event.data.file_id).toBe('tone');
    for (const event of await Promise.all(stopped)) expect(event.data.file_id).toBe('tone');
    marks.end = participants.map(position);
    for (const handle of participants) await handle.closePeer();
  });

  it('the recordings: not silent, the muted tone absent while muted, the announcement present', async () => {
    interface Levels {
      whole: number;
      mutedToneBefore: number;
      mutedToneDuring: number;
      announcementBefore: number;
      announcementDuring: number;
    }
    const levels: Levels[] = [];
    for (const [index, path] of recordings.entries()) {
      const mutedAt = marks.muted[index] as number;
      const unmutedAt = marks.unmuted[index] as number;
      const playedAt = marks.played[index] as number;
      const whole = await rmsLevelDb(path);
      // 1 s before the mute, and the middle of the muted period (0.5 s margins for the mixer).
      const mutedToneBefore = await rmsLevelDb(path, { fromS: mutedAt - 1.5, durationS: 1, bandHz: 2200 });
      const mutedToneDuring = await rmsLevelDb(path, {
        fromS: mutedAt + 0.7,
        durationS: unmutedAt - mutedAt - 1.4,
        bandHz: 2200,
      });
      const announcementBefore = await rmsLevelDb(path, {
        fromS: mutedAt - 1.5,
        durationS: 1,
        bandHz: ANNOUNCEMENT_HZ,
      });
      const announcementDuring = await rmsLevelDb(path, {
        fromS: playedAt + 0.5,
        durationS: 1.5,
        bandHz: ANNOUNCEMENT_HZ,
      });
      levels.push({ whole, mutedToneBefore, mutedToneDuring, announcementBefore, announcementDuring });
    }
    // Printed (afterAll) whether or not the checks below pass.
    figures.levelsDb = levels;
    for (const [index, level] of levels.entries()) {
      const { whole, mutedToneBefore, mutedToneDuring, announcementBefore, announcementDuring } = level;
      expect(whole).toBeGreaterThan(SILENCE_FLOOR_DB);
      expect(announcementDuring).toBeGreaterThan(SILENCE_FLOOR_DB);
      expect(announcementDuring - announcementBefore).toBeGreaterThan(MUTED_DROP_DB);
      if (index !== 2) {
        // P2 does not hear its own tone: only the others check it.
        expect(mutedToneBefore).toBeGreaterThan(SILENCE_FLOOR_DB);
        expect(mutedToneBefore - mutedToneDuring).toBeGreaterThan(MUTED_DROP_DB);
      }
    }
  });

  it('changeroom moves a participant to another room', async () => {
    const mover = participants[1] as AudioBridgeHandle;
    const leaving = nextEvent(participants[0] as AudioBridgeHandle, 'leaving');
    const changed = await mover.changeroom({ room: otherRoom, display: 'moved' });
    expect(changed).toMatchObject({ audiobridge: 'roomchanged', room: otherRoom });
    expect((await leaving).data.leaving).toBe(ids[1]);
    expect((await admin.listParticipants({ room: otherRoom })).participants.map((p) => p.display)).toEqual([
      'moved',
    ]);
    expect((await admin.listParticipants({ room })).participants.map((p) => p.display).sort()).toEqual([
      'P0',
      'P2',
    ]);
  });

  it('rtpForward delivers the mix to a UDP socket until stopRtpForward', async () => {
    const socket = createSocket('udp4');
    let packets = 0;
    socket.on('message', () => {
      packets += 1;
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const forward = await admin.rtpForward({
      room,
      secret: 's',
      host: '127.0.0.1',
      port: socket.address().port,
      always_on: true,
    });
    await until('forwarded RTP', () => packets > 50);
    await admin.stopRtpForward({ room, secret: 's', stream_id: forward.stream_id });
    await sleep(300);
    const afterStop = packets;
    await sleep(1000);
    figures.forwardedPackets = afterStop;
    expect(packets - afterStop).toBe(0);
    socket.close();
  });
});
