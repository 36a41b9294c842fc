/**
 * Files played in process, without ffmpeg: VP9 in WebM (with Opus) and in IVF is read and packetised as
 * VP9, frame for frame, key frames where libvpx put them (every 15 frames in the fixtures of
 * `scripts/make-vp9-fixtures.sh`). Each payload starts with a VP9 descriptor (B on a frame's first
 * payload, E on its last), so the frames go out as they are instead of through an ffmpeg transcoder.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMediaFile } from '../../../src/media/media-file.js';
import type { PacketisedTrack } from '../../../src/media/packet-source.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/media/${name}`, import.meta.url));

/** 2 s at 30 fps, a key frame every 15 frames (the fixtures' settings). */
const FRAMES = 60;
const KEYFRAMES_AT = [0, 15, 30, 45];

function expectVp9(track: PacketisedTrack | undefined): void {
  expect(track?.codec).toBe('VP9');
  const frames = track?.frames ?? [];
  expect(frames).toHaveLength(FRAMES);
  expect(frames.flatMap((frame, i) => (frame.keyframe ? [i] : []))).toEqual(KEYFRAMES_AT);
  for (const frame of frames) {
    // 30 fps on the 90 kHz clock (WebM time stamps are whole milliseconds: 33 or 34 ms).
    expect(Math.abs(frame.durationTicks - 3000)).toBeLessThanOrEqual(90);
    expect((frame.payloads[0]?.[0] ?? 0) & 0x08).toBe(0x08);
    expect((frame.payloads.at(-1)?.[0] ?? 0) & 0x04).toBe(0x04);
  }
}

describe('loadMediaFile: VP9 in process', () => {
  it('plays a WebM with VP9 video and Opus audio', () => {
    const media = loadMediaFile(fixture('vp9-opus.webm'));
    expectVp9(media?.video);
    expect(media?.audio?.codec).toBe('opus');
    // 2 s of 20 ms Opus frames.
    expect(media?.audio?.frames.length).toBeGreaterThanOrEqual(100);
  });

  it('plays an IVF with VP9 video', () => {
    const media = loadMediaFile(fixture('vp9.ivf'));
    expectVp9(media?.video);
    expect(media?.audio).toBeUndefined();
  });

  it('still leaves what it cannot play to ffmpeg', () => {
    expect(loadMediaFile(fixture('film.mp4'))).toBeUndefined();
  });
});
