/**
 * VP9 for RTP: key frames are told from the uncompressed header, and a frame is split into payloads with
 * a one-byte descriptor (B on the first, E on the last, P on inter frames) that put the frame back whole.
 * The header bytes are those libvpx-vp9 (ffmpeg) writes: 0x82/0x86 profile 0 key/inter, 0xa2/0xa6 profile 1.
 */
import { describe, expect, it } from 'vitest';
import { isVp9Keyframe, packetizeVp9 } from '../../../src/media/vp9-rtp.js';

function frame(firstByte: number, length: number): Buffer {
  const bytes = Buffer.alloc(length, 0x5a);
  bytes[0] = firstByte;
  return bytes;
}

describe('isVp9Keyframe', () => {
  it('tells key frames from inter frames in profiles 0 and 1 (bytes from libvpx)', () => {
    expect(isVp9Keyframe(frame(0x82, 10))).toBe(true);
    expect(isVp9Keyframe(frame(0x86, 10))).toBe(false);
    expect(isVp9Keyframe(frame(0xa2, 10))).toBe(true);
    expect(isVp9Keyframe(frame(0xa6, 10))).toBe(false);
  });

  it('reads profile 3 one bit further (its reserved bit)', () => {
    // 10 1 1 | reserved 0 | show_existing 0 | frame_type 0 / 1
    expect(isVp9Keyframe(frame(0b1011_0000, 10))).toBe(true);
    expect(isVp9Keyframe(frame(0b1011_0010, 10))).toBe(false);
  });

  it('is false for a shown existing frame, a wrong frame marker or nothing', () => {
    expect(isVp9Keyframe(frame(0x88, 10))).toBe(false);
    expect(isVp9Keyframe(frame(0x02, 10))).toBe(false);
    expect(isVp9Keyframe(Buffer.alloc(0))).toBe(false);
  });
});

describe('packetizeVp9', () => {
  it('splits a key frame into payloads within maxPayload, B on the first, E on the last, no P', () => {
    const key = frame(0x82, 2500);
    const payloads = packetizeVp9(key, 1000);
    expect(payloads.map((p) => p.length)).toEqual([1000, 1000, 503]);
    expect(payloads.map((p) => p[0])).toEqual([0x08, 0x00, 0x04]);
    expect(Buffer.concat(payloads.map((p) => p.subarray(1)))).toEqual(key);
  });

  it('marks inter frames with P, and a small frame is one payload with both B and E', () => {
    const inter = frame(0x86, 50);
    const payloads = packetizeVp9(inter);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]?.[0]).toBe(0x40 | 0x08 | 0x04);
    expect(payloads[0]?.subarray(1)).toEqual(inter);
  });
});
