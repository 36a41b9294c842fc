/**
 * The runtime check of the one `stats()` shape every handle with media has (`MediaStats`).
 */
import { expect } from 'vitest';
import type { MediaStats } from '../../../src/plugins/index.js';

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

/**
 * Asserts `stats` has the `MediaStats` shape: per-kind totals with numbers, and one stream entry per
 * audio/video m-line with exactly the stream keys (plus `feed` where `withFeed`), every count a number.
 * Extra per-kind counters added later are admitted as numbers; the top level also has the key-frame request
 * counts (`keyframeRequests` received from Janus, `keyframeRequestsSent` by us), both numbers.
 */
export function expectMediaStatsShape(stats: MediaStats, options: { withFeed?: boolean } = {}): void {
  expect(Object.keys(stats).sort()).toEqual([
    'audio',
    'keyframeRequests',
    'keyframeRequestsSent',
    'streams',
    'video',
  ]);
  expect(typeof stats.keyframeRequests).toBe('number');
  expect(typeof stats.keyframeRequestsSent).toBe('number');
  for (const kind of ['audio', 'video'] as const) {
    for (const key of KIND_KEYS) expect(typeof stats[kind][key as keyof MediaStats['audio']]).toBe('number');
    for (const value of Object.values(stats[kind])) expect(typeof value).toBe('number');
  }
  expect(stats.streams.length).toBeGreaterThan(0);
  for (const stream of stats.streams) {
    const expected = options.withFeed ? [...STREAM_KEYS, 'feed'].sort() : STREAM_KEYS;
    expect(Object.keys(stream).sort()).toEqual(expected);
    expect(['audio', 'video']).toContain(stream.kind);
    expect(typeof stream.codec).toBe('string');
    for (const key of STREAM_KEYS.filter((k) => !['codec', 'kind', 'mid'].includes(k))) {
      expect(typeof stream[key as keyof typeof stream]).toBe('number');
    }
  }
}
