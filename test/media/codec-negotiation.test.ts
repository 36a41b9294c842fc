/**
 * The one video codec a peer negotiates is the one its frames are in. Our offers name VP8 alone (the clip,
 * ffmpeg's output, receiving) or VP9 alone (a VP9 file played in process). Our answers keep, of what the
 * offer lists, only that codec when we send video, whatever the offer prefers, and fail with
 * `MEDIA_UNSUPPORTED` when it is missing; receiving only, VP9 is accepted too. The remote side is a plain
 * werift peer offering VP9 before VP8. Runs inside the private network namespace of `npm run test:media`
 * (the peers gather host candidates).
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RTCPeerConnection, useOPUS, useVP8, useVP9 } from 'werift';
import { JanusError, MediaSource } from '../../src/index.js';
import { JanusPeer } from '../../src/media/janus-peer.js';
import { requirePrivateNetns } from './support/net-guard.js';

const vp9File = fileURLToPath(new URL('../fixtures/media/vp9.ivf', import.meta.url));

/** The codec names of the video m-line's `a=rtpmap` lines, in order. */
function videoCodecs(sdp: string): string[] {
  const video = sdp.split(/^(?=m=)/m).find((section) => section.startsWith('m=video')) ?? '';
  return [...video.matchAll(/^a=rtpmap:\d+ ([\w-]+)\//gm)].map((match) => match[1] as string);
}

describe('video codec negotiation (private namespace)', () => {
  const closing: (() => Promise<unknown>)[] = [];

  beforeAll(() => {
    requirePrivateNetns();
  });

  afterEach(async () => {
    await Promise.all(closing.splice(0).map((close) => close()));
  });

  async function ourPeer(): Promise<JanusPeer> {
    const peer = await JanusPeer.create();
    closing.push(() => peer.close());
    return peer;
  }

  /** An offer from a werift peer that lists `video` in that order (sendrecv video, no audio). */
  async function remoteOffer(video: ReturnType<typeof useVP8>[]): Promise<{ type: 'offer'; sdp: string }> {
    const pc = new RTCPeerConnection({ codecs: { audio: [useOPUS()], video } });
    closing.push(() => pc.close());
    pc.addTransceiver('video', { direction: 'sendrecv' });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    return { type: 'offer', sdp: offer.sdp };
  }

  it('offers VP8 alone for the clip, and VP9 alone for a VP9 file', async () => {
    const clip = await ourPeer();
    clip.prepareOffer({ video: true });
    expect(videoCodecs((await clip.createOffer({ trickle: true })).sdp)).toEqual(['VP8']);
    const file = await ourPeer();
    file.prepareOffer({ video: true, source: MediaSource.file(vp9File) });
    expect(videoCodecs((await file.createOffer({ trickle: true })).sdp)).toEqual(['VP9']);
  });

  it('answers with the codec of its frames, not the one the offer prefers', async () => {
    const clip = await ourPeer();
    const clipAnswer = await clip.createAnswer(await remoteOffer([useVP9(), useVP8()]), { video: true });
    expect(videoCodecs(clipAnswer.sdp)).toEqual(['VP8']);
    const file = await ourPeer();
    const fileAnswer = await file.createAnswer(await remoteOffer([useVP8(), useVP9()]), {
      video: true,
      source: MediaSource.file(vp9File),
    });
    expect(videoCodecs(fileAnswer.sdp)).toEqual(['VP9']);
  });

  it('fails with MEDIA_UNSUPPORTED when the offer lacks the codec of its frames', async () => {
    const clip = await ourPeer();
    const error = await clip.createAnswer(await remoteOffer([useVP9()]), { video: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).code).toBe('MEDIA_UNSUPPORTED');
  });

  it('receiving only, accepts a VP9 offer', async () => {
    const peer = await ourPeer();
    const answer = await peer.createAnswer(await remoteOffer([useVP9()]), { video: 'recvonly' });
    expect(videoCodecs(answer.sdp)).toEqual(['VP9']);
  });
});
