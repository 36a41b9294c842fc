/**
 * A bot whose own statechart embeds the Janus connection: its machine invokes `fromJanus(url)`, sends
 * it commands as events (create a session, attach EchoTest, offer media, hang up) and moves on the
 * events the connection reports back (`janus.session.up`, `janus.handle.up`, `janus.webrtcup`,
 * `janus.media`, `janus.handle.hangup`). When the machine reaches its final state the invoked connection
 * stops with it: the connection closes and the process exits by itself.
 *
 *   JANUS_WS_URL=ws://10.0.0.5:8188 npx tsx examples/embedded-bot.ts
 *
 * The server must reach this machine over a non-loopback address (Janus does no ICE on loopback).
 * It imports `janus-xstate` as an application would.
 */

import { fromJanus, type JanusReport } from 'janus-xstate';
import { assign, createActor, sendTo, setup } from 'xstate';

const url = process.env.JANUS_WS_URL;
if (!url) {
  console.error('set JANUS_WS_URL, e.g. JANUS_WS_URL=ws://127.0.0.1:8188 npx tsx examples/embedded-bot.ts');
  process.exit(2);
}
const echoMs = Number(process.env.ECHO_MS ?? 3000);

const bot = setup({
  types: {
    context: {} as { sessionId: number; handleId: number; echoed: string[]; error?: string },
    events: {} as JanusReport,
  },
  actors: { janus: fromJanus(url) },
  delays: { echo: echoMs },
}).createMachine({
  id: 'bot',
  context: { sessionId: 0, handleId: 0, echoed: [] },
  invoke: { id: 'janus', src: 'janus' },
  initial: 'connecting',
  on: {
    'janus.error': {
      target: '.failed',
      actions: assign({ error: ({ event }) => `${event.code}: ${event.message}` }),
    },
    'janus.disconnected': { target: '.failed', actions: assign({ error: ({ event }) => event.message }) },
    // Janus says it receives our media (the EchoTest plugin sends it back to us).
    'janus.media': {
      actions: assign({
        echoed: ({ context, event }) =>
          event.receiving && !context.echoed.includes(event.kind)
            ? [...context.echoed, event.kind]
            : context.echoed,
      }),
    },
  },
  states: {
    connecting: {
      on: {
        'janus.connected': {
          target: 'creating',
          actions: sendTo('janus', { type: 'janus.session.create' }),
        },
      },
    },
    creating: {
      on: {
        'janus.session.up': {
          target: 'attaching',
          actions: [
            assign({ sessionId: ({ event }) => event.sessionId }),
            sendTo('janus', ({ event }) => ({
              type: 'janus.attach',
              sessionId: event.sessionId,
              plugin: 'janus.plugin.echotest',
            })),
          ],
        },
      },
    },
    attaching: {
      on: {
        'janus.handle.up': {
          target: 'calling',
          actions: [
            assign({ handleId: ({ event }) => event.handleId }),
            sendTo('janus', ({ event }) => ({
              type: 'janus.offer',
              handleId: event.handleId,
              body: { audio: true, video: true },
              media: { audio: true, video: true },
            })),
          ],
        },
      },
    },
    calling: {
      on: { 'janus.webrtcup': { target: 'echoing' } },
    },
    echoing: {
      entry: () => console.log('webrtcup'),
      after: {
        echo: {
          target: 'hangingUp',
          actions: sendTo('janus', ({ context }) => ({ type: 'janus.hangup', handleId: context.handleId })),
        },
      },
    },
    hangingUp: {
      on: { 'janus.handle.hangup': { target: 'done' } },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

const actor = createActor(bot);
actor.subscribe((snapshot) => {
  if (snapshot.status !== 'done') return;
  const { echoed, error } = snapshot.context;
  if (snapshot.matches('done'))
    console.log(`done: media received by Janus: ${[...echoed].sort().join(', ') || 'none'}`);
  else console.error(`failed: ${error}`);
  process.exitCode = snapshot.matches('done') && echoed.length > 0 ? 0 : 1;
});
actor.start();
