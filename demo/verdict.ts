/**
 * What the demo checks before it says it passed: packets sent and echoed for both kinds, and a recording
 * that holds an audio and a video stream.
 * @module
 */
import type { PeerStats } from '../src/media/janus-peer.js';
import { probeMedia } from '../src/media/webm-recorder.js';

/** The problems with an echo call's outcome; empty when media flowed both ways and was recorded. */
export async function mediaVerdict(stats: PeerStats, recording: string): Promise<string[]> {
  const problems: string[] = [];
  for (const kind of ['audio', 'video'] as const) {
    const { packetsSent, packetsReceived } = stats[kind];
    if (packetsSent === 0) problems.push(`no ${kind} packets were sent (the media source produced nothing)`);
    else if (packetsReceived === 0) problems.push(`no ${kind} packets came back from Janus`);
  }
  try {
    const probed = await probeMedia(recording);
    for (const kind of ['audio', 'video'])
      if (!probed.streams.some((stream) => stream.kind === kind))
        problems.push(`the recording ${recording} has no ${kind} stream`);
  } catch (error) {
    problems.push(
      `the recording ${recording} cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return problems;
}
