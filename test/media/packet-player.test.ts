/**
 * The shipped clip and the in-process player: the clip is small and loops exactly; playing it gives
 * continuous sequence numbers and timestamps across the loop point, and a keyframe request moves the
 * video to the next key frame. No network: kept with the media tests (namespace required like the rest).
 */
import { statSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RtpPacket } from 'werift';
import { assetPath, CLIP_VIDEO, loadClip } from '../../src/media/clip.js';
import { Pacer } from '../../src/media/pacer.js';
import { playPacketised } from '../../src/media/packet-player.js';
import type { PacketisedMedia, PacketSource } from '../../src/media/packet-source.js';
import { isVp8Keyframe } from '../../src/media/vp8-rtp.js';
import { requirePrivateNetns } from './support/net-guard.js';

const sources: PacketSource[] = [];
beforeAll(() => requirePrivateNetns());
afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.stop()));
});

/** Waits until `count` packets of `kind` were emitted. */
function collect(source: PacketSource, kind: 'audio' | 'video', count: number): Promise<RtpPacket[]> {
  return new Promise((resolve) => {
    const packets: RtpPacket[] = [];
    const off = source.onPacket((k, packet) => {
      if (k !== kind) return;
      packets.push(packet);
      if (packets.length === count) {
        off();
        resolve(packets);
      }
    });
  });
}

describe('the shipped clip', () => {
  it('is at most 300 KB, 4 s of 320×240 VP8 at 30 fps with a key frame every 15 frames, and 4 s of Opus', () => {
    const bytes = statSync(assetPath('clip.ivf')).size + statSync(assetPath('clip.opus')).size;
    expect(bytes).toBeLessThanOrEqual(300 * 1024);
    const clip = loadClip();
    expect(clip.video).toMatchObject({ codec: 'VP8', width: CLIP_VIDEO.width, height: CLIP_VIDEO.height });
    const frames = clip.video?.frames ?? [];
    expect(frames.length).toBe(120);
    expect(frames.every((frame) => frame.durationTicks === 3000)).toBe(true);
    expect(frames.flatMap((frame, i) => (frame.keyframe ? [i] : []))).toEqual([
      0, 15, 30, 45, 60, 75, 90, 105,
    ]);
    const audioTicks = (clip.audio?.frames ?? []).reduce((sum, frame) => sum + frame.durationTicks, 0);
    expect(audioTicks).toBe(4 * 48_000); // the same length as the video: the loop point matches
  });
});

