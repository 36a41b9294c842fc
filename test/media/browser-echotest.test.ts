/**
 * The browser build in a real Chromium (Debian `chromium`, headless, driven by playwright-core): an
 * EchoTest call with Chromium's fake camera and microphone reaches `webrtcup`, more than 95 % of the audio
 * and video packets it sends come back (the handle's `stats()`, read from `getStats()`), and data channel
 * messages are echoed. Needs the private network namespace (Janus does no ICE on loopback):
 *   scripts/netns-run.sh npx vitest run --config vitest.media.config.ts test/media/browser-echotest.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, type BrowserPage, startBrowserHarness } from '../browser/harness.js';
import type { EchoCallResult } from '../browser/page-types.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();
/** Seconds of media. */
const SECONDS = 4;

describe('browser build: EchoTest in Chromium', () => {
  let harness: BrowserHarness;
  let page: BrowserPage;

  beforeAll(async () => {
    if (!insideNetns) return;
    harness = await startBrowserHarness({
      janus: { plugins: ['echotest'], extraNat: { ice_enforce_list: 'jpd0' } },
    });
    page = await harness.openPage('ours.html');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('fake camera and microphone: webrtcup, > 95 % of audio and video echoed, the data channel echoed', async () => {
    const texts = ['hello from chromium', 'ünïcödé ✓', 'third'];
    const result = await page.call<EchoCallResult>('echoCall', {
      url: harness.janus.wsUrl,
      seconds: SECONDS,
      texts,
    });
    const { first, stats, frames } = result;
    const whole = (kind: 'audio' | 'video') => `${stats[kind].packetsReceived}/${stats[kind].packetsSent}`;
    console.log(
      `figures: browser echotest whole call audio ${whole('audio')} video ${whole('video')}, frames ${frames.decoded}/${frames.encoded}`,
    );
    expect(result.webrtcupEvents).toBe(1);
    for (const kind of ['audio', 'video'] as const) {
      // From one second into the call to its end (see echo.js for why not from its first packet).
      const sent = stats[kind].packetsSent - first[kind].packetsSent;
      const echoed = stats[kind].packetsReceived - first[kind].packetsReceived;
      // Media really flowed for the whole call: Opus sends 50 packets a second; the fake camera's VP8 more.
      expect(sent, `${kind} packets sent`).toBeGreaterThan((SECONDS - 1) * 25);
      expect(echoed / sent, `${kind} echoed / sent`).toBeGreaterThan(0.95);
    }
    // The echoed video decodes: frames back over frames sent.
    expect(frames.decoded / frames.encoded).toBeGreaterThan(0.95);
    const kinds = result.stats.streams.map((stream) => stream.kind).sort();
    expect(kinds).toEqual(['audio', 'video']);
    // Janus's EchoTest sends each data channel message back; the order is kept.
    expect(result.echoed).toEqual(texts.map((text) => expect.stringContaining(text)));
    expect(page.errors).toEqual([]);
  });
});
