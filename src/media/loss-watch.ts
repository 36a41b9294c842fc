/**
 * Asking for a key frame when received video lost a packet for good, as browsers do: werift 0.24.4 sends
 * NACKs for missing video packets but never a PLI, so one packet that no retransmission brings back breaks
 * every frame until the sender's next periodic key frame.
 * @module
 */
import type { MediaStreamTrack } from 'werift';
import { isVp8KeyframePayload } from './vp8-rtp.js';

/**
 * How long a missing packet may stay missing before a PLI. Default 15 ms: werift NACKs every 5 ms and a
 * retransmission comes back from Janus in 1-5 ms here, so most losses are repaired within it; a key
 * frame asked for a packet that was about to be repaired costs bandwidth, a late one costs every frame
 * until it comes (the clip answers at once, so each ms of waiting is video that cannot be shown).
 */
export const UNRECOVERED_AFTER_MS = 15;

/**
 * At most one PLI per this many ms. Default 50 ms: a key frame comes back from Janus and the clip in
 * 2-20 ms here (`test/media/packet-loss.test.ts`), and a key frame that itself lost a packet for good
 * leaves the picture broken until the next request is allowed (at 30 fps, 1.5 frames at 50 ms, 3 at 100).
 */
export const PLI_INTERVAL_MS = 50;

/**
 * Watches a received video track's sequence numbers; when a packet is still missing
 * {@link UNRECOVERED_AFTER_MS} after a later one arrived (checked on a timer, not only when the next
 * packet comes), calls `requestKeyframe(ssrc)` (at most every {@link PLI_INTERVAL_MS}) and forgets the
 * gap (a request the interval holds back is sent when it allows); for VP8, asks again every
 * {@link PLI_INTERVAL_MS} until a key frame arrives (the request or the key frame may be lost too).
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
  let owed = false;
  let ssrc: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const vp8 = track.codec?.name.toLowerCase() === 'vp8';

  /** Asks for a key frame if a gap is overdue (or a key frame still awaited), and re-arms the timer. */
  const check = (now: number): void => {
    for (const [lost, since] of missing) {
      if (now - since < UNRECOVERED_AFTER_MS) break; // in insertion order: the rest are younger
      missing.delete(lost);
      // Owed until sent: a loss inside the key frame that answers the previous PLI must still be asked
      // for once the interval allows (forgetting it cost every frame up to the next periodic key frame).
      owed = true;
    }
    if ((owed || awaitingKeyframe) && now - lastPliAt >= PLI_INTERVAL_MS && ssrc !== undefined) {
      lastPliAt = now;
      owed = false;
      awaitingKeyframe = vp8;
      requestKeyframe(ssrc);
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    const oldest = missing.values().next();
    const dueAt = Math.min(
      oldest.done ? Number.POSITIVE_INFINITY : oldest.value + UNRECOVERED_AFTER_MS,
      owed || awaitingKeyframe ? lastPliAt + PLI_INTERVAL_MS : Number.POSITIVE_INFINITY,
    );
    if (dueAt !== Number.POSITIVE_INFINITY) {
      timer = setTimeout(() => check(performance.now()), Math.max(1, dueAt - now));
      timer.unref();
    }
  };

  const { unSubscribe } = track.onReceiveRtp.subscribe((packet) => {
    const now = performance.now();
    ssrc = packet.header.ssrc;
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
    check(now);
  });
  return () => {
    unSubscribe();
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
