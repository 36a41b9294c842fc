// A page driven by the Janus project's own janus.js (Debian libjs-janus-gateway 1.1.2), the way its
// VideoRoom demo uses it: publish the fake camera and microphone, or subscribe to a feed and play it.
// Each step is a function on `window` that the test calls; each resolves once the step is done.
/* global Janus, adapter */

/** The handles of this page, by role. */
const handles = {};

/** janus.js's callbacks as one promise: a session on `server`. */
function newSession(server) {
  return new Promise((resolve, reject) => {
    const janus = new Janus({
      server,
      success: () => resolve(janus),
      error: (e) => reject(new Error(String(e))),
    });
  });
}

/** Attaches `plugin` with `callbacks`; resolves with the handle. */
function attach(janus, plugin, callbacks) {
  return new Promise((resolve, reject) => {
    janus.attach({
      plugin,
      ...callbacks,
      success: resolve,
      error: (e) => reject(new Error(`attach: ${e}`)),
    });
  });
}

/** A promise settled by the first plugin message (or WebRTC state) a predicate accepts. */
function waiter() {
  const pending = [];
  return {
    feed(kind, value) {
      for (const entry of [...pending]) {
        if (entry.kind !== kind || !entry.accept(value)) continue;
        pending.splice(pending.indexOf(entry), 1);
        entry.resolve(value);
      }
    },
    wait(kind, accept, what, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const entry = { kind, accept, resolve };
        pending.push(entry);
        setTimeout(() => {
          if (pending.includes(entry)) reject(new Error(`janus.js page: no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
  };
}

/** Publishes the fake camera and microphone in `room` as `display`; resolves at webrtcup with the feed id. */
window.jjsPublish = async ({ server, room, display }) => {
  const janus = await newSession(server);
  const events = waiter();
  const handle = await attach(janus, 'janus.plugin.videoroom', {
    onmessage: (msg, jsep) => {
      events.feed('message', msg);
      if (jsep) handle.handleRemoteJsep({ jsep });
    },
    webrtcState: (on) => events.feed('webrtc', on),
  });
  handles.publisher = handle;
  const joining = events.wait('message', (m) => m.videoroom === 'joined', 'joined');
  handle.send({ message: { request: 'join', ptype: 'publisher', room, display } });
  const joined = await joining;
  const jsep = await new Promise((resolve, reject) =>
    handle.createOffer({
      tracks: [
        { type: 'audio', capture: true, recv: false },
        { type: 'video', capture: true, recv: false },
      ],
      success: resolve,
      error: (e) => reject(new Error(`createOffer: ${e}`)),
    }),
  );
  const up = events.wait('webrtc', (on) => on === true, 'webrtcup');
  const configured = events.wait('message', (m) => m.configured === 'ok', 'configured');
  handle.send({ message: { request: 'configure', audio: true, video: true }, jsep });
  await configured;
  await up;
  return { feed: joined.id, sessionId: janus.getSessionId(), handleId: handle.getId() };
};

/** Subscribes to `feed` in `room` and plays it; resolves at webrtcup. */
window.jjsSubscribe = async ({ server, room, feed }) => {
  const janus = await newSession(server);
  const events = waiter();
  const video = document.getElementById('remote');
  const remote = new MediaStream();
  const handle = await attach(janus, 'janus.plugin.videoroom', {
    onmessage: (msg, jsep) => {
      events.feed('message', msg);
      if (!jsep) return;
      handle.createAnswer({
        jsep,
        tracks: [{ type: 'data' }],
        success: (answer) => handle.send({ message: { request: 'start', room }, jsep: answer }),
        error: (e) => events.feed('error', e),
      });
    },
    onremotetrack: (track, _mid, on) => {
      if (!on) return;
      remote.addTrack(track);
      video.srcObject = remote;
    },
    webrtcState: (on) => events.feed('webrtc', on),
  });
  handles.subscriber = handle;
  const up = events.wait('webrtc', (on) => on === true, 'webrtcup');
  handle.send({ message: { request: 'join', ptype: 'subscriber', room, streams: [{ feed }] } });
  await up;
  return { sessionId: janus.getSessionId(), handleId: handle.getId() };
};

/** The inbound RTP totals of a role's PeerConnection, from `getStats()`. */
window.jjsInbound = async (role) => {
  const pc = handles[role]?.webrtcStuff?.pc;
  if (!pc) throw new Error(`janus.js page: no ${role} PeerConnection`);
  const totals = { audioPackets: 0, videoPackets: 0, framesDecoded: 0 };
  for (const report of (await pc.getStats()).values()) {
    if (report.type !== 'inbound-rtp') continue;
    if (report.kind === 'audio') totals.audioPackets += report.packetsReceived ?? 0;
    if (report.kind === 'video') {
      totals.videoPackets += report.packetsReceived ?? 0;
      totals.framesDecoded += report.framesDecoded ?? 0;
    }
  }
  return totals;
};

/** The outbound RTP totals of a role's PeerConnection, from `getStats()`. */
window.jjsOutbound = async (role) => {
  const pc = handles[role]?.webrtcStuff?.pc;
  if (!pc) throw new Error(`janus.js page: no ${role} PeerConnection`);
  const totals = { audioPackets: 0, videoPackets: 0 };
  for (const report of (await pc.getStats()).values()) {
    if (report.type !== 'outbound-rtp') continue;
    if (report.kind === 'audio') totals.audioPackets += report.packetsSent ?? 0;
    if (report.kind === 'video') totals.videoPackets += report.packetsSent ?? 0;
  }
  return totals;
};

Janus.init({
  debug: false,
  dependencies: Janus.useDefaultDependencies({ adapter }),
  callback: () => {
    window.janusJsVersion = Janus.VERSION ?? 'unknown';
    window.ready = true;
  },
});
