/**
 * Snapshots that survive a client restart, against the real Janus over WebSocket and HTTP. Process A (a
 * child process) creates a session with a VideoRoom handle joined to a room, writes `janus.snapshot()` to
 * a file and is SIGKILLed; this process restores it with `connect(url, { restore })`:
 * - within the reclaim window the claim succeeds: same session and handle ids, the handle answers a
 *   request as the same participant, and receives the room's events (`joining`);
 * - once the server dropped the session, the claim is refused: the session is `lost`, or with
 *   `recreate: true` a new session with the handle re-attached.
 * (The `publishers` event needs a publisher with media: `test/media/restore-media.test.ts`.)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  connectAdmin,
  EchoTest,
  type JanusAdmin,
  VideoRoom,
  type VideoRoomHandle,
} from '../../src/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { startProcessA } from '../support/process-a.js';

const API_SECRET = 'restore-api-secret';
/** Short enough to wait out, long enough to restore within (a restore takes well under 1 s here). */
const RECLAIM_TIMEOUT_S = 4;
/** Over HTTP a session whose client died lives until this runs out. */
const SESSION_TIMEOUT_S = 6;

let server: JanusServer;
let admin: JanusAdmin;
let room: number;
let roomHandle: VideoRoomHandle;
let closeOwner: () => Promise<void>;

beforeAll(async () => {
  server = await startJanus({
    plugins: ['videoroom'],
    apiSecret: API_SECRET,
    reclaimSessionTimeoutS: RECLAIM_TIMEOUT_S,
    sessionTimeoutS: SESSION_TIMEOUT_S,
  });
  admin = await connectAdmin(server.adminWsUrl, { adminSecret: server.adminSecret });
  const owner = await connect(server.wsUrl, { apiSecret: API_SECRET });
  roomHandle = await (await owner.createSession()).attach(VideoRoom);
  room = 7000 + Math.floor(Math.random() * 1000);
  await roomHandle.create({ room, notify_joining: true, publishers: 10 });
  closeOwner = () => owner.close();
});

afterAll(async () => {
  await closeOwner?.();
  await admin?.close();
  await server?.stop();
});

/** How long the server may take to drop a session after its client died: 5x the ~8 s measured here. */
const DROP_DEADLINE_MS = 60_000;
/** Budget of a test that waits for a drop. */
const REFUSED_TEST_TIMEOUT_MS = DROP_DEADLINE_MS + 30_000;

/** Waits until the server no longer lists `sessionId` (its reclaim or session timeout ran out). */
async function untilServerDropped(sessionId: number): Promise<void> {
  const startedAt = Date.now();
  while ((await admin.listSessions()).sessions.includes(sessionId)) {
    if (Date.now() - startedAt > DROP_DEADLINE_MS)
      throw new Error(`the server still has session ${sessionId}`);
    await sleep(250);
  }
  console.log(
    `session ${sessionId} dropped by the server ${Date.now() - startedAt} ms after its client died`,
  );
}

