/**
 * VP9 for RTP (RFC 9628 / draft-ietf-payload-vp9): key frame detection from the uncompressed header
 * and packetisation with a minimal payload descriptor (flexible mode off, no picture ID).
 * @module
 */
import { DEFAULT_MAX_PAYLOAD } from './vp8-rtp.js';

/**
 * Whether a VP9 frame is a key frame (profile 0-3 uncompressed header: frame marker, profile, then
 * `show_existing_frame` and `frame_type` = 0).
 *
 * @param frame - one VP9 frame (a superframe's first frame decides)
 */
export function isVp9Keyframe(frame: Buffer): boolean {
  const byte = frame[0];
  if (byte === undefined || byte >> 6 !== 0b10) return false;
  const profile = ((byte >> 5) & 1) | (((byte >> 4) & 1) << 1);
  // Profile 3 has one reserved bit more before show_existing_frame.
  const shift = profile === 3 ? 2 : 3;
  const showExisting = (byte >> shift) & 1;
  const frameType = (byte >> (shift - 1)) & 1;
  return showExisting === 0 && frameType === 0;
}

/**
 * Splits a VP9 frame into RTP payloads with a one-byte descriptor: I=0 P=inter (0 on key frames)
 * L=0 F=0 B (first) E (last) V=0 Z=0.
 *
 * @param frame - one VP9 frame
 * @param maxPayload - bytes per payload, descriptor included. Default 1100
 */
export function packetizeVp9(frame: Buffer, maxPayload = DEFAULT_MAX_PAYLOAD): Buffer[] {
  const chunk = Math.max(1, maxPayload - 1);
  const interPicture = isVp9Keyframe(frame) ? 0 : 0x40;
  const payloads: Buffer[] = [];
  const count = Math.max(1, Math.ceil(frame.length / chunk));
  for (let i = 0; i < count; i++) {
    const part = frame.subarray(i * chunk, Math.min(frame.length, (i + 1) * chunk));
    const payload = Buffer.allocUnsafe(part.length + 1);
    payload[0] = interPicture | (i === 0 ? 0x08 : 0) | (i === count - 1 ? 0x04 : 0);
    part.copy(payload, 1);
    payloads.push(payload);
  }
  return payloads;
}

/** The color space that has no color range or subsampling bits of its own (VP9 `CS_RGB`). */
const VP9_CS_RGB = 7;

/**
 * The picture size a VP9 key frame declares in its uncompressed header (after the frame sync code and
 * the color config), or `undefined` for an inter frame, a shown existing frame or a bad sync code.
 *
 * @param frame - one VP9 frame (the start of one is enough: the size is in its first 10 bytes)
 */
export function vp9FrameSize(frame: Buffer): { width: number; height: number } | undefined {
  if (!isVp9Keyframe(frame)) return undefined;
  const bits = new BitReader(frame);
  bits.read(2); // frame_marker
  const profile = bits.read(1) | (bits.read(1) << 1);
  if (profile === 3) bits.read(1); // reserved_zero
  bits.read(4); // show_existing_frame, frame_type (both 0 here), show_frame, error_resilient_mode
  if (bits.read(8) !== 0x49 || bits.read(8) !== 0x83 || bits.read(8) !== 0x42) return undefined;
  if (profile >= 2) bits.read(1); // ten_or_twelve_bit
  const colorSpace = bits.read(3);
  const oddProfile = profile === 1 || profile === 3;
  if (colorSpace !== VP9_CS_RGB)
    bits.read(oddProfile ? 4 : 1); // color_range [, subsampling_x/y, reserved]
  else if (oddProfile) bits.read(1); // reserved_zero
  const width = bits.read(16) + 1;
  const height = bits.read(16) + 1;
  return bits.overrun ? undefined : { width, height };
}

/**
 * The picture size an RTP packet of a VP9 key frame shows: from the payload descriptor's scalability
 * structure when it has one (browsers send it on key frames; the largest spatial layer), else from the
 * uncompressed header of the frame it starts. `undefined` for any other packet.
 *
 * @param payload - one VP9 RTP payload (RFC 9628 section 4.2: descriptor, then the frame)
 */
export function vp9KeyframeSizeFromPayload(payload: Buffer): { width: number; height: number } | undefined {
  const first = payload[0] ?? 0;
  const has = (bit: number) => (first & bit) !== 0;
  // P: an inter picture; B: the start of a frame.
  if (has(0x40) || !has(0x08)) return undefined;
  let offset = 1;
  if (has(0x80)) offset += (payload[offset] ?? 0) & 0x80 ? 2 : 1; // I: picture ID, 7 or 15 bits
  if (has(0x20)) offset += has(0x10) ? 1 : 2; // L: layer indices, and TL0PICIDX unless F (flexible)
  if (has(0x02)) {
    // V: the scalability structure.
    const ss = payload[offset++] ?? 0;
    const layers = (ss >> 5) + 1;
    if (ss & 0x10) {
      // Y: a width and height per spatial layer; the last is the largest.
      const at = offset + (layers - 1) * 4;
      if (at + 4 > payload.length) return undefined;
      return { width: payload.readUInt16BE(at), height: payload.readUInt16BE(at + 2) };
    }
    if (ss & 0x08) {
      // G: the picture group description, skipped to reach the frame.
      const groups = payload[offset++] ?? 0;
      for (let i = 0; i < groups; i++) offset += 1 + (((payload[offset] ?? 0) >> 2) & 0x03);
    }
  }
  return vp9FrameSize(payload.subarray(offset));
}

/** Reads bits, most significant first; reading past the end gives zeros and sets `overrun`. */
class BitReader {
  #bit = 0;
  overrun = false;

  constructor(readonly bytes: Buffer) {}

  read(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.bytes[this.#bit >> 3];
      if (byte === undefined) this.overrun = true;
      value = (value << 1) | (((byte ?? 0) >> (7 - (this.#bit & 7))) & 1);
      this.#bit++;
    }
    return value;
  }
}
