/**
 * What the test pages' steps resolve with (`test/browser/pages/*.js`), for the tests that call them.
 * @module
 */
import type { MediaStats } from '../../src/index.js';

/** `echoCall`. */
export interface EchoCallResult {
  webrtcupEvents: number;
  /** `getStats()` one second into the call. */
  first: MediaStats;
  /** `getStats()` at the end, once sending stopped and the last echoes came back. */
  stats: MediaStats;
  /** Video frames encoded and decoded (native `getStats()`). */
  frames: { encoded: number; decoded: number };
  echoed: string[];
  sessionId: number;
  handleId: number;
}

/** RTP totals read from a native RTCPeerConnection's `getStats()`. */
export interface NativeTotals {
  audioIn: number;
  videoIn: number;
  framesDecoded: number;
  audioOut: number;
  videoOut: number;
}

/** `vrTotals`. */
export interface VideoRoomTotals {
  native: NativeTotals;
  stats: MediaStats;
}

/** `vrPlaying`: the page's remote <video>. */
export interface VideoPlaying {
  currentTime: number;
  width: number;
  height: number;
}

/** `jjsInbound` (janus.js page). */
export interface JanusJsInbound {
  audioPackets: number;
  videoPackets: number;
  framesDecoded: number;
}

/** `rsState`. */
export interface ResilienceState {
  connection: string;
  session: string;
  handle: string;
  sessionId: number;
  handleId: number;
  counts: { reconnecting: number; reconnected: number; reclaimed: number; lost: number; detached: number };
  events: { handleId: number; data: Record<string, unknown> }[];
}
