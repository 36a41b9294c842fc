/**
 * VP8 for RTP (RFC 7741): key frame and size from the frame header, and packetisation with the VP8
 * payload descriptor.
 * @module
 */

/**
 * Whether a VP8 frame is a key frame (RFC 6386 section 9.1: bit 0 of the frame tag is 0).
 *
 * @param frame - one VP8 frame
 */
export function isVp8Keyframe(frame: Buffer): boolean {
  return frame.length > 0 && ((frame[0] ?? 1) & 1) === 0;
}

/**
 * The picture size a VP8 key frame declares, or `undefined` for an inter frame or a bad start code.
 *
 * @param frame - one VP8 frame
 */
export function vp8FrameSize(frame: Buffer): { width: number; height: number } | undefined {
  if (!isVp8Keyframe(frame) || frame.length < 10) return undefined;
  if (frame[3] !== 0x9d || frame[4] !== 0x01 || frame[5] !== 0x2a) return undefined;
  return { width: frame.readUInt16LE(6) & 0x3fff, height: frame.readUInt16LE(8) & 0x3fff };
}

/** RTP payload size limit used by default: leaves room for the RTP header, extensions and SRTP. Default 1100. */
export const DEFAULT_MAX_PAYLOAD = 1100;

/**
 * Splits a VP8 frame into RTP payloads, each with a one-byte VP8 payload descriptor (RFC 7741
 * section 4.2: S=1 on the first packet of the frame, partition 0, no picture ID). The last payload
 * carries the end of the frame (its packet gets the RTP marker bit).
 *
 * @param frame - one VP8 frame
 * @param maxPayload - bytes per payload, descriptor included. Default {@link DEFAULT_MAX_PAYLOAD}
 */
export function packetizeVp8(frame: Buffer, maxPayload = DEFAULT_MAX_PAYLOAD): Buffer[] {
  const chunk = Math.max(1, maxPayload - 1);
  const payloads: Buffer[] = [];
  for (let offset = 0; offset < frame.length || offset === 0; offset += chunk) {
    const part = frame.subarray(offset, Math.min(frame.length, offset + chunk));
    const payload = Buffer.allocUnsafe(part.length + 1);
    payload[0] = offset === 0 ? 0x10 : 0x00;
    part.copy(payload, 1);
    payloads.push(payload);
    if (frame.length === 0) break;
  }
  return payloads;
}

/**
 * Whether an RTP payload (VP8 payload descriptor first) starts a VP8 key frame: the start of
 * partition 0 (S=1, PID=0) with the key frame bit set in the VP8 payload header (RFC 7741 4.2-4.3).
 *
 * @param payload - the RTP payload of one VP8 packet
 */
export function isVp8KeyframePayload(payload: Buffer): boolean {
  const first = payload[0];
  if (first === undefined || (first & 0x10) === 0 || (first & 0x07) !== 0) return false;
  let offset = 1;
  if (first & 0x80) {
    const extension = payload[offset++] ?? 0;
    if (extension & 0x80) offset += (payload[offset] ?? 0) & 0x80 ? 2 : 1; // picture ID, 7 or 15 bits
    if (extension & 0x40) offset++; // TL0PICIDX
    if (extension & 0x30) offset++; // TID/Y/KEYIDX
  }
  const header = payload[offset];
  return header !== undefined && (header & 1) === 0;
}

/**
 * The picture size in an RTP payload that starts a VP8 key frame (the size sits in the first bytes of
 * the frame, so the first packet has it), or `undefined`.
 *
 * @param payload - the RTP payload of one VP8 packet
 */
export function vp8KeyframeSizeFromPayload(payload: Buffer): { width: number; height: number } | undefined {
  if (!isVp8KeyframePayload(payload)) return undefined;
  const first = payload[0] ?? 0;
  let offset = 1;
  if (first & 0x80) {
    const extension = payload[offset++] ?? 0;
    if (extension & 0x80) offset += (payload[offset] ?? 0) & 0x80 ? 2 : 1;
    if (extension & 0x40) offset++;
    if (extension & 0x30) offset++;
  }
  return vp8FrameSize(payload.subarray(offset));
}
