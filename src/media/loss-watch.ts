/**
 * Asking for a key frame when received video lost a packet for good, as browsers do: werift 0.24.4 sends
 * NACKs for missing video packets but never a PLI, so one packet that no retransmission brings back breaks
 * every frame until the sender's next periodic key frame.
 * @module
 */
import type { MediaStreamTrack } from 'werift';
import { isVp8KeyframePayload } from './vp8-rtp.js';

/** How long a missing packet may stay missing (NACK and retransmission time) before a PLI. Default 40 ms (werift NACKs every 5 ms, up to 10 times). */
export const UNRECOVERED_AFTER_MS = 40;

/** At most one PLI per this many ms. Default 100 ms. */
export const PLI_INTERVAL_MS = 100;

/**
 * Watches a received video track's sequence numbers; when a packet is still missing
 * {@link UNRECOVERED_AFTER_MS} after a later one arrived, calls `requestKeyframe(ssrc)` (at most every
 * {@link PLI_INTERVAL_MS}) and forgets the gap; for VP8, asks again every {@link PLI_INTERVAL_MS} until
 * a key frame arrives (the request or the key frame may be lost too).
 *
 * @param track - a remote video track
 * @param requestKeyframe - sends the PLI (e.g. `receiver.sendRtcpPLI(ssrc)`)
 * @returns a function that stops watching
 */
export function requestKeyframeOnLoss(
  track: MediaStreamTrack,
  requestKeyframe: (mediaSsrc: number) => void,
): () => void {
  let highest: number | undefined;
  const missing = new Map<number, number>(); // extended seq → when noticed
  let lastPliAt = Number.NEGATIVE_INFINITY;
  let awaitingKeyframe = false;
  const vp8 = track.codec?.name.toLowerCase() === 'vp8';
  const { unSubscribe } = track.onReceiveRtp.subscribe((packet) => {
    const now = performance.now();
    const raw = packet.header.sequenceNumber;
    let seq = raw;
    if (highest !== undefined) {
      seq = highest - (highest & 0xffff) + raw;
      if (seq - highest > 0x8000) seq -= 0x10000;
      else if (highest - seq > 0x8000) seq += 0x10000;
    }
    if (highest === undefined || seq > highest) {
      // A jump of more than a second of video is a new stream or a restart, not loss.
      if (highest !== undefined && seq - highest <= 100) {
        for (let lost = highest + 1; lost < seq; lost++) missing.set(lost, now);
      }
      highest = seq;
    } else {
      missing.delete(seq);
    }
    if (awaitingKeyframe && isVp8KeyframePayload(packet.payload)) awaitingKeyframe = false;
    let ask = awaitingKeyframe;
    for (const [lost, since] of missing) {
      if (now - since < UNRECOVERED_AFTER_MS) break; // in insertion order: the rest are younger
      missing.delete(lost);
      ask = true;
    }
    if (ask && now - lastPliAt >= PLI_INTERVAL_MS) {
      lastPliAt = now;
      awaitingKeyframe = vp8;
      requestKeyframe(packet.header.ssrc);
    }
  });
  return unSubscribe;
}
