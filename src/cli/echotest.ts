/**
 * An echo call with live progress, shared by the CLI's `echotest` command and the demo.
 * @module
 */
// Node only: the Node transports and werift peers.
import '../platform/node.js';
import { connect } from '../connect.js';
import type { PeerStats } from '../media/janus-peer.js';
import { MediaSource } from '../media/media-source.js';
import type { ConnectOptions } from '../options.js';
import { EchoTest } from '../plugins/echotest/index.js';

/** Options of {@link runEchoTest}. */
export interface EchoTestRunOptions {
  /** The Janus API URL. */
  url: string;
  /** Connection options (secrets, logger...). */
  connectOptions?: ConnectOptions;
  /** A media file to play; default a generated tone and test pattern. */
  play?: string | undefined;
  /** A WebM file to record the echo to. */
  record?: string | undefined;
  /** How long to run, in seconds. Default 5. */
  seconds?: number;
  /** Called about every 250 ms with the counts so far and the data-channel round trip. */
  onProgress?: (progress: EchoTestProgress) => void;
}

/** Progress of an echo call. */
export interface EchoTestProgress {
  /** Seconds since `webrtcup`. */
  elapsedS: number;
  /** Packets sent and echoed, per kind. */
  stats: PeerStats;
  /** Last data-channel round trip in ms, if measured. */
  roundTripMs: number | undefined;
}

/** What an echo call measured. */
export interface EchoTestResult {
  /** Connect to `webrtcup`, in ms. */
  connectToWebrtcupMs: number;
  /** Final packet counts. */
  stats: PeerStats;
  /** Median data-channel round trip, in ms. */
  medianRoundTripMs: number | undefined;
  /** The recording's path, if one was made. */
  recording: string | undefined;
}

/** Runs an EchoTest call for `seconds`, printing nothing itself; returns what it measured. */
export async function runEchoTest(options: EchoTestRunOptions): Promise<EchoTestResult> {
  const seconds = options.seconds ?? 5;
  const started = performance.now();
  const janus = await connect(options.url, options.connectOptions ?? {});
  try {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    const source = options.play ? MediaSource.file(options.play, { loop: true }) : MediaSource.generated();
    await echo.start({
      audio: true,
      video: true,
      data: true,
      source,
      ...(options.record ? { recordTo: options.record } : {}),
    });
    const connectToWebrtcupMs = performance.now() - started;
    const upAt = performance.now();
    const roundTrips: number[] = [];
    let lastRoundTrip: number | undefined;
    echo.on('data', (message) => {
      const sentAt = Number(/ping (\d+(?:\.\d+)?)/.exec(String(message))?.[1]);
      if (!Number.isFinite(sentAt)) return;
      lastRoundTrip = performance.now() - sentAt;
      roundTrips.push(lastRoundTrip);
    });
    while (performance.now() - upAt < seconds * 1000) {
      echo.sendData(`ping ${performance.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      options.onProgress?.({
        elapsedS: (performance.now() - upAt) / 1000,
        stats: echo.stats(),
        roundTripMs: lastRoundTrip,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stats = echo.stats();
    await echo.hangup();
    await echo.closePeer();
    roundTrips.sort((a, b) => a - b);
    return {
      connectToWebrtcupMs,
      stats,
      medianRoundTripMs: roundTrips.length ? roundTrips[Math.floor(roundTrips.length / 2)] : undefined,
      recording: options.record,
    };
  } finally {
    await janus.close();
  }
}

/** One progress line: `2.5 s  audio 125/124  video 150/150  rtt 1.2 ms`. */
export function formatProgress(progress: EchoTestProgress): string {
  const kind = (name: string, s: { packetsSent: number; packetsReceived: number }) =>
    `${name} ${s.packetsSent} sent / ${s.packetsReceived} echoed`;
  const rtt = progress.roundTripMs === undefined ? '' : `  data rtt ${progress.roundTripMs.toFixed(1)} ms`;
  return `${progress.elapsedS.toFixed(1)} s  ${kind('audio', progress.stats.audio)}  ${kind('video', progress.stats.video)}${rtt}`;
}
