/**
 * Model-based path tests of the project's machines: every declared transition must be taken by a
 * path replayed on a real actor. When a machine gains a transition, add the event that reaches it.
 * These check that the model is consistent; `test/paths/` plays the same generated paths on the real
 * client and checks, at each step, what the client must do (which is what makes a wrong target fail).
 */
import { handleMachine, keepaliveMachine } from '../../../machines/index.js';
import { afterEvent, describeMachinePaths } from '../../support/path-coverage.js';

// The connection and session machines: test/unit/reconnect-paths.test.ts.

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
    { type: 'handle.reattached', sessionId: 43, handleId: 8 },
    { type: 'attach.done', handleId: 7 },
    { type: 'attach.failed', error: new Error('attach failed') },
    { type: 'detach.done' },
    { type: 'detach.failed', error: new Error('detach failed') },
  ],
});

describeMachinePaths('keepalive', keepaliveMachine, {
  input: { tickMs: 5_000 },
  events: [afterEvent('tick', 'keepalive.ticking')],
});
