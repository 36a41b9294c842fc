/**
 * Remote ICE candidates that Janus trickles before the handle has a peer (Janus offered; we have not
 * answered yet) are kept and applied to the peer once it exists, not dropped. Real Janus with
 * `full_trickle` (it sends its offer first and its candidates after), a VideoRoom subscriber that
 * answers only once the candidates have arrived. Runs inside the private network namespace of
 * `npm run test:media`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource, type TrickleCandidate } from '../../src/index.js';
import { JanusPeer } from '../../src/media/janus-peer.js';
import { VideoRoom, waitForWebrtcUp } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { requirePrivateNetns } from './support/net-guard.js';

describe('remote candidates that arrive before the peer (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  const room = 8200 + Math.floor(Math.random() * 1000);
  const applied: (TrickleCandidate | null)[] = [];
  const original = JanusPeer.prototype.addRemoteCandidates;

  beforeAll(async () => {
    requirePrivateNetns();
    // Records what reaches werift, then does the real work.
    JanusPeer.prototype.addRemoteCandidates = function (candidates) {
      applied.push(...candidates);
      return original.call(this, candidates);
    };
    server = await startJanus({
      plugins: ['videoroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0', full_trickle: true },
    });
    janus = await connect(server.wsUrl);
    const admin = await (await janus.createSession()).attach(VideoRoom);
    await admin.create({ room, publishers: 4 });
  });

  afterAll(async () => {
    JanusPeer.prototype.addRemoteCandidates = original;
    await janus?.close();
    await server?.stop();
  });

  it('a subscriber answering after Janus trickled gets those candidates on its peer', async () => {
    const pub = await (await janus.createSession()).attach(VideoRoom);
    const joined = await pub.join({ room, ptype: 'publisher', display: 'pub' });
    await pub.publish({}, { source: MediaSource.generated({ toneHz: 440 }), video: false });

    const sub = await (await janus.createSession()).attach(VideoRoom);
    const trickled: TrickleCandidate[] = [];
    sub.on('trickle', ({ candidate }) => {
      if (!('completed' in candidate)) trickled.push(candidate);
    });
    const completed = nextEvent(sub, 'trickle', ({ candidate }) => 'completed' in candidate, 10_000);
    await sub.join({ room, ptype: 'subscriber', streams: [{ feed: joined.id }] });
    // Janus has trickled all its candidates; no peer exists yet.
    await completed;
    expect(sub.peer).toBeUndefined();
    expect(trickled.length).toBeGreaterThan(0);

    await sub.start();
    await waitForWebrtcUp(sub);
    const appliedStrings = applied.filter((c) => c !== null).map((c) => c?.candidate);
    for (const candidate of trickled) expect(appliedStrings).toContain(candidate.candidate);
    await sub.detach();
    await pub.detach();
  });
});
