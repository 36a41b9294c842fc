/**
 * VP9 for RTP: key frames are told from the uncompressed header, and a frame is split into payloads with
 * a one-byte descriptor (B on the first, E on the last, P on inter frames) that put the frame back whole.
 * The header bytes are those libvpx-vp9 (ffmpeg) writes: 0x82/0x86 profile 0 key/inter, 0xa2/0xa6 profile 1.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseIvf } from '../../../src/media/ivf.js';
import {
  isVp9Keyframe,
  packetizeVp9,
  vp9FrameSize,
  vp9KeyframeSizeFromPayload,
} from '../../../src/media/vp9-rtp.js';

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

/** Writes bits most significant first (a VP9 uncompressed header by hand). */
function bits(fields: [value: number, width: number][]): Buffer {
  const out: number[] = [];
  let bit = 0;
  for (const [value, width] of fields) {
    for (let i = width - 1; i >= 0; i--) {
      if (bit % 8 === 0) out.push(0);
      out[out.length - 1] = (out.at(-1) as number) | (((value >> i) & 1) << (7 - (bit % 8)));
      bit++;
    }
  }
  return Buffer.concat([Buffer.from(out), Buffer.alloc(8, 0x5a)]);
}

/** A key frame's uncompressed header up to its frame size (profile 0 or 1, BT.709, no RGB). */
function keyFrame(profile: 0 | 1, width: number, height: number, sync = 0x498342): Buffer {
  return bits([
    [0b10, 2], // frame_marker
    [profile & 1, 1], // profile_low_bit
    [0, 1], // profile_high_bit
    [0, 1], // show_existing_frame
    [0, 1], // frame_type: key frame
    [1, 1], // show_frame
    [0, 1], // error_resilient_mode
    [sync, 24],
    [2, 3], // color_space BT.709
    [0, 1], // color_range
    ...(profile === 1
      ? ([
          [0, 1],
          [0, 1],
          [0, 1],
        ] as [number, number][])
      : []), // subsampling x/y, reserved
    [width - 1, 16],
    [height - 1, 16],
  ]);
}

describe('vp9FrameSize', () => {
  it('reads the size after the sync code and color config, in profiles 0 and 1', () => {
    expect(vp9FrameSize(keyFrame(0, 160, 120))).toEqual({ width: 160, height: 120 });
    expect(vp9FrameSize(keyFrame(1, 1920, 1080))).toEqual({ width: 1920, height: 1080 });
  });

  it('reads the size libvpx-vp9 wrote (the 160x120 fixture of scripts/make-vp9-fixtures.sh)', () => {
    const file = parseIvf(
      readFileSync(fileURLToPath(new URL('../../fixtures/media/vp9.ivf', import.meta.url))),
    );
    const sizes = file.frames.map((f) => vp9FrameSize(f.data));
    expect(sizes[0]).toEqual({ width: 160, height: 120 });
    // Key frames every 15 frames; the others have no size.
    expect(sizes.filter((size) => size !== undefined)).toHaveLength(4);
  });

  it('is undefined for an inter frame, a bad sync code or a header cut short', () => {
    expect(vp9FrameSize(frame(0x86, 20))).toBeUndefined();
    expect(vp9FrameSize(keyFrame(0, 160, 120, 0x498343))).toBeUndefined();
    expect(vp9FrameSize(keyFrame(0, 160, 120).subarray(0, 6))).toBeUndefined();
  });
});

describe('vp9KeyframeSizeFromPayload', () => {
  it('reads the frame header after our one-byte descriptor, only on the first payload of a key frame', () => {
    const payloads = packetizeVp9(Buffer.concat([keyFrame(0, 640, 480), Buffer.alloc(3000, 0x5a)]), 1000);
    expect(payloads.map((payload) => vp9KeyframeSizeFromPayload(payload))).toEqual([
      { width: 640, height: 480 },
      undefined,
      undefined,
      undefined,
    ]);
    expect(vp9KeyframeSizeFromPayload(packetizeVp9(frame(0x86, 50))[0] as Buffer)).toBeUndefined();
  });

  it('skips a 15-bit picture ID and the layer indices of non-flexible mode', () => {
    // I, L, B set; picture ID 0x8123 (M bit: 15 bits); TID/U/SID/D; TL0PICIDX.
    const descriptor = Buffer.from([0x80 | 0x20 | 0x08, 0x81, 0x23, 0x00, 0x07]);
    const payload = Buffer.concat([descriptor, keyFrame(0, 1280, 720)]);
    expect(vp9KeyframeSizeFromPayload(payload)).toEqual({ width: 1280, height: 720 });
  });

  it('takes the largest spatial layer of a scalability structure (what browsers send)', () => {
    // I (7-bit ID), B, V; SS: N_S = 1 (two layers), Y; 640x360 then 1280x720.
    const descriptor = Buffer.from([
      0x80 | 0x08 | 0x02,
      0x11,
      (1 << 5) | 0x10,
      0x02,
      0x80,
      0x01,
      0x68,
      0x05,
      0x00,
      0x02,
      0xd0,
    ]);
    const payload = Buffer.concat([descriptor, frame(0x86, 20)]);
    expect(vp9KeyframeSizeFromPayload(payload)).toEqual({ width: 1280, height: 720 });
  });
});
