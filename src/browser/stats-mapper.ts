/**
 * `RTCPeerConnection.getStats()` → {@link MediaStats}: the browser's reading of a call in the exact shape
 * Node's werift peer reports. Pure (plain objects in, plain object out), so it is tested on recorded
 * `getStats()` reports.
 *
 * Where the numbers come from (per audio/video m-line, by `mid`; simulcast layers of one m-line summed):
 * - `packetsSent`, `bytesSent`: `outbound-rtp` (payload bytes, as in Node);
 * - `packetsReceived`, `bytesReceived`: `inbound-rtp`;
 * - `codec`: the `codec` stats entry the RTP stream points to (`mimeType` `video/VP8` → `vp8`);
 * - `mediaSecondsReceived`: audio `inbound-rtp.totalSamplesDuration`, video `totalInterFrameDelay` (the
 *   span of decoded frames); `mediaSecondsSent`: audio `media-source.totalSamplesDuration`, video
 *   `framesSent / framesPerSecond`. Browsers expose no RTP timestamp span, so these are the closest
 *   measures of media time;
 * - `keyframeRequests`: `pliCount + firCount` of every `outbound-rtp` (requests Janus sent us);
 *   `keyframeRequestsSent`: the same of every `inbound-rtp` (requests we sent);
 * - per kind: packets summed over the kind's m-lines; `sentDurationS`/`receivedMediaS` the longest of its
 *   m-lines' media seconds.
 * @module
 */
import type { FeedOf, KindStats, MediaStats, StreamStats } from '../media/media-stats.js';

/** One entry of a `getStats()` report, as a plain object (`RTCStats` and its subtypes). */
export type RtcStatsEntry = { readonly id: string; readonly type: string } & Readonly<
  Record<string, unknown>
>;

/** An audio or video m-line of the PeerConnection (from `getTransceivers()`), so that idle ones are listed. */
export interface TransceiverLine {
  /** Its `mid`. */
  mid: string;
  /** `audio` or `video`. */
  kind: 'audio' | 'video';
}

/** Maps a `getStats()` report (its values) to {@link MediaStats}; `lines` lists the m-lines in order. */
export function mapRtcStats(
  report: Iterable<RtcStatsEntry>,
  lines: readonly TransceiverLine[] = [],
  feedOf?: FeedOf,
): MediaStats {
  const byId = new Map<string, RtcStatsEntry>();
  for (const entry of report) byId.set(entry.id, entry);
  const streams = new Map<string, StreamStats>();
  const order: string[] = [];
  const streamOf = (mid: string, kind: 'audio' | 'video'): StreamStats => {
    let stream = streams.get(mid);
    if (!stream) {
      stream = {
        mid,
        kind,
        codec: undefined,
        packetsSent: 0,
        packetsReceived: 0,
        bytesSent: 0,
        bytesReceived: 0,
        mediaSecondsSent: 0,
        mediaSecondsReceived: 0,
      };
      streams.set(mid, stream);
      order.push(mid);
    }
    return stream;
  };
  for (const line of lines) streamOf(line.mid, line.kind);
  let keyframeRequests = 0;
  let keyframeRequestsSent = 0;
  for (const entry of byId.values()) {
    if (entry.type !== 'outbound-rtp' && entry.type !== 'inbound-rtp') continue;
    const kind = kindOf(entry);
    if (!kind) continue;
    const requests = num(entry.pliCount) + num(entry.firCount);
    const mid = typeof entry.mid === 'string' ? entry.mid : undefined;
    if (entry.type === 'outbound-rtp') keyframeRequests += requests;
    else keyframeRequestsSent += requests;
    if (mid === undefined) continue;
    const stream = streamOf(mid, kind);
    stream.codec ??= codecName(byId.get(String(entry.codecId)));
    if (entry.type === 'outbound-rtp') {
      stream.packetsSent += num(entry.packetsSent);
      stream.bytesSent += num(entry.bytesSent);
      stream.mediaSecondsSent = Math.max(stream.mediaSecondsSent, secondsSent(entry, byId, kind));
    } else {
      stream.packetsReceived += num(entry.packetsReceived);
      stream.bytesReceived += num(entry.bytesReceived);
      stream.mediaSecondsReceived = Math.max(stream.mediaSecondsReceived, secondsReceived(entry, byId, kind));
    }
  }
  const ordered = order
    .map((mid) => streams.get(mid) as StreamStats)
    .sort((a, b) => midRank(a.mid) - midRank(b.mid));
  for (const stream of ordered) {
    const feed = feedOf?.(stream.mid);
    if (feed !== undefined) stream.feed = feed;
  }
  return {
    audio: kindTotals(ordered, 'audio'),
    video: kindTotals(ordered, 'video'),
    keyframeRequests,
    keyframeRequestsSent,
    streams: ordered,
  };
}

function kindTotals(streams: readonly StreamStats[], kind: 'audio' | 'video'): KindStats {
  const totals: KindStats = { packetsSent: 0, packetsReceived: 0, sentDurationS: 0, receivedMediaS: 0 };
  for (const stream of streams) {
    if (stream.kind !== kind) continue;
    totals.packetsSent += stream.packetsSent;
    totals.packetsReceived += stream.packetsReceived;
    totals.sentDurationS = Math.max(totals.sentDurationS, stream.mediaSecondsSent);
    totals.receivedMediaS = Math.max(totals.receivedMediaS, stream.mediaSecondsReceived);
  }
  return totals;
}

/** `kind` (or the older `mediaType`) of an RTP stream entry. */
function kindOf(entry: RtcStatsEntry): 'audio' | 'video' | undefined {
  const kind = entry.kind ?? entry.mediaType;
  return kind === 'audio' || kind === 'video' ? kind : undefined;
}

function codecName(codec: RtcStatsEntry | undefined): string | undefined {
  const mime = codec?.mimeType;
  return typeof mime === 'string' ? mime.split('/')[1]?.toLowerCase() : undefined;
}

function secondsSent(
  entry: RtcStatsEntry,
  byId: Map<string, RtcStatsEntry>,
  kind: 'audio' | 'video',
): number {
  const source = typeof entry.mediaSourceId === 'string' ? byId.get(entry.mediaSourceId) : undefined;
  if (kind === 'audio') return num(source?.totalSamplesDuration);
  const fps = num(entry.framesPerSecond) || num(source?.framesPerSecond);
  return fps > 0 ? num(entry.framesSent) / fps : 0;
}

function secondsReceived(
  entry: RtcStatsEntry,
  byId: Map<string, RtcStatsEntry>,
  kind: 'audio' | 'video',
): number {
  if (kind === 'audio') {
    const duration = num(entry.totalSamplesDuration);
    if (duration > 0) return duration;
    const clock = num(byId.get(String(entry.codecId))?.clockRate) || 48_000;
    return num(entry.totalSamplesReceived) / clock;
  }
  const span = num(entry.totalInterFrameDelay);
  if (span > 0) return span;
  const fps = num(entry.framesPerSecond);
  return fps > 0 ? num(entry.framesReceived) / fps : 0;
}

/** m-line order: numeric mids by value, others after them in the order seen. */
function midRank(mid: string): number {
  const value = Number(mid);
  return Number.isInteger(value) ? value : Number.MAX_SAFE_INTEGER;
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
