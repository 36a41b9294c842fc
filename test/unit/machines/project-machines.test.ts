/**
 * Model-based path tests of the project's machines: every declared transition must be taken by a
 * path replayed on a real actor. When a machine gains a transition, add the event that reaches it.
 */
import {
  connectionMachine,
  handleMachine,
  keepaliveMachine,
  sessionMachine,
} from '../../../machines/index.js';
import type { ServerInfo } from '../../../src/protocol/messages.js';
import { afterEvent, describeMachinePaths, doneEvent, errorEvent } from '../../support/path-coverage.js';

/** The keepalive the connection's scheduler sent for the session failed with `error`. */
const keepaliveFailed = (error: unknown) => ({ type: 'keepalive.failed' as const, error });

const serverInfo = { janus: 'server_info', name: 'Janus WebRTC Server' } as ServerInfo;

/** No events once the machine is done: a real actor ignores them, the pure model would not. */
function whileActive<TEvent>(events: readonly TEvent[]) {
  return (snapshot: { status: string }): readonly TEvent[] => (snapshot.status === 'active' ? events : []);
}

describeMachinePaths('connection', connectionMachine, {
  // `reconnect` decides what a loss leads to: one input per branch.
  inputs: [
    { url: 'ws://janus.test', connectTimeoutMs: 1000, closeTimeoutMs: 500 },
    {
      url: 'ws://janus.test',
      urls: ['ws://janus.test', 'ws://other.test'],
      reconnect: true,
      connectTimeoutMs: 1000,
      closeTimeoutMs: 500,
    },
  ],
  events: whileActive([
    { type: 'transport.open' },
    { type: 'transport.closed', error: new Error('socket closed') },
    { type: 'link.dead', error: new Error('keepalive timed out') },
    { type: 'close' },
    { type: 'session.spawn', id: 'session-1', input: { keepaliveMs: 0 } },
    { ...doneEvent('session-1'), actorId: 'session-1' },
    doneEvent('handshake', serverInfo),
    errorEvent('handshake', new Error('handshake failed')),
    errorEvent('transport', new Error('transport crashed')),
    doneEvent('reclaim'),
    errorEvent('reclaim', new Error('claims failed')),
    doneEvent('reconnect', { gaveUp: false, attempt: 1, delayMs: 0 }),
    doneEvent('reconnect', { gaveUp: true, attempt: 9, delayMs: 0 }),
    errorEvent('reconnect', new Error('reconnect crashed')),
    doneEvent('drain'),
    errorEvent('drain', new Error('drain failed')),
    afterEvent('connectTimeout', 'connection.running.connecting'),
  ]),
  // The attempt counter and URL index grow with every lap: abstract them so exploring terminates.
  serializeState: (snapshot) =>
    JSON.stringify({
      value: snapshot.value,
      status: snapshot.status,
      everOpen: snapshot.context.everOpen,
      reconnect: snapshot.context.reconnect,
      attempt: Math.min(snapshot.context.attempt, 2),
      children: Object.keys(snapshot.children).sort(),
    }),
});

describeMachinePaths('session', sessionMachine, {
  // keepaliveMs decides `active.choosing`: one input per branch.
  // `recreate` decides what a lost session leads to.
  inputs: [{ keepaliveMs: 1000 }, { keepaliveMs: 0 }, { keepaliveMs: 1000, recreate: true }],
  serializeState: (snapshot) =>
    JSON.stringify({
      value: snapshot.value,
      status: snapshot.status,
      context: {
        ...snapshot.context,
        error: snapshot.context.error ? String(snapshot.context.error) : undefined,
      },
      children: Object.keys(snapshot.children).sort(),
    }),
  events: whileActive([
    { type: 'destroy' },
    { type: 'janus.timeout' },
    { type: 'session.gone', error: Object.assign(new Error('No such session'), { janusCode: 458 }) },
    { type: 'session.reclaim' },
    { type: 'handle.spawn', id: 'handle-1', input: { sessionId: 42, plugin: 'janus.plugin.echotest' } },
    { ...doneEvent('handle-1'), actorId: 'handle-1' },
    doneEvent('claim'),
    errorEvent('claim', Object.assign(new Error('No such session'), { janusCode: 458 })),
    errorEvent('claim', new Error('the link went again')),
    doneEvent('recreate', { sessionId: 43 }),
    errorEvent('recreate', new Error('could not re-create')),
    keepaliveFailed(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })),
    doneEvent('create', { sessionId: 42 }),
    errorEvent('create', new Error('create failed')),
    keepaliveFailed(Object.assign(new Error('No such session'), { janusCode: 458 })),
    keepaliveFailed(new Error('network down')),
    doneEvent('destroy'),
    errorEvent('destroy', new Error('destroy failed')),
  ]),
});

describeMachinePaths('handle', handleMachine, {
  input: { sessionId: 42, plugin: 'janus.plugin.echotest' },
  events: [
    { type: 'detach' },
    { type: 'janus.webrtcup' },
    { type: 'janus.hangup' },
    { type: 'janus.ice-failed' },
    { type: 'janus.detached' },
    { type: 'jsep.start', peerKey: 'peer-1' },
    { type: 'jsep.stop' },
    doneEvent('attach', { handleId: 7 }),
    errorEvent('attach', new Error('attach failed')),
    doneEvent('detach'),
    errorEvent('detach', new Error('detach failed')),
  ],
});

describeMachinePaths('keepalive', keepaliveMachine, {
  input: { tickMs: 5_000 },
  events: [afterEvent('tick', 'keepalive.ticking')],
});