describe.each(['ws', 'http'] as const)('restore over %s', (kind) => {
  const urlOf = () => (kind === 'ws' ? server.wsUrl : server.httpUrl);

  it('a new process claims the session: same ids, requests answered, events received', async () => {
    const a = await startProcessA(urlOf(), room, { apiSecret: API_SECRET });
    await a.kill();
    // Plain JSON without secrets.
    expect(a.text).not.toContain(API_SECRET);
    const [saved] = a.snapshot.sessions;
    const savedHandle = saved?.handles[0];
    expect(saved && savedHandle).toBeTruthy();
    expect(savedHandle?.plugin).toBe('janus.plugin.videoroom');
    // Versioned, typed by transport, with the machines' persisted states.
    expect(a.snapshot).toMatchObject({
      format: 'janus-xstate.snapshot',
      version: 1,
      transport: kind,
      reclaimSessionTimeoutS: RECLAIM_TIMEOUT_S,
    });
    expect(saved?.machine).toMatchObject({ status: 'active', value: { active: 'keptAlive' } });
    expect(savedHandle).toMatchObject({
      opaqueId: 'restore-test',
      machine: { status: 'active', value: { attached: 'inactive' }, context: { handleId: savedHandle?.id } },
    });

    const startedAt = performance.now();
    const janus = await connect(urlOf(), { apiSecret: API_SECRET, restore: a.snapshot });
    console.log(
      `restore over ${kind}: snapshot ${a.text.length} bytes (1 session, 1 handle); ` +
        `connect(url, { restore }) resolved in ${(performance.now() - startedAt).toFixed(1)} ms`,
    );
    try {
      expect(janus.restored?.claimed.map((s) => s.id)).toEqual([saved?.id]);
      expect(janus.restored?.lost).toEqual([]);
      const [session] = janus.sessions;
      expect(session?.id).toBe(saved?.id);
      expect(session?.state).toBe('active');
      const handle = session?.handle(savedHandle?.id as number, VideoRoom) as VideoRoomHandle;
      expect(handle.state).toBe('attached');
      // Rebuilt as a VideoRoom handle: asking for another type is refused.
      expect(() => session?.handle(handle.id, EchoTest)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );

      // Events of the room reach the restored handle.
      const joining = nextEvent(handle, 'joining', () => true, 10_000);
      const other = await connect(server.wsUrl, { apiSecret: API_SECRET });
      const guest = await (await other.createSession()).attach(VideoRoom);
      const guestJoined = await guest.join({ room, ptype: 'publisher', display: 'guest' });
      expect((await joining).data.joining.id).toBe(guestJoined.id);

      // Requests are answered, as the participant process A joined as.
      await handle.configure({ display: 'process B' });
      const { participants } = await handle.listParticipants({ room });
      expect(participants.find((p) => p.id === a.participantId)?.display).toBe('process B');

      await other.close();
    } finally {
      await janus.close();
    }
    // close() destroyed the restored session on the server.
    expect((await admin.listSessions()).sessions).not.toContain(saved?.id);
  });

  it(
    'a refused claim (the server dropped the session) leaves it lost',
    async () => {
      const a = await startProcessA(urlOf(), room, { apiSecret: API_SECRET });
      await a.kill();
      const sessionId = a.snapshot.sessions[0]?.id as number;
      await untilServerDropped(sessionId);
      const janus = await connect(urlOf(), { apiSecret: API_SECRET, restore: a.snapshot });
      try {
        expect(janus.restored?.claimed).toEqual([]);
        expect(janus.restored?.lost.map((entry) => [entry.sessionId, entry.error.code])).toEqual([
          [sessionId, 'SESSION_NOT_FOUND'],
        ]);
        expect(janus.sessions).toEqual([]);
      } finally {
        await janus.close();
      }
    },
    REFUSED_TEST_TIMEOUT_MS,
  );

  it(
    'a refused claim under recreate gives a new session with the handle re-attached',
    async () => {
      const a = await startProcessA(urlOf(), room, { apiSecret: API_SECRET });
      await a.kill();
      const saved = a.snapshot.sessions[0];
      const oldHandleId = saved?.handles[0]?.id as number;
      await untilServerDropped(saved?.id as number);
      const janus = await connect(urlOf(), { apiSecret: API_SECRET, restore: a.snapshot, recreate: true });
      try {
        const [session] = janus.restored?.recreated ?? [];
        expect(janus.restored?.lost).toEqual([]);
        expect(session?.id).not.toBe(saved?.id);
        expect((await admin.listSessions()).sessions).toContain(session?.id);
        const [handle] = session?.handles ?? [];
        expect(handle?.id).not.toBe(oldHandleId);
        const typed = session?.handle(handle?.id as number, VideoRoom) as VideoRoomHandle;
        // The new handle is known to the server: it answers (its room membership is gone).
        expect((await typed.exists({ room })).exists).toBe(true);
      } finally {
        await janus.close();
      }
    },
    REFUSED_TEST_TIMEOUT_MS,
  );

  it('with inspect on, the restored session and handle actors are reported in their restored states', async () => {
    const a = await startProcessA(urlOf(), room, { apiSecret: API_SECRET });
    await a.kill();
    const saved = a.snapshot.sessions[0];
    const seen: { id: string; value: unknown }[] = [];
    const janus = await connect(urlOf(), {
      apiSecret: API_SECRET,
      restore: a.snapshot,
      inspect: (event) => {
        if (event.type === '@xstate.snapshot') {
          const value = (event.snapshot as { value?: unknown }).value;
          seen.push({ id: (event.actorRef as { id?: string }).id ?? '', value });
        }
      },
    });
    try {
      const [session] = janus.sessions;
      const handle = session?.handle(saved?.handles[0]?.id as number, VideoRoom) as VideoRoomHandle;
      expect(session?.actor.getSnapshot().matches('active')).toBe(true);
      expect(handle.actor.getSnapshot().matches({ attached: 'inactive' })).toBe(true);
      // The inspector saw the restored session actor claim (reclaiming → active).
      const sessionValues = seen
        .filter((entry) => entry.id === session?.actor.id)
        .map((entry) => entry.value);
      expect(sessionValues).toContain('reclaiming');
      expect(sessionValues.at(-1)).toEqual({ active: 'keptAlive' });
    } finally {
      await janus.close();
    }
  });
});

describe('restore across transports', () => {
  it('a snapshot taken over WebSocket is claimed over HTTP: events arrive on the long-poll', async () => {
    const a = await startProcessA(server.wsUrl, room, { apiSecret: API_SECRET });
    await a.kill();
    expect(a.snapshot.transport).toBe('ws');
    const saved = a.snapshot.sessions[0];
    const janus = await connect(server.httpUrl, { apiSecret: API_SECRET, restore: a.snapshot });
    try {
      expect(janus.transportKind).toBe('http');
      expect(janus.restored?.claimed.map((session) => session.id)).toEqual([saved?.id]);
      const handle = janus.sessions[0]?.handle(saved?.handles[0]?.id as number, VideoRoom) as VideoRoomHandle;
      const joining = nextEvent(handle, 'joining', () => true, 10_000);
      const other = await connect(server.wsUrl, { apiSecret: API_SECRET });
      try {
        const guest = await (await other.createSession()).attach(VideoRoom);
        const guestJoined = await guest.join({ room, ptype: 'publisher', display: 'guest over ws' });
        expect((await joining).data.joining.id).toBe(guestJoined.id);
      } finally {
        await other.close();
      }
    } finally {
      await janus.close();
    }
  });
});
