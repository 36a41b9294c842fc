import { connect, type InspectOption } from 'janus-xstate';

// Any function of XState inspection events works; so does createSkyInspector().inspect or
// createWebSocketInspector().inspect from @statelyai/inspect, to watch the actors live in Stately Inspector.
const inspect: InspectOption = (event) => {
  if (event.type !== '@xstate.snapshot') return;
  const { id } = event.actorRef as { id?: string }; // 'connection', 'keepalive', 'session-1', ...
  const { value } = event.snapshot as { value?: unknown };
  if (value !== undefined) console.log(`${id}: ${JSON.stringify(value)}`);
};

const janus = await connect(process.env.JANUS_URL ?? 'ws://127.0.0.1:8188', { inspect });
const session = await janus.createSession(); // its actor, and each handle's, is a child of janus.actor
await session.destroy();
await janus.close();
console.log(`connection actor: ${janus.actor.getSnapshot().status}`);