describe('playPacketised', () => {
  const tiny: PacketisedMedia = {
    audio: {
      codec: 'opus',
      clockRate: 48_000,
      frames: [1, 2, 3].map((n) => ({ payloads: [Buffer.from([n])], durationTicks: 960, keyframe: true })),
    },
    video: {
      codec: 'VP8',
      clockRate: 90_000,
      frames: [true, false, false, true, false].map((keyframe, n) => ({
        payloads: [Buffer.from([0x10, keyframe ? 0 : 1, n]), Buffer.from([0, n])],
        durationTicks: 3000,
        keyframe,
      })),
    },
  };

  it('loops with continuous sequence numbers and timestamps, and the payloads of each turn', async () => {
    const source = playPacketised(tiny, { kinds: ['audio'], pacer: new Pacer() });
    sources.push(source);
    const packets = await collect(source, 'audio', 8);
    const seqs = packets.map((p) => p.header.sequenceNumber);
    const stamps = packets.map((p) => p.header.timestamp);
    for (let i = 1; i < packets.length; i++) {
      expect(seqs[i]).toBe(((seqs[0] as number) + i) & 0xffff);
      expect(stamps[i]).toBe(((stamps[0] as number) + i * 960) >>> 0);
    }
    expect(packets.map((p) => p.payload[0])).toEqual([1, 2, 3, 1, 2, 3, 1, 2]);
    expect(new Set(packets.map((p) => p.header.ssrc)).size).toBe(1);
  });

  it('a keyframe request moves the video to the next key frame; marker on the last packet of a frame', async () => {
    const source = playPacketised(tiny, { kinds: ['video'], pacer: new Pacer() });
    sources.push(source);
    // The request goes out right after frame 0 (a microtask after its last packet, long before frame 1 is
    // due), so the cursor is on frame 1 whatever the machine's load: a request made after awaiting frame 0
    // found the cursor already past frame 1 once, in a test:repeat run.
    const first: RtpPacket[] = [];
    const next: RtpPacket[] = [];
    await new Promise<void>((resolve) => {
      const off = source.onPacket((_kind, packet) => {
        if (first.length < 2) {
          first.push(packet);
          if (first.length === 2) queueMicrotask(() => source.requestKeyframe()); // cursor on frame 1 → frame 3
          return;
        }
        next.push(packet);
        if (next.length === 2) {
          off();
          resolve();
        }
      });
    });
    expect(first.map((p) => p.header.marker)).toEqual([false, true]);
    expect(first[0]?.payload[2]).toBe(0);
    expect(next[0]?.payload[2]).toBe(3);
    expect(next[0]?.header.timestamp).toBe(((first[0]?.header.timestamp as number) + 3000) >>> 0);
    expect(source.keyframesOnRequest).toBe(1);
    expect(isVp8Keyframe(Buffer.from([0]))).toBe(true);
  });
});

describe('the shared pacer', () => {
  const tone: PacketisedMedia = {
    audio: {
      codec: 'opus',
      clockRate: 48_000,
      frames: [{ payloads: [Buffer.from([1])], durationTicks: 960, keyframe: true }],
    },
    video: {
      codec: 'VP8',
      clockRate: 90_000,
      frames: [
        { payloads: [Buffer.from([0x10, 0, 0]), Buffer.from([0, 0])], durationTicks: 3000, keyframe: true },
      ],
    },
  };

  it('sends the due packets of calls started apart in one wake-up, audio before video', async () => {
    const pacer = new Pacer();
    const sent: { call: number; kind: 'audio' | 'video'; wakeUp: number }[] = [];
    // One synchronous run of the pacer is one wake-up: the number changes in the microtask after it.
    let wakeUp = 0;
    let counting = false;
    const start = (call: number) => {
      const source = playPacketised(tone, { pacer });
      sources.push(source);
      source.onPacket((kind) => {
        sent.push({ call, kind, wakeUp });
        if (counting) return;
        counting = true;
        queueMicrotask(() => {
          counting = false;
          wakeUp++;
        });
      });
    };
    start(0);
    await new Promise((resolve) => setTimeout(resolve, 7)); // off the 20 ms grid by 7 ms
    start(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const firstOfB = sent.findIndex((p) => p.call === 1);
    const later = sent.filter((p, i) => i > firstOfB && p.wakeUp > (sent[firstOfB]?.wakeUp ?? 0));
    const byWakeUp = new Map<number, typeof sent>();
    for (const packet of later) byWakeUp.set(packet.wakeUp, [...(byWakeUp.get(packet.wakeUp) ?? []), packet]);
    const ticks = [...byWakeUp.values()];
    expect(ticks.length).toBeGreaterThan(10);
    // Every wake-up serves both calls (their clocks share the grid), for each kind that is due.
    for (const tick of ticks.slice(0, -1)) {
      for (const kind of ['audio', 'video'] as const) {
        const calls = new Set(tick.filter((p) => p.kind === kind).map((p) => p.call));
        if (calls.size > 0) expect([kind, [...calls].sort()]).toEqual([kind, [0, 1]]);
      }
      // Audio first: no audio packet after a video packet in one wake-up.
      const kinds = tick.map((p) => p.kind).join(',');
      expect(kinds).not.toMatch(/video,.*audio/);
    }
  });
});
