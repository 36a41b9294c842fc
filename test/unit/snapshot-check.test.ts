/**
 * `connect(url, { restore })` refuses what it cannot restore with `INVALID_ARGUMENT` before anything is
 * sent; `session.handle(id, Descriptor)` checks the handle's type.
 */
import { describe, expect, it } from 'vitest';
import { JanusClient, type JanusSnapshot } from '../../src/index.js';

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

  it.each(MUTATIONS)('refuses %s with INVALID_ARGUMENT', (_what, mutate) => {
    const snapshot = valid();
    mutate(snapshot);
    expect(() => new JanusClient('ws://127.0.0.1:1', { restore: snapshot })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
