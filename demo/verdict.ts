/**
 * What the demo checks before it says it passed: packets sent and echoed for both kinds, and a recording
 * that holds an audio and a video stream, checked in process (no ffprobe).
 * @module
 */
import type { PeerStats } from '../src/media/janus-peer.js';
import { inspectWebm } from '../src/media/webm-file.js';

/** The problems with an echo call's outcome; empty when media flowed both ways and was recorded. */
export async function mediaVerdict(stats: PeerStats, recording: string): Promise<string[]> {
  const problems: string[] = [];
  for (const kind of ['audio', 'video'] as const) {
    const { packetsSent, packetsReceived } = stats[kind];
    if (packetsSent === 0) problems.push(`no ${kind} packets were sent (the media source produced nothing)`);
    else if (packetsReceived === 0) problems.push(`no ${kind} packets came back from Janus`);
  }
  try {
    // In process, no ffprobe: the tracks, the frames stored for each, and the file's structure.
    const inspected = inspectWebm(recording);
    for (const kind of ['audio', 'video'] as const) {
      const track = inspected.tracks.find((candidate) => candidate.kind === kind);
      if (!track) problems.push(`the recording ${recording} has no ${kind} stream`);
      else if (track.blocks === 0) problems.push(`the recording ${recording} has no ${kind} frames`);
    }
    for (const problem of inspected.problems) problems.push(`the recording ${recording}: ${problem}`);
  } catch (error) {
    problems.push(
      `the recording ${recording} cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return problems;
}
