/**
 * Reading Ogg/Opus files (RFC 7845) in process: the Opus packets of the first logical stream, with
 * the duration of each packet taken from its TOC byte (RFC 6716 section 3.1).
 * @module
 */
import { JanusError } from '../errors.js';

/** A parsed Ogg/Opus stream. */
export interface OggOpusFile {
  /** Channel count from the `OpusHead` header. */
  readonly channels: number;
  /** Samples (at 48 kHz) the decoder discards at the start (`OpusHead` pre-skip). */
  readonly preSkip: number;
  /** The audio packets, in order (header packets excluded). */
  readonly packets: readonly Buffer[];
}

/**
 * Parses an Ogg file and returns the Opus packets of its first logical stream. A truncated last
 * page is ignored (a file still being written).
 *
 * @param buffer - the file's bytes
 * @throws JanusError `MEDIA_FORMAT` if there is no Ogg page or the first stream is not Opus
 */
export function parseOggOpus(buffer: Buffer): OggOpusFile {
  const packets: Buffer[] = [];
  let serial: number | undefined;
  let pending: Buffer[] = [];
  let offset = 0;
  while (offset + 27 <= buffer.length) {
    if (buffer.toString('latin1', offset, offset + 4) !== 'OggS') {
      throw new JanusError('MEDIA_FORMAT', `Ogg/Opus: no page at byte ${offset}`);
    }
    const pageSerial = buffer.readUInt32LE(offset + 14);
    const segments = buffer[offset + 26] ?? 0;
    const tableEnd = offset + 27 + segments;
    if (tableEnd > buffer.length) break;
    let dataOffset = tableEnd;
    let bodySize = 0;
    for (let i = 0; i < segments; i++) bodySize += buffer[offset + 27 + i] ?? 0;
    if (tableEnd + bodySize > buffer.length) break;
    serial ??= pageSerial;
    if (pageSerial === serial) {
      for (let i = 0; i < segments; i++) {
        const lacing = buffer[offset + 27 + i] ?? 0;
        pending.push(buffer.subarray(dataOffset, dataOffset + lacing));
        dataOffset += lacing;
        if (lacing < 255) {
          packets.push(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending));
          pending = [];
        }
      }
    }
    offset = tableEnd + bodySize;
  }
  const head = packets[0];
  if (head === undefined || head.length < 19 || head.toString('latin1', 0, 8) !== 'OpusHead') {
    throw new JanusError('MEDIA_FORMAT', 'Ogg/Opus: the first stream is not Opus (no OpusHead)');
  }
  const channels = head[9] ?? 0;
  const preSkip = head.readUInt16LE(10);
  const audio = packets.slice(1).filter((packet) => packet.toString('latin1', 0, 8) !== 'OpusTags');
  return { channels, preSkip, packets: audio.filter((packet) => packet.length > 0) };
}

/** Samples per frame at 48 kHz for each of the 32 TOC configurations (RFC 6716 table 2). */
const FRAME_SAMPLES = [
  480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 1920, 2880, 480, 960, 480, 960, 120, 240, 480, 960,
  120, 240, 480, 960, 120, 240, 480, 960, 120, 240, 480, 960,
];

/**
 * The duration of an Opus packet in 48 kHz samples, from its TOC byte and frame count.
 *
 * @param packet - one Opus packet
 * @returns the samples it decodes to (960 for a 20 ms packet); 0 for an empty or malformed packet
 */
export function opusPacketSamples(packet: Buffer): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const perFrame = FRAME_SAMPLES[toc >> 3] ?? 0;
  const code = toc & 3;
  if (code === 0) return perFrame;
  if (code === 1 || code === 2) return perFrame * 2;
  const count = (packet[1] ?? 0) & 0x3f;
  return perFrame * count;
}
