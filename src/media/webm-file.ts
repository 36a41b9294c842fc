/**
 * WebM (Matroska) files in process: {@link finaliseWebm} gives every element a real size once a recording
 * is complete (werift's writer streams clusters with "unknown size", which ffprobe warns about inside a
 * segment of known size), and {@link inspectWebm} reads the tracks, frame sizes, block counts and duration
 * and lists structural problems, without ffprobe.
 * @module
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Cluster: 0x1f43b675,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  Cues: 0x1c53bb6b,
  Chapters: 0x1043a770,
  Tags: 0x1254c367,
  Attachments: 0x1941a469,
} as const;

/** Elements that sit directly in a Segment: where an unknown-sized one ends. */
const SEGMENT_CHILDREN: ReadonlySet<number> = new Set([
  ID.SeekHead,
  ID.Info,
  ID.Tracks,
  ID.Cluster,
  ID.Cues,
  ID.Chapters,
  ID.Tags,
  ID.Attachments,
]);

/** Random access to a file through a small read cache. */
class FileBytes {
  readonly size: number;
  #chunk = Buffer.alloc(0);
  #chunkAt = 0;

  constructor(readonly fd: number) {
    this.size = fstatSync(fd).size;
  }

  bytes(position: number, length: number): Buffer {
    if (position < this.#chunkAt || position + length > this.#chunkAt + this.#chunk.length) {
      const size = Math.max(length, 64 * 1024);
      const buffer = Buffer.alloc(Math.min(size, Math.max(0, this.size - position)));
      const read = readSync(this.fd, buffer, 0, buffer.length, position);
      this.#chunk = buffer.subarray(0, read);
      this.#chunkAt = position;
    }
    const start = position - this.#chunkAt;
    return this.#chunk.subarray(start, start + length);
  }
}

interface Header {
  id: number;
  /** Data size, or `undefined` when unknown. */
  size: number | undefined;
  /** Where the size field starts and its length. */
  sizeAt: number;
  sizeLength: number;
  dataAt: number;
}

function vintLength(first: number): number {
  for (let length = 1; length <= 8; length++) if (first & (0x80 >> (length - 1))) return length;
  return 0;
}

function readHeader(file: FileBytes, at: number): Header | undefined {
  if (at >= file.size) return undefined;
  const head = file.bytes(at, 12);
  const idLength = vintLength(head[0] ?? 0);
  if (idLength === 0 || idLength > 4) return undefined;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + (head[i] ?? 0);
  const sizeAt = at + idLength;
  const sizeLength = vintLength(head[idLength] ?? 0);
  if (sizeLength === 0) return undefined;
  let value = (head[idLength] ?? 0) & (0xff >> sizeLength);
  let allOnes = value === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const byte = head[idLength + i] ?? 0;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { id, size: allOnes ? undefined : value, sizeAt, sizeLength, dataAt: sizeAt + sizeLength };
}

/** Where an unknown-sized segment child ends: at the next segment-level element or `end`. */
function unknownEnd(file: FileBytes, dataAt: number, end: number): number {
  let at = dataAt;
  while (at < end) {
    const child = readHeader(file, at);
    if (!child || SEGMENT_CHILDREN.has(child.id) || child.size === undefined) break;
    at = child.dataAt + child.size;
  }
  return Math.min(at, end);
}

/** The size field for `size` in exactly `length` bytes (EBML vint). */
function encodeSize(size: number, length: number): Buffer | undefined {
  if (size >= 2 ** (7 * length) - 1) return undefined;
  const out = Buffer.alloc(length);
  let rest = size;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  out[0] = (out[0] ?? 0) | (0x80 >> (length - 1));
  return out;
}

/**
 * Rewrites, in place, the size of every unknown-sized element of the file's Segment (and of the Segment
 * itself, also when it claims more bytes than the file has) to its real size. Call it once the file is complete. Sizes keep their field length, so nothing
 * moves.
 *
 * @param path - a complete WebM file
 * @returns how many size fields were rewritten
 */
export function finaliseWebm(path: string): number {
  const fd = openSync(path, 'r+');
  try {
    const file = new FileBytes(fd);
    let patched = 0;
    const patch = (header: Header, size: number) => {
      const field = encodeSize(size, header.sizeLength);
      if (!field) return;
      writeSync(fd, field, 0, field.length, header.sizeAt);
      patched++;
    };
    let at = 0;
    while (at < file.size) {
      const top = readHeader(file, at);
      if (!top) break;
      if (top.id !== ID.Segment) {
        if (top.size === undefined) break;
        at = top.dataAt + top.size;
        continue;
      }
      // werift's writer leaves the Segment unknown-sized, or sized 3 bytes past the end of the file.
      if (top.size === undefined || top.dataAt + top.size > file.size) patch(top, file.size - top.dataAt);
      const end = Math.min(file.size, top.dataAt + (top.size ?? file.size));
      let child = top.dataAt;
      while (child < end) {
        const header = readHeader(file, child);
        if (!header) break;
        const stop =
          header.size === undefined ? unknownEnd(file, header.dataAt, end) : header.dataAt + header.size;
        if (header.size === undefined) patch(header, stop - header.dataAt);
        child = stop;
      }
      at = end;
    }
    return patched;
  } finally {
    closeSync(fd);
  }
}

