/**
 * Reading the frames of a WebM file in process (VP8 video, Opus audio; no lacing), for file sources that
 * need no transcoding.
 * @module
 */
import { JanusError } from '../errors.js';

/** One stored frame. */
export interface WebmFrame {
  /** Presentation time, ms. */
  readonly timeMs: number;
  /** The codec frame. */
  readonly data: Buffer;
}

/** One track's frames. */
export interface WebmTrackFrames {
  /** Matroska codec ID, e.g. `'V_VP8'`, `'A_OPUS'`. */
  readonly codec: string;
  /** `'audio'` or `'video'`. */
  readonly kind: 'audio' | 'video';
  /** The frames in file order. */
  readonly frames: WebmFrame[];
}

const MASTER = new Set([0x18538067, 0x1654ae6b, 0xae, 0x1549a966, 0x1f43b675, 0xa0]);

function vintLength(first: number): number {
  for (let length = 1; length <= 8; length++) if (first & (0x80 >> (length - 1))) return length;
  return 0;
}

/**
 * The audio and video tracks of a WebM file with their frames.
 *
 * @param buffer - the whole file
 * @throws JanusError `MEDIA_FORMAT` for a file that is not EBML, `MEDIA_UNSUPPORTED` for laced blocks
 */
export function demuxWebm(buffer: Buffer): WebmTrackFrames[] {
  if (buffer.readUInt32BE(0) !== 0x1a45dfa3) throw new JanusError('MEDIA_FORMAT', 'WebM: no EBML header');
  const tracks = new Map<number, { codec: string; kind: 'audio' | 'video' | 'other'; frames: WebmFrame[] }>();
  let timecodeScale = 1_000_000;
  let clusterTime = 0;
  let entry: { number: number; codec: string; type: number } | undefined;
  const finishEntry = () => {
    if (!entry) return;
    const kind = entry.type === 1 ? 'video' : entry.type === 2 ? 'audio' : 'other';
    tracks.set(entry.number, { codec: entry.codec, kind, frames: [] });
    entry = undefined;
  };
  const uint = (at: number, size: number) => {
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + (buffer[at + i] ?? 0);
    return value;
  };
  const walk = (from: number, to: number): void => {
    let at = from;
    while (at < to) {
      const idLength = vintLength(buffer[at] ?? 0);
      if (idLength === 0 || idLength > 4 || at + idLength >= to) return;
      const id = uint(at, idLength);
      const sizeAt = at + idLength;
      const sizeLength = vintLength(buffer[sizeAt] ?? 0);
      if (sizeLength === 0) return;
      let size = (buffer[sizeAt] ?? 0) & (0xff >> sizeLength);
      let unknown = size === 0xff >> sizeLength;
      for (let i = 1; i < sizeLength; i++) {
        size = size * 256 + (buffer[sizeAt + i] ?? 0);
        if (buffer[sizeAt + i] !== 0xff) unknown = false;
      }
      const dataAt = sizeAt + sizeLength;
      const end = unknown ? to : Math.min(to, dataAt + size);
      if (MASTER.has(id)) {
        if (id === 0xae) entry = { number: 0, codec: '', type: 0 };
        walk(dataAt, end);
        if (id === 0xae) finishEntry();
        // An unknown-sized element runs to its parent's end: nothing follows it at this level.
        at = end;
        continue;
      }
      if (id === 0x2ad7b1) timecodeScale = uint(dataAt, size);
      else if (id === 0xe7) clusterTime = uint(dataAt, size);
      else if (entry && id === 0xd7) entry.number = uint(dataAt, size);
      else if (entry && id === 0x83) entry.type = uint(dataAt, size);
      else if (entry && id === 0x86) entry.codec = buffer.toString('latin1', dataAt, end).replace(/\0+$/, '');
      else if (id === 0xa3 || id === 0xa1) {
        const number = (buffer[dataAt] ?? 0) & 0x7f;
        const relative = buffer.readInt16BE(dataAt + 1);
        const flags = buffer[dataAt + 3] ?? 0;
        if (flags & 0x06) throw new JanusError('MEDIA_UNSUPPORTED', 'WebM: laced blocks');
        const track = tracks.get(number);
        const timeMs = ((clusterTime + relative) * timecodeScale) / 1e6;
        track?.frames.push({ timeMs, data: buffer.subarray(dataAt + 4, end) });
      }
      at = end;
    }
  };
  walk(0, buffer.length);
  const out: WebmTrackFrames[] = [];
  for (const track of tracks.values()) {
    if (track.kind !== 'other') out.push({ codec: track.codec, kind: track.kind, frames: track.frames });
  }
  return out;
}
