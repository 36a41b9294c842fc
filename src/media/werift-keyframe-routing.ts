/**
 * (e) of the werift workarounds (see `werift-workarounds.ts`, which applies it): keyframe requests
 * reach the sender they are about.
 * @module
 */
import type { RTCPeerConnection } from 'werift';
import { WeriftInternalsError } from './werift-internals-error.js';

/** RTCP payload-specific feedback (RFC 4585). */
const PSFB = 206;
/** Feedback message types (FMT) of PSFB: picture loss indication, full intra request (RFC 5104). */
const FMT_PLI = 1;
const FMT_FIR = 4;

/** werift `packages/webrtc/src/media/router.ts` `RtpRouter`: only what is used here. */
interface RouterInternals {
  ssrcTable: Record<number, { type?: string; handleRtcpPacket(packet: unknown): void } | undefined>;
  routeRtcp: (packet: RtcpLike) => void;
}

/** A parsed werift RTCP packet, as far as the routing needs. */
interface RtcpLike {
  type: number;
  feedback?: { count?: number; mediaSsrc?: number; fir?: readonly { ssrc: number }[] };
}

/** Live counters of {@link routeKeyframeRequestsByMediaSsrc} for one peer connection. */
export interface KeyframeRoutingStats {
  /** PLI/FIR packets delivered to the sender named by their media SSRC (or FIR entry). */
  readonly delivered: number;
}

const routed = new WeakMap<object, KeyframeRoutingStats>();

/**
 * (e) Delivers keyframe requests (PLI, FIR) to the `RTCRtpSender` whose SSRC they name.
 *
 * Why: werift 0.24.4's `RtpRouter.routeRtcp` (`packages/webrtc/src/media/router.ts`) hands
 * payload-specific feedback to `ssrcTable[senderSsrc] || ssrcTable[mediaSsrc]`. In feedback that
 * Janus forwards (a VideoRoom subscriber's PLI, Janus's own PLI when a subscriber joins) the sender
 * SSRC is Janus's own, which werift has registered as a *receiver* (Janus sends us media with it),
 * so the request goes to the receiver and is ignored: the sender never counts it and nobody can
 * answer it (measured from outside: a subscribing browser waited 1.07-1.3 s for its first frame
 * after 6-7 PLIs, the publisher counted 0). FIR (RFC 5104) names its target in its FCI entries and
 * puts 0 in the media SSRC, so werift cannot route it at all.
 *
 * What it touches: replaces `router.routeRtcp` on this `RTCPeerConnection`'s router (an instance
 * arrow property that `findOrCreateTransport` calls through `this.router.routeRtcp(rtcp)` for every
 * RTCP packet). A PLI whose media SSRC, or a FIR whose entry SSRC, is one of our senders goes to
 * that sender's `handleRtcpPacket` (so `pliCount` and `onRtcp` see it); everything else goes to
 * werift's own routing.
 *
 * Drop it when: werift routes PSFB by media SSRC first (check `routeRtcp`'s `default:` branch).
 * The control test "stock werift hands Janus's PLI to the receiver" in
 * `test/media/werift-workarounds.test.ts` starts failing when that happens.
 *
 * @param pc - a werift peer connection
 * @returns live counters for `pc`
 * @throws WeriftInternalsError if werift's router moved
 */
export function routeKeyframeRequestsByMediaSsrc(pc: RTCPeerConnection): KeyframeRoutingStats {
  const existing = routed.get(pc);
  if (existing) return existing;
  const router = (pc as unknown as { router?: RouterInternals }).router;
  if (!router || typeof router.routeRtcp !== 'function' || typeof router.ssrcTable !== 'object') {
    throw new WeriftInternalsError('RTCPeerConnection.router.routeRtcp / ssrcTable');
  }
  const stats = { delivered: 0 };
  routed.set(pc, stats);
  const original = router.routeRtcp;
  router.routeRtcp = (packet) => {
    const feedback = packet.type === PSFB ? packet.feedback : undefined;
    const targets =
      feedback?.count === FMT_PLI
        ? [feedback.mediaSsrc]
        : feedback?.count === FMT_FIR
          ? (feedback.fir ?? []).map((entry) => entry.ssrc)
          : [];
    const senders = targets
      .map((ssrc) => (ssrc === undefined ? undefined : router.ssrcTable[ssrc]))
      .filter((entry) => entry?.type === 'sender');
    if (senders.length === 0) {
      original(packet);
      return;
    }
    for (const sender of new Set(senders)) {
      stats.delivered++;
      sender?.handleRtcpPacket(packet);
    }
  };
  return stats;
}
