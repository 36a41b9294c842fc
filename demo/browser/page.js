// The browser demo's page: joins the demo's VideoRoom with the camera and microphone through the browser
// build, shows the local video and every remote feed, and every actor's state live from `inspect`.
import { BrowserMediaSource, browserPeerOf, connect, VideoRoom } from 'janus-xstate/browser';

const statusLine = document.getElementById('status');
const setStatus = (text) => {
  statusLine.textContent = text;
};

// --- every actor's state, live, from the client's inspection stream --------------------------------------

/** Rows of the actor table, by actor session id. */
const actors = new Map();

/** The row of an actor, made when it first shows up: indented under its parent, named by its machine. */
function actorRow(ref) {
  let row = actors.get(ref.sessionId);
  if (!row) {
    const parent = actors.get(ref._parent?.sessionId);
    const depth = parent ? parent.depth + 1 : 0;
    const tr = document.createElement('tr');
    tr.innerHTML = '<td></td><td></td><td class="state"></td><td></td>';
    const [id, machine] = tr.children;
    id.textContent = `${'\u2003'.repeat(depth)}${ref.id}`;
    id.style.fontWeight = depth === 0 ? 'bold' : 'normal';
    // Machines have a state; invoked promise and callback actors only a status.
    machine.textContent = ref.logic?.root ? ref.logic.id : '(promise/callback)';
    // Children go right after their parent's last descendant.
    const after = parent ? lastDescendant(parent) : undefined;
    if (after) after.tr.after(tr);
    else document.getElementById('actors').append(tr);
    row = { tr, depth, parent, id: ref.id, machine: machine.textContent, state: '', transitions: 0 };
    actors.set(ref.sessionId, row);
  }
  return row;
}

function lastDescendant(row) {
  let last = row;
  for (const other of actors.values()) if (isUnder(other, row)) last = other;
  return last;
}

function isUnder(row, ancestor) {
  for (let at = row.parent; at; at = at.parent) if (at === ancestor) return true;
  return false;
}

function inspect(event) {
  if (event.type === '@xstate.actor') actorRow(event.actorRef);
  if (event.type !== '@xstate.snapshot') return;
  const row = actorRow(event.actorRef);
  const { value, status } = event.snapshot ?? {};
  const shown = value === undefined ? status : typeof value === 'string' ? value : JSON.stringify(value);
  const state = `${String(shown).replaceAll('"', '')}${value !== undefined && status !== 'active' ? ` (${status})` : ''}`;
  if (state === row.state) return;
  row.state = state;
  row.transitions += 1;
  const cells = row.tr.children;
  cells[2].textContent = state;
  cells[3].textContent = String(row.transitions);
}

// --- the room -------------------------------------------------------------------------------------------

/** The remote tracks of a subscriber, grouped by the publisher feeding them. */
function streamsByFeed(subscriber) {
  const pc = browserPeerOf(subscriber)?.pc;
  const byFeed = new Map();
  if (!pc) return byFeed;
  const feedOf = new Map(subscriber.receivedPackets().map((stream) => [stream.mid, stream.feed_id]));
  for (const transceiver of pc.getTransceivers()) {
    const feed = feedOf.get(transceiver.mid);
    if (feed === undefined || !transceiver.receiver.track) continue;
    if (!byFeed.has(feed)) byFeed.set(feed, new MediaStream());
    byFeed.get(feed).addTrack(transceiver.receiver.track);
  }
  return byFeed;
}

/** One <video> per remote feed. */
function showRemotes(subscriber, names) {
  const box = document.getElementById('remotes');
  for (const [feed, stream] of streamsByFeed(subscriber)) {
    let video = document.getElementById(`feed-${feed}`);
    if (!video) {
      const figure = document.createElement('figure');
      video = document.createElement('video');
      video.id = `feed-${feed}`;
      video.className = 'remote';
      video.autoplay = true;
      video.playsInline = true;
      video.muted = true;
      const caption = document.createElement('figcaption');
      caption.textContent = `Remote: ${names.get(feed) ?? `feed ${feed}`}`;
      figure.append(video, caption);
      box.append(figure);
    }
    video.srcObject = stream;
  }
}

async function main() {
  const config = await (await fetch('/config.json')).json();
  setStatus('Connecting...');
  const janus = await connect(config.wsUrl, { inspect });
  const session = await janus.createSession();

  setStatus('Publishing your camera...');
  const publisher = await session.attach(VideoRoom);
  const joined = await publisher.join({ ptype: 'publisher', room: config.room, display: 'Browser' });
  const camera = await navigator.mediaDevices.getUserMedia({
    audio: true,
    video: { width: 320, height: 240 },
  });
  document.getElementById('local').srcObject = camera;
  await publisher.publish(
    { display: 'Browser' },
    { audio: true, video: true, source: BrowserMediaSource.stream(camera) },
  );

  setStatus('Subscribing to the others...');
  const names = new Map(joined.publishers?.map((p) => [p.id, p.display]) ?? []);
  const feeds = [...names.keys()];
  const subscriber = await session.attach(VideoRoom);
  await subscriber.join({ ptype: 'subscriber', room: config.room, streams: feeds.map((feed) => ({ feed })) });
  await subscriber.start();
  showRemotes(subscriber, names);
  // A publisher that comes later (another tab) is added to the same subscription.
  publisher.on('event', async (event) => {
    for (const p of event.data.publishers ?? []) {
      names.set(p.id, p.display);
      await subscriber.subscribe({ streams: [{ feed: p.id }] });
      showRemotes(subscriber, names);
    }
  });
  setStatus(`In room ${config.room} as feed ${joined.id}: your camera and ${feeds.length} remote feed(s).`);
  window.demoReady = true;
}

/** For the demo's test: whether each remote <video> plays (its size and clock), and the actors seen. */
window.demoState = () => ({
  ready: window.demoReady === true,
  status: statusLine.textContent,
  remotes: [...document.querySelectorAll('video.remote')].map((video) => ({
    width: video.videoWidth,
    height: video.videoHeight,
    currentTime: video.currentTime,
  })),
  actors: [...actors.values()].map(({ id, machine, state, transitions }) => ({
    id,
    machine,
    state,
    transitions,
  })),
});

main().catch((error) => {
  setStatus(`Failed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error}`);
  console.error(error);
});
