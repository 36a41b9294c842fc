/**
 * Model-based path tests, with a transition-coverage assertion, of the machines that reconnect: the
 * reconnect machine, and the connection and session machines with their reconnect, claim and recreate
 * transitions. A transition no generated path takes fails `covers every transition`.
 */
import { connectionMachine } from '../../machines/connection.machine.js';
import { reconnectMachine } from '../../machines/reconnect.machine.js';
import { sessionMachine } from '../../machines/session.machine.js';
import { JanusError } from '../../src/errors.js';
import type { ServerInfo } from '../../src/protocol/messages.js';
import { afterEvent, describeMachinePaths, doneEvent, errorEvent } from '../support/path-coverage.js';

/** The keepalive the connection's scheduler sent for the session failed with `error`. */
const keepaliveFailed = (error: unknown) => ({ type: 'keepalive.failed' as const, error });

const serverInfo = { janus: 'server_info', name: 'Janus WebRTC Server' } as ServerInfo;
const notFound = new JanusError('SESSION_NOT_FOUND', 'No such session (458)', { janusCode: 458 });
const timedOut = new JanusError('TIMEOUT', "'keepalive' request timed out after 10 ms");

describeMachinePaths('reconnect', reconnectMachine, {
  input: { attempt: 1, lastError: undefined },
  events: [
    doneEvent('schedule', 100),
    doneEvent('schedule', null),
    errorEvent('schedule', new Error('policy threw')),
    afterEvent('retryDelay', 'reconnect.waiting'),
  ],
});

/** No events once the machine is done: a real actor ignores them, the pure model would not. */
function whileActive<TEvent>(events: readonly TEvent[]) {
  return (snapshot: { status: string }): readonly TEvent[] => (snapshot.status === 'active' ? events : []);
}

describeMachinePaths('connection (reconnect)', connectionMachine, {
  inputs: [
    {
      url: 'ws://a.test',
      urls: ['ws://a.test', 'ws://b.test'],
      reconnect: true,
      connectTimeoutMs: 1000,
      closeTimeoutMs: 500,
    },
    { url: 'ws://a.test', connectTimeoutMs: 1000, closeTimeoutMs: 500 },
  ],
  events: whileActive([
    { type: 'transport.open' },
    { type: 'transport.closed', error: new Error('socket closed') },
    { type: 'link.dead', error: timedOut },
    { type: 'close' },
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
  // The URL index and attempt counter grow with every lap: abstract them so exploring terminates.
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

describeMachinePaths('session (reclaim and recreate)', sessionMachine, {
  inputs: [{ keepaliveMs: 1000 }, { keepaliveMs: 0 }, { keepaliveMs: 1000, recreate: true }],
  // Children are part of the state here: a handle that ended must be removed from them.
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
    { type: 'session.gone', error: notFound },
    { type: 'session.reclaim' },
    { type: 'create.done', sessionId: 42 },
    { type: 'create.failed', error: new Error('create failed') },
    keepaliveFailed(notFound),
    keepaliveFailed(timedOut),
    keepaliveFailed(new Error('network down')),
    { type: 'claim.done' },
    { type: 'claim.failed', error: notFound },
    { type: 'claim.failed', error: new JanusError('DISCONNECTED', 'the link went again') },
    doneEvent('recreate', { sessionId: 43 }),
    errorEvent('recreate', new Error('could not re-create')),
    { type: 'destroy.done' },
    { type: 'destroy.failed', error: new Error('destroy failed') },
  ]),
});
