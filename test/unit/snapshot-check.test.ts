/**
 * `connect(url, { restore })` refuses what it cannot restore with `INVALID_ARGUMENT` before anything is
 * sent; `session.handle(id, Descriptor)` checks the handle's type.
 */
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../src/client/snapshot.js';
import { JanusClient, type JanusSnapshot, VideoRoom } from '../../src/index.js';

/** A well-formed snapshot of one session (42) with one VideoRoom handle (7). */
function valid(): JanusSnapshot {
  return {
    format: 'janus-xstate.snapshot',
    version: 1,
    url: 'ws://127.0.0.1:1',
    transport: 'ws',
    takenAt: '2026-01-01T00:00:00.000Z',
    sessions: [
      {
        id: 42,
        machine: {
          status: 'active',
          value: { active: 'keptAlive' },
          context: { keepaliveMs: 27_000, sessionId: 42, recreate: false },
          historyValue: {},
        },
        handles: [
          {
            id: 7,
            plugin: 'janus.plugin.videoroom',
            machine: {
              status: 'active',
              value: { attached: 'inactive' },
              context: { sessionId: 42, plugin: 'janus.plugin.videoroom', handleId: 7 },
              historyValue: {},
            },
          },
        ],
      },
    ],
  };
}

type Mutation = [string, (snapshot: JanusSnapshot) => void];

const session = (s: JanusSnapshot) => s.sessions[0] as JanusSnapshot['sessions'][number];
const handle = (s: JanusSnapshot) =>
  session(s).handles[0] as JanusSnapshot['sessions'][number]['handles'][number];

const MUTATIONS: Mutation[] = [
  ['another format', (s) => Object.assign(s, { format: 'something-else' })],
  ['another version', (s) => Object.assign(s, { version: 2 })],
  ['no sessions array', (s) => Object.assign(s, { sessions: {} })],
  ['a session id that is not a server id', (s) => Object.assign(session(s), { id: -1 })],
  [
    'a session state the machine does not have',
    (s) => Object.assign(session(s).machine, { value: 'sleeping' }),
  ],
  ['a session that is not active', (s) => Object.assign(session(s).machine, { value: 'destroyed' })],
  [
    'a session context naming another id',
    (s) => Object.assign(session(s).machine.context, { sessionId: 43 }),
  ],
  ['a handle without plugin', (s) => Object.assign(handle(s), { plugin: '' })],
  ['a handle that is not attached', (s) => Object.assign(handle(s).machine, { value: 'attaching' })],
  [
    'a handle context naming another handle',
    (s) => Object.assign(handle(s).machine.context, { handleId: 8 }),
  ],
  ['a handle without context', (s) => Object.assign(handle(s).machine, { context: undefined })],
];

describe('restore input checks', () => {
  it('accepts a well-formed snapshot', () => {
    const client = new JanusClient('ws://127.0.0.1:1', { restore: valid(), reconnect: false });
    return client.close();
  });

  it('rebuilds a handle with the descriptor of its plugin, or as a generic handle when none is given', async () => {
    const typed = new JanusClient('ws://127.0.0.1:1', {
      restore: valid(),
      plugins: [VideoRoom],
      reconnect: false,
    });
    const generic = new JanusClient('ws://127.0.0.1:1', { restore: valid(), reconnect: false });
    try {
      const [typedSession] = typed.sessions;
      expect(typedSession?.id).toBe(42);
      expect(typedSession?.handle(7, VideoRoom).id).toBe(7);
      const [genericSession] = generic.sessions;
      expect(genericSession?.handle(7).plugin).toBe('janus.plugin.videoroom');
      expect(() => genericSession?.handle(7, VideoRoom)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
      expect(() => genericSession?.handle(8)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    } finally {
      await typed.close();
      await generic.close();
    }
  });

  it.each(MUTATIONS)('refuses %s with INVALID_ARGUMENT', (_what, mutate) => {
    const snapshot = valid();
    mutate(snapshot);
    expect(() => new JanusClient('ws://127.0.0.1:1', { restore: snapshot })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('takeSnapshot', () => {
  const cell = (value: unknown, context: Record<string, unknown>) => ({
    persisted: () => ({ value, context, historyValue: {} }),
  });

  it('keeps live sessions and attached handles only, as plain JSON without errors or credentials', () => {
    const snapshot = takeSnapshot({
      url: 'wss://user:secret@janus.test/ws',
      transport: 'ws',
      reclaimSessionTimeoutS: 30,
      sessions: [
        {
          id: 1,
          state: 'reclaiming',
          cell: cell('reclaiming', { sessionId: 1, keepaliveMs: 500, error: new Error('x') }),
          handles: [
            { id: 2, state: 'attached', plugin: 'p', cell: cell({ attached: 'active' }, { handleId: 2 }) },
            { id: 3, state: 'detaching', plugin: 'p', cell: cell('detaching', { handleId: 3 }) },
          ],
        },
        { id: 4, state: 'destroying', cell: cell('destroying', { sessionId: 4 }), handles: [] },
      ],
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.url).toBe('wss://janus.test/ws');
    expect(snapshot.sessions.map((s) => s.id)).toEqual([1]);
    // A claim in flight is written as the resting state it returns to.
    expect(snapshot.sessions[0]?.machine).toEqual({
      status: 'active',
      value: { active: 'keptAlive' },
      context: { sessionId: 1, keepaliveMs: 500 },
      historyValue: {},
    });
    expect(snapshot.sessions[0]?.handles.map((h) => h.id)).toEqual([2]);
  });
});