/** One track of a WebM file. */
export interface WebmTrack {
  /** Track number. */
  readonly number: number;
  /** `'audio'`, `'video'` or `'other'`. */
  readonly kind: 'audio' | 'video' | 'other';
  /** Matroska codec ID, e.g. `'A_OPUS'`, `'V_VP8'`. */
  readonly codec: string;
  /** Picture size from the track header (video). */
  readonly width?: number;
  readonly height?: number;
  /** Blocks (frames) stored for this track. */
  readonly blocks: number;
}

/** What {@link inspectWebm} found. */
export interface WebmInfo {
  /** The tracks. */
  readonly tracks: readonly WebmTrack[];
  /** Duration from the Info element, in seconds (`NaN` when absent). */
  readonly durationS: number;
  /** Structural problems (unknown-sized elements inside sized parents, elements past their parent). */
  readonly problems: readonly string[];
}

function readUint(file: FileBytes, header: Header): number {
  const bytes = file.bytes(header.dataAt, header.size ?? 0);
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

/**
 * Reads a WebM file's structure in process.
 *
 * @param path - a WebM file
 */
export function inspectWebm(path: string): WebmInfo {
  const fd = openSync(path, 'r');
  try {
    const file = new FileBytes(fd);
    const problems: string[] = [];
    const tracks = new Map<
      number,
      { kind: WebmTrack['kind']; codec: string; width?: number; height?: number }
    >();
    const blocks = new Map<number, number>();
    let timecodeScale = 1_000_000;
    let duration = Number.NaN;
    const walk = (from: number, to: number, parentSized: boolean, track?: { number: number }) => {
      let at = from;
      while (at < to) {
        const header = readHeader(file, at);
        if (!header) {
          problems.push(`unreadable element header at ${at}`);
          return;
        }
        if (header.size === undefined && parentSized) {
          problems.push(`unknown-sized element 0x${header.id.toString(16)} at ${at} inside a sized parent`);
        }
        const end =
          header.size === undefined ? unknownEnd(file, header.dataAt, to) : header.dataAt + header.size;
        if (end > to) problems.push(`element 0x${header.id.toString(16)} at ${at} runs past its parent`);
        switch (header.id) {
          case ID.Segment:
          case ID.Tracks:
          case ID.Info:
          case ID.Cluster:
          case ID.BlockGroup:
            walk(header.dataAt, Math.min(end, to), header.size !== undefined, track);
            break;
          case ID.TrackEntry: {
            const entry = { number: 0 };
            walk(header.dataAt, Math.min(end, to), true, entry);
            break;
          }
          case ID.Video:
            walk(header.dataAt, Math.min(end, to), true, track);
            break;
          case ID.TimecodeScale:
            timecodeScale = readUint(file, header);
            break;
          case ID.Duration: {
            const bytes = file.bytes(header.dataAt, header.size ?? 0);
            duration =
              bytes.length === 4 ? bytes.readFloatBE(0) : bytes.length === 8 ? bytes.readDoubleBE(0) : NaN;
            break;
          }
          case ID.TrackNumber:
            if (track) {
              track.number = readUint(file, header);
              tracks.set(track.number, { kind: 'other', codec: '', ...tracks.get(track.number) });
            }
            break;
          case ID.TrackType:
          case ID.CodecID:
          case ID.PixelWidth:
          case ID.PixelHeight: {
            if (!track) break;
            const entry = tracks.get(track.number) ?? { kind: 'other' as const, codec: '' };
            if (header.id === ID.TrackType) {
              const type = readUint(file, header);
              entry.kind = type === 1 ? 'video' : type === 2 ? 'audio' : 'other';
            } else if (header.id === ID.CodecID) {
              entry.codec = file
                .bytes(header.dataAt, header.size ?? 0)
                .toString('latin1')
                .replace(/\0+$/, '');
            } else if (header.id === ID.PixelWidth) entry.width = readUint(file, header);
            else entry.height = readUint(file, header);
            tracks.set(track.number, entry);
            break;
          }
          case ID.SimpleBlock:
          case ID.Block: {
            const first = file.bytes(header.dataAt, 1)[0] ?? 0;
            const number = first & 0x7f; // track numbers < 128 (one-byte vint)
            blocks.set(number, (blocks.get(number) ?? 0) + 1);
            break;
          }
        }
        at = end;
      }
    };
    walk(0, file.size, true);
    return {
      tracks: [...tracks].map(([number, entry]) => ({ number, ...entry, blocks: blocks.get(number) ?? 0 })),
      durationS: (duration * timecodeScale) / 1e9,
      problems,
    };
  } finally {
    closeSync(fd);
  }
}
