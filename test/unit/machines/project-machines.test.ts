/**
 * Model-based path tests of the project's machines: every declared transition must be taken by a
 * path replayed on a real actor. When a machine gains a transition, add the event that reaches it.
 */
import { connectionMachine, handleMachine, sessionMachine } from '../../../machines/index.js';
import type { ServerInfo } from '../../../src/protocol/messages.js';
import { afterEvent, describeMachinePaths, doneEvent, errorEvent } from '../../support/path-coverage.js';

const serverInfo = { janus: 'server_info', name: 'Janus WebRTC Server' } as ServerInfo;

describeMachinePaths('connection', connectionMachine, {
  input: { url: 'ws://janus.test', connectTimeoutMs: 1000, closeTimeoutMs: 500 },
  events: [
    { type: 'transport.open' },
    { type: 'transport.closed', error: new Error('socket closed') },
    { type: 'close' },
    { type: 'session.spawn', id: 'session-1', input: { keepaliveMs: 0 } },
    doneEvent('handshake', serverInfo),
    errorEvent('handshake', new Error('handshake failed')),
    errorEvent('transport', new Error('transport crashed')),
    doneEvent('drain'),
    errorEvent('drain', new Error('drain failed')),
  ],
});

describeMachinePaths('session', sessionMachine, {
  // keepaliveMs decides `active.choosing`: one input per branch.
  inputs: [{ keepaliveMs: 1000 }, { keepaliveMs: 0 }],
  // `idle` is the client's; here the keepalive timer event says whether the session was idle.
  provide: { guards: { idle: ({ event }) => (event as { idle?: boolean }).idle !== false } },
  events: [
    { type: 'destroy' },
    { type: 'janus.timeout' },
    { type: 'session.gone', error: new Error('gone') },
    { type: 'handle.spawn', id: 'handle-1', input: { sessionId: 42, plugin: 'janus.plugin.echotest' } },
    doneEvent('create', { sessionId: 42 }),
    errorEvent('create', new Error('create failed')),
    doneEvent('keepalive'),
    errorEvent('keepalive', Object.assign(new Error('No such session'), { janusCode: 458 })),
    errorEvent('keepalive', new Error('network down')),
    doneEvent('destroy'),
    errorEvent('destroy', new Error('destroy failed')),
    afterEvent('keepaliveInterval', 'session.active.waiting'),
    afterEvent('keepaliveInterval', 'session.active.waiting', { idle: false }),
  ],
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
