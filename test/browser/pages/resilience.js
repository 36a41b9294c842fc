// Resilience through the browser build: a session with a VideoRoom handle, on a link the test cuts.
import { connect, VideoRoom } from 'janus-xstate/browser';

let current;

/**
 * Connects to `url` (the test's fault proxy in front of Janus), creates a session, attaches VideoRoom and
 * joins `room` as a (silent) publisher named `display`. Counts what the client reports from then on.
 */
window.rsOpen = async ({ url, room, display }) => {
  const counts = { reconnecting: 0, reconnected: 0, reclaimed: 0, lost: 0, detached: 0 };
  const events = [];
  const janus = await connect(url, { requestTimeoutMs: 10_000 });
  janus.on('reconnecting', () => {
    counts.reconnecting += 1;
  });
  janus.on('reconnected', () => {
    counts.reconnected += 1;
  });
  const session = await janus.createSession();
  session.on('reclaimed', () => {
    counts.reclaimed += 1;
  });
  session.on('lost', () => {
    counts.lost += 1;
  });
  const handle = await session.attach(VideoRoom);
  handle.on('detached', () => {
    counts.detached += 1;
  });
  // Plugin events nobody asked for (someone joining the room), with the handle that got them.
  handle.on('event', (event) => events.push({ handleId: handle.id, data: event.data }));
  const joined = await handle.join({ ptype: 'publisher', room, display });
  current = { janus, session, handle, counts, events, room };
  return { sessionId: session.id, handleId: handle.id, participantId: joined.id };
};

/** What the client says now. */
window.rsState = () => {
  const { janus, session, handle, counts, events } = current;
  return {
    connection: janus.state,
    session: session.state,
    handle: handle.state,
    sessionId: session.id,
    handleId: handle.id,
    counts,
    events,
  };
};

/** A request on the same handle object: the room's participants, by display name. */
window.rsRequest = async () => {
  const { handle, room } = current;
  const reply = await handle.listParticipants({ room });
  return reply.participants.map((participant) => participant.display);
};

/** Closes the client. */
window.rsClose = () => current?.janus.close();
