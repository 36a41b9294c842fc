/**
 * Real media against a private Janus EchoTest. Needs the private network namespace:
 *   npm run test:media
 * Outside it, these tests fail at once (never skipped).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtpSource } from '../../src/media/generated-source.js';
import { RtpCounter } from '../../src/media/rtp-counter.js';
import { probeMedia, recordToWebm } from '../../src/media/webm-recorder.js';
import type { JanusServer } from '../../src/testing/index.js';
import { type EchoCall, startEchoCall } from './support/echotest-call.js';
import { startMediaJanus } from './support/media-janus.js';
import { failOutsidePrivateNetns, guardNetwork, type NetGuard } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

describe('werift ↔ Janus EchoTest (private namespace)', () => {
  let janus: JanusServer;
  let guard: NetGuard;
  let dir: string;
  const calls: EchoCall[] = [];

  beforeAll(async () => {
    if (!insideNetns) return;
    guard = guardNetwork();
    dir = await mkdtemp(join(tmpdir(), 'janus-xstate-echo-'));
    janus = await startMediaJanus();
  });

  afterAll(async () => {
    await Promise.all(calls.splice(0).map((call) => call.close()));
    await janus?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    guard?.restore();
    expect(guard?.violations ?? []).toEqual([]);
  });

  it('reaches webrtcup every time with the workarounds, never via the 1 s DTLS retransmission', async () => {
    const slow: number[] = [];
    const candidateAddresses = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const call = await startEchoCall({ wsUrl: janus.wsUrl, workarounds: {} });
      for (const sdp of [call.pc.localDescription?.sdp, call.pc.remoteDescription?.sdp]) {
        for (const match of (sdp ?? '').matchAll(/^a=candidate:\S+ \d+ \w+ \d+ (\S+) \d+ typ (\w+)/gm)) {
          candidateAddresses.add(`${match[1]} ${match[2]}`);
        }
      }
      await call.close();
      const { iceConnected, dtlsConnected, webrtcup } = call.marks;
      // Janus's ClientHello dropped by werift shows as ~1 s between ICE and DTLS connected.
      if (dtlsConnected - iceConnected > 500) slow.push(webrtcup);
    }
    expect(slow).toEqual([]);
    expect(guard.violations).toEqual([]);
    // Both sides gather on the namespace's veth only: werift's offer and Janus's answer.
    expect([...candidateAddresses]).toEqual([`${process.env.JANUS_XSTATE_NETNS_IP ?? '10.200.0.1'} host`]);
  });

  it('echoes ≥95% of the RTP per kind and records both streams to WebM', async () => {
    const call = await startEchoCall({ wsUrl: janus.wsUrl, workarounds: {} });
    calls.push(call);
    const source = await startRtpSource({ durationS: 4 });
    try {
      await source.ready();
      const sent = new RtpCounter();
      const echoed = new RtpCounter();
      const { audio, video } = call.remote;
      expect(audio?.codec?.name.toLowerCase()).toBe('opus');
      expect(video?.codec?.name.toLowerCase()).toBe('vp8');
      if (audio) echoed.watch('audio', audio);
      if (video) echoed.watch('video', video);
      const path = join(dir, 'echo.webm');
      const recording = recordToWebm(path, { audio, video }, { width: 320, height: 240 });
      source.onPacket((kind, packet) => sent.count(kind, packet));
      source.pipeTo(call.local);
      await source.exited;
      await sleep(500);
      await recording.stop();

      for (const kind of ['audio', 'video'] as const) {
        const out = sent.get(kind);
        const back = echoed.get(kind);
        expect(out.packets).toBeGreaterThan(kind === 'audio' ? 150 : 80);
        expect(back.distinct / out.packets).toBeGreaterThanOrEqual(0.95);
      }
      const probe = await probeMedia(path);
      expect(probe.streams.map((s) => `${s.kind}/${s.codec}`).sort()).toEqual(['audio/opus', 'video/vp8']);
      const sentS = sent.get('audio').timestampSpan / 48000;
      expect(Math.abs(probe.durationS - sentS) / sentS).toBeLessThan(0.1);
      const media = call.janus.events.filter((e) => e.janus === 'media' && e.receiving === true);
      expect(media.map((e) => e.type).sort()).toEqual(['audio', 'video']);
    } finally {
      await source.stop();
    }
  });

  it('echoes text and binary over a data channel', async () => {
    const call = await startEchoCall({ wsUrl: janus.wsUrl, workarounds: {}, dataChannel: true });
    calls.push(call);
    const channel = call.dataChannel;
    if (!channel) throw new Error('no data channel');
    if (channel.readyState !== 'open') {
      await new Promise<void>((resolve) => channel.stateChanged.subscribe((s) => s === 'open' && resolve()));
    }
    const received: (string | Buffer)[] = [];
    const two = new Promise<void>((resolve) =>
      channel.onMessage.subscribe((message) => {
        received.push(message);
        if (received.length === 2) resolve();
      }),
    );
    channel.send('hello from werift');
    channel.send(Buffer.from([0, 1, 2, 254, 255]));
    await two;
    expect(received).toContain('Janus EchoTest here! You wrote: hello from werift');
    expect(received.find((m) => Buffer.isBuffer(m))).toEqual(Buffer.from([0, 1, 2, 254, 255]));
  });
});
