/**
 * Recording received werift tracks to a WebM file (Opus audio, VP8/VP9/H.264/AV1 video) with
 * werift's own `MediaRecorder` (`werift/nonstandard`, `WebmFactory`: depacketize, jitter buffer,
 * lip sync, Matroska muxing), plus {@link probeMedia} to check a file with `ffprobe`. This is
 * what `recordTo(path)` builds on.
 *
 * @packageDocumentation
 */
import { execFile } from 'node:child_process';
import type { MediaStreamTrack } from 'werift';
import { MediaRecorder } from 'werift/nonstandard';
import { finaliseWebm } from './webm-file.js';

/** Options of {@link recordToWebm}. */
export interface WebmRecorderOptions {
  /** Video width written to the track header. Default 640 (players use the stream's own size). */
  readonly width?: number;
  /** Video height written to the track header. Default 360. */
  readonly height?: number;
  /**
   * Time stamps from RTP only (`true`, the default) or aligned with the sender's RTCP sender
   * reports (`false`; then nothing is written before the first sender report of each stream).
   */
  readonly rtpTimeOnly?: boolean;
  /**
   * Skip werift's audio/video lip sync stage. Default `true`: it only helps with
   * `rtpTimeOnly: false`, and it works in 500 ms steps and drops its last partial step on stop
   * (files ~0.3-0.5 s shorter than what was received).
   */
  readonly disableLipSync?: boolean;
}

/** A running recording. */
export interface WebmRecording {
  /** The file being written. */
  readonly path: string;
  /** Rejects on a recorder error (e.g. an unsupported codec). */
  readonly failed: Promise<never>;
  /**
   * Stops recording and finalizes the file (duration, cues, and a real size for every element, so that
   * `ffprobe -v warning` has nothing to say); waits up to ~5 s.
   */
  stop(): Promise<void>;
}

/**
 * Starts recording `tracks` (remote werift tracks, e.g. from `pc.ontrack`) to `path`, which must
 * end in `.webm`. Recording starts at once; the first video frames are written from the first
 * key frame on.
 *
 * @param path - output file, replaced if it exists
 * @param tracks - the tracks to record (at least one), each with its negotiated `codec`
 * @param options - see {@link WebmRecorderOptions}
 * @throws Error if no track is given or the path does not end in `.webm`
 */
export function recordToWebm(
  path: string,
  tracks: { audio?: MediaStreamTrack; video?: MediaStreamTrack },
  options: WebmRecorderOptions = {},
): WebmRecording {
  if (!path.endsWith('.webm')) throw new Error(`recordToWebm: '${path}' does not end in .webm`);
  const list = [tracks.audio, tracks.video].filter((track): track is MediaStreamTrack => track !== undefined);
  if (list.length === 0) throw new Error('recordToWebm: no track to record');
  const recorder = new MediaRecorder({
    path,
    tracks: list,
    width: options.width ?? 640,
    height: options.height ?? 360,
    disableNtp: options.rtpTimeOnly ?? true,
    disableLipSync: options.disableLipSync ?? true,
  });
  const failed = new Promise<never>((_, reject) => {
    recorder.onError.subscribe((error) => reject(error));
  });
  failed.catch(() => {});
  let stopped: Promise<void> | undefined;
  return {
    path,
    failed,
    stop: () => {
      stopped ??= recorder.stop().then(() => {
        try {
          finaliseWebm(path);
        } catch {
          // Nothing was written (no key frame arrived): there is no file to finalise.
        }
      });
      return stopped;
    },
  };
}

/** One stream of a probed file. */
export interface ProbedStream {
  /** `'audio'`, `'video'`, ... */
  readonly kind: string;
  /** ffprobe's codec name, e.g. `'opus'`, `'vp8'`. */
  readonly codec: string;
  /** Video width, if any. */
  readonly width?: number;
  /** Video height, if any. */
  readonly height?: number;
}

/** What {@link probeMedia} found. */
export interface ProbedMedia {
  /** Container duration in seconds (`NaN` if ffprobe reports none). */
  readonly durationS: number;
  /** The streams. */
  readonly streams: readonly ProbedStream[];
}

/**
 * Reads a media file's streams and duration with `ffprobe`.
 *
 * @param path - the file
 * @param ffprobePath - the executable. Default `'ffprobe'`
 * @throws Error if ffprobe fails or cannot read the file
 */
export function probeMedia(path: string, ffprobePath = 'ffprobe'): Promise<ProbedMedia> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  return new Promise((resolve, reject) => {
    execFile(ffprobePath, args, { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`ffprobe ${path} failed: ${stderr || error.message}`));
        return;
      }
      const parsed = JSON.parse(stdout) as {
        format?: { duration?: string };
        streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[];
      };
      resolve({
        durationS: Number(parsed.format?.duration ?? Number.NaN),
        streams: (parsed.streams ?? []).map((stream) => ({
          kind: stream.codec_type ?? 'unknown',
          codec: stream.codec_name ?? 'unknown',
          ...(stream.width === undefined ? {} : { width: stream.width }),
          ...(stream.height === undefined ? {} : { height: stream.height }),
        })),
      });
    });
  });
}
