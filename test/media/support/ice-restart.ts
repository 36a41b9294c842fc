/**
 * What proves an ICE restart happened, as opposed to a plain renegotiation: new ICE credentials on both
 * sides, and ICE itself leaving and regaining `connected` (its checks ran again).
 * @module
 */
import { expect } from 'vitest';
import type { RTCPeerConnection } from 'werift';

/** The ICE credentials of one SDP (one pair per media section, or one at session level). */
export interface IceCredentials {
  /** Every `a=ice-ufrag` value. */
  ufrags: string[];
  /** Every `a=ice-pwd` value. */
  pwds: string[];
}

/** Reads the ICE credentials of `sdp`. */
export function iceCredentials(sdp: string | undefined): IceCredentials {
  const all = (name: string) =>
    [...(sdp ?? '').matchAll(new RegExp(`^a=${name}:(\\S+)`, 'gm'))].map((m) => m[1] as string);
  return { ufrags: all('ice-ufrag'), pwds: all('ice-pwd') };
}

/** The local and remote credentials of `pc` now. */
export function bothCredentials(pc: RTCPeerConnection): { local: IceCredentials; remote: IceCredentials } {
  return {
    local: iceCredentials(pc.localDescription?.sdp),
    remote: iceCredentials(pc.remoteDescription?.sdp),
  };
}

/** Records every state of every ICE transport of `pc` from now on. */
export function watchIceStates(pc: RTCPeerConnection): { states: string[]; stop(): void } {
  const states: string[] = [];
  const transports = (pc as unknown as { dtlsTransports: { iceTransport: IceTransportLike }[] })
    .dtlsTransports;
  const subscriptions = transports.map((dtls) =>
    dtls.iceTransport.onStateChange.subscribe((state: string) => states.push(state)),
  );
  return {
    states,
    stop: () => {
      for (const subscription of subscriptions) subscription.unSubscribe();
    },
  };
}

interface IceTransportLike {
  state: string;
  onStateChange: { subscribe(listener: (state: string) => void): { unSubscribe(): void } };
}

/** The state of the first ICE transport of `pc`. */
export function iceState(pc: RTCPeerConnection): string | undefined {
  return (pc as unknown as { dtlsTransports: { iceTransport: IceTransportLike }[] }).dtlsTransports[0]
    ?.iceTransport.state;
}

/**
 * Asserts that a restart happened between `before` and now: every ufrag and pwd, local and remote, is
 * new; and the ICE states seen since `before` left `connected` and came back to it.
 */
export function expectIceRestarted(
  pc: RTCPeerConnection,
  before: { local: IceCredentials; remote: IceCredentials },
  states: readonly string[],
): void {
  const after = bothCredentials(pc);
  for (const side of ['local', 'remote'] as const) {
    for (const key of ['ufrags', 'pwds'] as const) {
      expect(before[side][key].length, `${side} ${key} before`).toBeGreaterThan(0);
      expect(after[side][key].length, `${side} ${key} after`).toBeGreaterThan(0);
      for (const value of after[side][key]) expect(before[side][key], `${side} ${key}`).not.toContain(value);
    }
  }
  const left = states.findIndex((state) => state !== 'connected' && state !== 'completed');
  expect(left, `ICE never left 'connected' (states: ${states.join(', ')})`).toBeGreaterThanOrEqual(0);
  expect(states.slice(left + 1), `ICE did not regain 'connected' (states: ${states.join(', ')})`).toContain(
    'connected',
  );
}

/** Polls `condition` every 20 ms until it holds; fails after `timeoutMs` (default 10 s). */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
