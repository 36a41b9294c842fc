/**
 * `recordTo` keeps what arrives before the recorder is ready. The WebM writer (werift's `MediaRecorder`)
 * is loaded on first use and subscribes after an await of its own, so the packets of the first moments
 * are kept and replayed to it. A `test:repeat` run (and a run beside a CPU burner) found the replay going
 * out before the writer listened: a new werift track already has a subscriber of its own, so "someone
 * listens" was true at once, and the first 0.4–0.9 s of each AudioBridge recording were missing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MediaStreamTrack, type RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { PeerRecordings } from '../../../src/media/peer-recording.js';

const run = promisify(execFile);

/** A peer connection with one receiving audio m-line whose remote track is `track`. */
function peerWith(track: MediaStreamTrack): RTCPeerConnection {
  const transceiver = { kind: 'audio', mid: '0', direction: 'recvonly', receiver: { tracks: [track] } };
  return { getTransceivers: () => [transceiver] } as unknown as RTCPeerConnection;
}

/** Opus packet `i` of a 20 ms stream (a one-byte silent frame is enough for the container). */
function opusPacket(i: number): RtpPacket {
  const header = new RtpHeader({
    sequenceNumber: i + 1,
    timestamp: 1000 + i * 960,
    payloadType: 111,
    ssrc: 4242,
  });
  return new RtpPacket(header, Buffer.from([0xf8, 0xff, 0xfe]));
}

describe('recordTo', () => {
  it('writes the packets that arrived before the recorder listened, then the rest, in order', async () => {
    const codec = { name: 'opus', mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType: 111 };
    const track = new MediaStreamTrack({ kind: 'audio', codec: codec as never, remote: true });
    const path = join(await mkdtemp(join(tmpdir(), 'janus-xstate-rec-')), 'early.webm');
    const recordings = new PeerRecordings(peerWith(track), () => ({}));
    recordings.update(path);
    // 45 packets (0.9 s) at once, while the recorder is still being set up: they must be kept.
    for (let i = 0; i < 45; i++) track.onReceiveRtp.execute(opusPacket(i));
    for (let i = 45; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      track.onReceiveRtp.execute(opusPacket(i));
    }
    await recordings.stop();
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'packet=pts_time',
      '-of',
      'csv=p=0',
      path,
    ]);
    const times = stdout.trim().split('\n').map(Number);
    expect(times).toHaveLength(100);
    // One packet every 20 ms from 0: nothing dropped at the start, nothing squeezed.
    expect(times.every((t, i) => Math.abs(t - i * 0.02) < 0.001)).toBe(true);
  });
});
