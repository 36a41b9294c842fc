/**
 * The browser's `getStats()` → `MediaStats` mapper on `getStats()` reports recorded from Chromium 156
 * (`test/fixtures/browser-stats/`): the same shape as Node's `stats()`, figures taken from the right
 * entries (outbound-rtp, inbound-rtp, codec, media-source), per-stream entries in m-line order, and
 * `keyframeRequests` from the outbound-rtp PLI/FIR counts.
 * @module
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapRtcStats, type RtcStatsEntry, type TransceiverLine } from '../../src/browser/stats-mapper.js';
import { emptyMediaStats } from '../../src/media/media-stats.js';

interface RecordedSide {
  transceivers: TransceiverLine[];
  report: RtcStatsEntry[];
}

const recorded = JSON.parse(
  readFileSync(new URL('../fixtures/browser-stats/chromium-156-loopback.json', import.meta.url), 'utf8'),
) as { offerer: RecordedSide; answerer: RecordedSide };

/** The keys of Node's `stats()` (`MediaStats`) and of one of its `streams` entries (`StreamStats`). */
const MEDIA_STATS_KEYS = ['audio', 'keyframeRequests', 'keyframeRequestsSent', 'streams', 'video'];
const KIND_KEYS = ['packetsReceived', 'packetsSent', 'receivedMediaS', 'sentDurationS'];
const STREAM_KEYS = [
  'bytesReceived',
  'bytesSent',
  'codec',
  'kind',
  'mediaSecondsReceived',
  'mediaSecondsSent',
  'mid',
  'packetsReceived',
  'packetsSent',
];

describe('getStats() → MediaStats (recorded Chromium 156 reports)', () => {
  it('has exactly the shape of Node stats()', () => {
    const stats = mapRtcStats(recorded.offerer.report, recorded.offerer.transceivers);
    expect(Object.keys(stats).sort()).toEqual(MEDIA_STATS_KEYS);
    expect(Object.keys(emptyMediaStats()).sort()).toEqual(MEDIA_STATS_KEYS);
    expect(Object.keys(stats.audio).sort()).toEqual(KIND_KEYS);
    expect(Object.keys(stats.video).sort()).toEqual(KIND_KEYS);
    for (const stream of stats.streams) expect(Object.keys(stream).sort()).toEqual(STREAM_KEYS);
  });

  it('maps the offerer: sent from outbound-rtp and media-source, received from inbound-rtp', () => {
    const stats = mapRtcStats(recorded.offerer.report, recorded.offerer.transceivers);
    expect(stats.streams).toEqual([
      {
        mid: '0',
        kind: 'audio',
        codec: 'opus',
        packetsSent: 150,
        packetsReceived: 0,
        bytesSent: 7675,
        bytesReceived: 0,
        mediaSecondsSent: 3.099999999999978,
        mediaSecondsReceived: 0,
      },
      {
        mid: '1',
        kind: 'video',
        codec: 'vp8',
        packetsSent: 115,
        packetsReceived: 116,
        bytesSent: 78141,
        bytesReceived: 81100,
        mediaSecondsSent: 3, // 60 frames sent at 20 fps
        mediaSecondsReceived: 2.832, // totalInterFrameDelay of the decoded frames
      },
    ]);
    expect(stats.audio).toEqual({
      packetsSent: 150,
      packetsReceived: 0,
      sentDurationS: 3.099999999999978,
      receivedMediaS: 0,
    });
    expect(stats.video).toEqual({
      packetsSent: 115,
      packetsReceived: 116,
      sentDurationS: 3,
      receivedMediaS: 2.832,
    });
    expect(stats.keyframeRequests).toBe(0);
    expect(stats.keyframeRequestsSent).toBe(0);
  });

  it('maps the answerer, whose audio m-line receives but sends nothing', () => {
    const stats = mapRtcStats(recorded.answerer.report, recorded.answerer.transceivers);
    expect(stats.audio.packetsReceived).toBe(150);
    expect(stats.audio.packetsSent).toBe(0);
    expect(stats.video.packetsReceived).toBe(115);
    expect(stats.video.packetsSent).toBe(116);
    expect(stats.streams.map((s) => [s.mid, s.kind, s.codec, s.bytesReceived])).toEqual([
      ['0', 'audio', 'opus', 7675],
      ['1', 'video', 'vp8', 78141],
    ]);
    // Audio that is never played out is never decoded: Chromium reports no samples, so no media seconds.
    expect(stats.streams[0]?.mediaSecondsReceived).toBe(0);
    expect(stats.streams[1]?.mediaSecondsReceived).toBe(2.931);
  });

  it('counts keyframe requests from outbound-rtp (received) and inbound-rtp (sent), and sums simulcast layers', () => {
    // The recorded offerer report with keyframe requests written in, and its video sent as two layers.
    const report = recorded.offerer.report.map((entry) => {
      if (entry.type === 'outbound-rtp' && entry.kind === 'video')
        return { ...entry, pliCount: 3, firCount: 1 };
      if (entry.type === 'inbound-rtp' && entry.kind === 'video')
        return { ...entry, pliCount: 2, firCount: 0 };
      return entry;
    });
    const layer = report.find((entry) => entry.type === 'outbound-rtp' && entry.kind === 'video');
    report.push({
      ...(layer as RtcStatsEntry),
      id: 'OT01V-layer-h',
      packetsSent: 40,
      bytesSent: 1000,
      pliCount: 2,
    });
    const stats = mapRtcStats(report, recorded.offerer.transceivers);
    expect(stats.keyframeRequests).toBe(3 + 1 + 2 + 1);
    expect(stats.keyframeRequestsSent).toBe(2);
    expect(stats.video.packetsSent).toBe(115 + 40);
    expect(stats.streams[1]?.bytesSent).toBe(78141 + 1000);
  });

  it('lists an m-line without RTP yet with zero counts, names feeds, and maps an empty report to zeros', () => {
    const lines: TransceiverLine[] = [...recorded.offerer.transceivers, { mid: '2', kind: 'video' }];
    const stats = mapRtcStats(recorded.offerer.report, lines, (mid) => (mid === '2' ? 42 : undefined));
    expect(stats.streams.map((s) => s.mid)).toEqual(['0', '1', '2']);
    expect(stats.streams[2]).toEqual({
      mid: '2',
      kind: 'video',
      codec: undefined,
      feed: 42,
      packetsSent: 0,
      packetsReceived: 0,
      bytesSent: 0,
      bytesReceived: 0,
      mediaSecondsSent: 0,
      mediaSecondsReceived: 0,
    });
    expect(stats.streams[0]).not.toHaveProperty('feed');
    expect(mapRtcStats([])).toEqual(emptyMediaStats());
  });
});
