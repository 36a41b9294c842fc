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
