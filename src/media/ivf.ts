/**
 * Reading IVF files (the simple container libvpx writes: a 32-byte file header, then one 12-byte header
 * per frame) in process, for VP8/VP9 sources that need no transcoding.
 * @module
 */
import { JanusError } from '../errors.js';

/** One IVF frame. */
export interface IvfFrame {
  /** The codec frame as stored. */
  readonly data: Buffer;
  /** Presentation time in the file's time base (`timebase` seconds per unit). */
  readonly pts: number;
}

/** A parsed IVF file. */
export interface IvfFile {
  /** The codec's FourCC, e.g. `'VP80'`, `'VP90'`. */
  readonly fourcc: string;
  /** Width from the file header, in pixels. */
  readonly width: number;
  /** Height from the file header, in pixels. */
  readonly height: number;
  /** Seconds per `pts` unit (the header's scale / rate). */
  readonly timebase: number;
  /** The frames in file order. */
  readonly frames: readonly IvfFrame[];
}

/**
 * Parses a whole IVF file. A truncated last frame is dropped (a file still being written).
 *
 * @param buffer - the file's bytes
 * @throws JanusError `MEDIA_FORMAT` if the signature or header is wrong
 */
export function parseIvf(buffer: Buffer): IvfFile {
  if (buffer.length < 32 || buffer.toString('latin1', 0, 4) !== 'DKIF') {
    throw new JanusError('MEDIA_FORMAT', 'IVF: no DKIF signature');
  }
  const headerSize = buffer.readUInt16LE(6);
  if (headerSize < 32 || headerSize > buffer.length)
    throw new JanusError('MEDIA_FORMAT', `IVF: bad header size ${headerSize}`);
  const fourcc = buffer.toString('latin1', 8, 12);
  const width = buffer.readUInt16LE(12);
  const height = buffer.readUInt16LE(14);
  const rate = buffer.readUInt32LE(16);
  const scale = buffer.readUInt32LE(20);
  if (rate === 0 || scale === 0) throw new JanusError('MEDIA_FORMAT', 'IVF: zero time base');
  const frames: IvfFrame[] = [];
  let offset = headerSize;
  while (offset + 12 <= buffer.length) {
    const size = buffer.readUInt32LE(offset);
    const pts = Number(buffer.readBigUInt64LE(offset + 4));
    const start = offset + 12;
    if (start + size > buffer.length) break;
    frames.push({ data: buffer.subarray(start, start + size), pts });
    offset = start + size;
  }
  return { fourcc, width, height, timebase: scale / rate, frames };
}
