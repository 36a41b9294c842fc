/**
 * (f) of the werift workarounds (see `werift-workarounds.ts`, which applies it): the NACKs a receiver
 * sends keep working across the sequence-number wrap, and stop costing a timer once nothing is missing.
 * @module
 */
import type { RTCPeerConnection } from 'werift';
import { WeriftInternalsError } from './werift-internals-error.js';

/**
 * How many of the most recent missing packets a gap marks as lost. Default 150: werift's own
 * `LOST_SIZE` (`packages/webrtc/src/media/receiver/nack.ts`), which its `pruneLost()` keeps anyway.
 */
export const NACK_MAX_LOST = 150;

/** How often a receiver with missing packets sends a NACK (werift's own interval). Default 5 ms. */
const NACK_INTERVAL_MS = 5;

/** werift `packages/webrtc/src/media/receiver/nack.ts` `NackHandler`: only what is used here. */
interface NackHandlerInternals {
  newEstSeqNum: number;
  _lost: Record<number, number>;
  nackLoop: ReturnType<typeof setInterval> | undefined;
  mediaSourceSsrc: number | undefined;
  closed: boolean;
  addPacket(packet: { header: { sequenceNumber: number; ssrc: number } }): void;
  setLost(seq: number, count: number): void;
  pruneLost(): void;
  sendNack(): Promise<unknown>;
}

/** werift `RTCRtpTransceiver` as far as this needs: the receiver's NACK handler. */
interface TransceiverInternals {
  receiver?: { nack?: NackHandlerInternals };
}

/** werift `RTCPeerConnection` as far as this needs. */
interface PeerConnectionInternals {
  getTransceivers(): readonly TransceiverInternals[];
  onTransceiverAdded: { subscribe(execute: (transceiver: TransceiverInternals) => void): unknown };
}

/** Live counters of {@link fixNackSequenceWrap} for one peer connection. */
export interface NackWrapStats {
  /** Receivers whose NACK handler is fixed. */
  readonly receivers: number;
  /** Packets marked missing (each is NACKed until it arrives or werift gives up on it). */
  readonly lost: number;
}

const fixedPeers = new WeakMap<object, NackWrapStats>();
const fixedHandlers = new WeakSet<object>();

/**
 * Forward distance from `from` to `to` on the 16-bit sequence-number circle: 1 for the next packet,
 * 0 for the same one, and above 0x8000 for a packet that is older than `from` (reordered or repeated).
 */
function forward(from: number, to: number): number {
  return (to - from) & 0xffff;
}

/**
 * (f) Makes each receiver's NACK handler wrap-safe, and stops its NACK timer when nothing is missing.
 *
 * Why: werift 0.24.4's `NackHandler.addPacket` compares sequence numbers as plain numbers
 * (`sequenceNumber > newEstSeqNum + 1`). When a video packet is lost at the wrap (65535 → 0), or a gap
 * spans it, the next packet is never "ahead", the estimate stops moving, and the receiver sends no NACK
 * for anything lost during the next 65,536 packets (about 20 minutes of video at 50 packets/s). Every
 * call long enough crosses the wrap; a loss at that moment costs NACK recovery until the next one.
 * Besides, its 5 ms NACK timer awaits a promise that `sendNack` never settles once the list is empty,
 * so after the first loss the timer runs for the rest of the call (200 wake-ups a second per receiver).
 *
 * What it touches: on every transceiver of `pc` (those there now and those added later, through
 * `onTransceiverAdded`), the receiver's `nack` handler gets its own `addPacket` and `setLost` (instance
 * properties that shadow the class's methods, so other peer connections keep stock werift). The new
 * `addPacket` measures the gap on the 16-bit circle, marks at most {@link NACK_MAX_LOST} packets lost,
 * and ignores older (reordered) packets as werift does. The new `setLost` keeps werift's 5 ms NACK
 * interval but clears it once no packet is missing or the handler is closed. werift's `sendNack`,
 * `updateRetryCount` (10 tries per packet) and `pruneLost` still do the rest.
 *
 * Drop it when: werift compares sequence numbers with `uint16Gt` in `NackHandler.addPacket` and clears
 * its NACK interval without awaiting `sendNack`. The control test in `test/unit/media/nack-wrap.test.ts`
 * ("stock werift stops NACKing after a loss at the wrap") starts failing when that happens.
 *
 * @param pc - a werift peer connection
 * @returns live counters for `pc`
 * @throws WeriftInternalsError if werift's NACK handler moved
 */
export function fixNackSequenceWrap(pc: RTCPeerConnection): NackWrapStats {
  const existing = fixedPeers.get(pc);
  if (existing) return existing;
  const peer = pc as unknown as PeerConnectionInternals;
  if (
    typeof peer.getTransceivers !== 'function' ||
    typeof peer.onTransceiverAdded?.subscribe !== 'function'
  ) {
    throw new WeriftInternalsError('RTCPeerConnection.getTransceivers / onTransceiverAdded');
  }
  const stats = { receivers: 0, lost: 0 };
  fixedPeers.set(pc, stats);
  const fix = (transceiver: TransceiverInternals): void => {
    const nack = transceiver.receiver?.nack;
    if (!nack || fixedHandlers.has(nack)) return;
    if (typeof nack.addPacket !== 'function' || typeof nack.sendNack !== 'function' || !('_lost' in nack)) {
      throw new WeriftInternalsError('RTCRtpReceiver.nack (NackHandler.addPacket / sendNack / _lost)');
    }
    fixedHandlers.add(nack);
    stats.receivers++;
    let started = false;
    nack.addPacket = (packet) => {
      const { sequenceNumber, ssrc } = packet.header;
      nack.mediaSourceSsrc = ssrc;
      if (!started) {
        started = true;
        nack.newEstSeqNum = sequenceNumber;
        return;
      }
      if (nack._lost[sequenceNumber] !== undefined) {
        delete nack._lost[sequenceNumber];
        return;
      }
      const ahead = forward(nack.newEstSeqNum, sequenceNumber);
      if (ahead === 0 || ahead >= 0x8000) return; // a repeat, or older than the estimate
      nack.newEstSeqNum = sequenceNumber;
      if (ahead > 1) {
        const missing = Math.min(ahead - 1, NACK_MAX_LOST);
        for (let back = missing; back >= 1; back--) {
          stats.lost++;
          nack.setLost((sequenceNumber - back) & 0xffff, 1);
        }
        nack.pruneLost();
      }
    };
    nack.setLost = (seq, count) => {
      nack._lost[seq] = count;
      if (nack.nackLoop || nack.closed) return;
      nack.nackLoop = setInterval(() => {
        let pending = false;
        for (const _ in nack._lost) {
          pending = true;
          break;
        }
        if (!pending || nack.closed) {
          clearInterval(nack.nackLoop);
          nack.nackLoop = undefined;
          return;
        }
        // werift's own sendNack: builds the NACK, counts the try, and gives up on a packet after 10.
        void nack.sendNack().catch(() => {});
      }, NACK_INTERVAL_MS);
    };
  };
  for (const transceiver of peer.getTransceivers()) fix(transceiver);
  peer.onTransceiverAdded.subscribe(fix);
  return stats;
}
