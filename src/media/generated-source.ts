/**
 * Real-time Opus/VP8 RTP from the `ffmpeg` executable, for feeding werift tracks: a generated test
 * tone and test pattern, or any media file (optionally looped).
 *
 * ffmpeg encodes in real time (`-re`) and sends RTP over loopback UDP to sockets this module binds
 * on ephemeral ports; each packet is parsed and handed to listeners, or written to werift tracks
 * with {@link RtpSource.pipeTo} (werift rewrites SSRC, payload type, sequence numbers and
 * timestamps per sender). Nothing but loopback is used. This is what `MediaSource.generated()`
 * and `MediaSource.file(path, { loop })` build on.
 *
 * Requires an `ffmpeg` with `libopus` and `libvpx` (Debian's has both).
 *
 * @packageDocumentation
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { isRtcp, type MediaStreamTrack, RtpPacket } from 'werift';
import type { MediaKind, PacketSource } from './packet-source.js';
import { PacedRtpStream, RTP_MAX_PLAYOUT_DELAY_MS, RTP_PLAYOUT_DELAY_MS } from './rtp-pacing.js';

export type { MediaKind } from './packet-source.js';

/** A generated source: a sine tone and an animated test pattern (ffmpeg `lavfi`). */
export interface GeneratedInput {
  /** Discriminant. */
  readonly type: 'generated';
  /** Tone frequency in Hz. Default 440. */
  readonly toneHz?: number;
  /** ffmpeg `lavfi` video source name. Default `'testsrc2'` (moving, with a frame counter). */
  readonly pattern?: 'testsrc' | 'testsrc2' | 'smptebars' | 'rgbtestsrc';
}

/** A media file, decoded and re-encoded to Opus/VP8 in real time. */
export interface FileInput {
  /** Discriminant. */
  readonly type: 'file';
  /** Path of any file ffmpeg can read; it must contain every kind asked for. */
  readonly path: string;
  /** Start over at the end, forever (until {@link RtpSource.stop}). Default `false`. */
  readonly loop?: boolean;
}

/** Audio encoding settings (Opus, 48 kHz, 20 ms frames). */
export interface AudioEncoding {
  /** Bitrate in kbit/s. Default 48. */
  readonly bitrateKbps?: number;
}

/**
 * Video encoding settings (VP8, real-time). Size and rate default to 320×240 at 30 fps for the
 * generated pattern; a file keeps its own unless both `width` and `height` (or `fps`) are given.
 */
export interface VideoEncoding {
  /** Width in pixels. Default 320 (generated). */
  readonly width?: number;
  /** Height in pixels. Default 240 (generated). */
  readonly height?: number;
  /** Frames per second. Default 30 (generated). */
  readonly fps?: number;
  /** Bitrate in kbit/s. Default 400. */
  readonly bitrateKbps?: number;
  /**
   * Frames between key frames. Default: half of `fps` (15 if not given), two per second: ffmpeg cannot be
   * asked for a key frame, so a receiver that asks (PLI/FIR) waits at most this long.
   */
  readonly keyframeInterval?: number;
}

/** Options of {@link startRtpSource}. */
export interface RtpSourceOptions {
  /** What to encode. Default: `{ type: 'generated' }`. */
  readonly input?: GeneratedInput | FileInput;
  /** Produce Opus audio (`true` = defaults). Default `true`. */
  readonly audio?: boolean | AudioEncoding;
  /** Produce VP8 video (`true` = defaults). Default `true`. */
  readonly video?: boolean | VideoEncoding;
  /** Stop by itself after this many seconds. Default: run until {@link RtpSource.stop}. */
  readonly durationS?: number;
  /** The ffmpeg executable. Default `'ffmpeg'`. */
  readonly ffmpegPath?: string;
  /** Loopback address for the RTP sockets. Default `'127.0.0.1'`. */
  readonly host?: string;
  /** RTP packet size limit in bytes (leave room for SRTP and a UDP/IP header). Default 1200. */
  readonly maxPacketSize?: number;
  /**
   * Release each packet on its RTP timestamp (the shared pacer, {@link RTP_PLAYOUT_DELAY_MS} behind the
   * first packet) instead of as it arrives: ffmpeg's output comes in bursts on a loaded machine.
   * Default `true`.
   */
  readonly pace?: boolean;
}

/** How the ffmpeg process ended. */
export interface SourceExit {
  /** Exit code, or `null` when ended by a signal. */
  readonly code: number | null;
  /** Signal name, or `null`. */
  readonly signal: NodeJS.Signals | null;
  /** True when it ended because {@link RtpSource.stop} was called. */
  readonly stopped: boolean;
  /** The last part of ffmpeg's log (stderr), for error messages. */
  readonly log: string;
}

/** A running source. */
export interface RtpSource extends PacketSource {
  /** The kinds this source produces. */
  readonly kinds: readonly MediaKind[];
  /** Packets produced so far, per kind (RTCP from ffmpeg is not counted and not forwarded). */
  readonly produced: Readonly<Record<MediaKind, number>>;
  /**
   * Resolves when ffmpeg has exited (by itself, after `durationS`, on error, or by `stop`) and, unless
   * stopped, every packet it sent has gone to the listeners (the pacer releases each on its RTP time).
   */
  readonly exited: Promise<SourceExit>;
  /**
   * Calls `listener` for every RTP packet. The packet is a fresh parse per listener, so a
   * listener may modify it.
   *
   * @returns a function that removes the listener
   */
  onPacket(listener: (kind: MediaKind, packet: RtpPacket) => void): () => void;
  /**
   * Writes every packet of each kind to the given werift track (`track.writeRtp`). werift's sender
   * drops packets while its DTLS transport is not connected, so pipe once connected.
   *
   * @returns a function that stops writing
   */
  pipeTo(tracks: Partial<Record<MediaKind, MediaStreamTrack>>): () => void;
  /** Resolves once every kind produced a packet; rejects if ffmpeg exits first or after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops ffmpeg (SIGTERM, SIGKILL after 2 s) and closes the sockets. Safe to call twice. */
  stop(): Promise<void>;
}

/** Payload types ffmpeg is told to use (werift rewrites them to the negotiated ones). */
const PAYLOAD_TYPE: Record<MediaKind, number> = { audio: 111, video: 96 };

/**
 * Starts ffmpeg and the sockets it sends to.
 *
 * @example
 * ```ts
 * const source = await startRtpSource({ input: { type: 'generated' } });
 * await source.ready();
 * const stopPiping = source.pipeTo({ audio: audioTrack, video: videoTrack });
 * // ...
 * await source.stop();
 * ```
 * @param options - input, encodings, duration; see {@link RtpSourceOptions}
 * @throws Error if neither audio nor video is asked for, or a socket cannot be bound
 */
export async function startRtpSource(options: RtpSourceOptions = {}): Promise<RtpSource> {
  const input = options.input ?? { type: 'generated' };
  const host = options.host ?? '127.0.0.1';
  const audio = options.audio === false ? undefined : options.audio === true ? {} : (options.audio ?? {});
  const video = options.video === false ? undefined : options.video === true ? {} : (options.video ?? {});
  const kinds: MediaKind[] = [...(audio ? ['audio' as const] : []), ...(video ? ['video' as const] : [])];
  if (kinds.length === 0) throw new Error('startRtpSource: neither audio nor video asked for');

  const sockets = new Map<MediaKind, Socket>();
  try {
    for (const kind of kinds) sockets.set(kind, await bindSocket(host));
  } catch (error) {
    for (const socket of sockets.values()) socket.close();
    throw error;
  }

  const args = ['-hide_banner', '-loglevel', 'warning', '-nostdin'];
  // Input index of each kind: the generated source has one lavfi input per kind, a file one input.
  let videoInput = 0;
  if (input.type === 'generated') {
    if (audio) {
      args.push('-re', '-f', 'lavfi', '-i', `sine=frequency=${input.toneHz ?? 440}:sample_rate=48000`);
      videoInput = 1;
    }
    if (video) {
      const size = `${video.width ?? 320}x${video.height ?? 240}`;
      const pattern = `${input.pattern ?? 'testsrc2'}=size=${size}:rate=${video.fps ?? 30}`;
      args.push('-re', '-f', 'lavfi', '-i', pattern);
    }
  } else {
    args.push('-re', ...(input.loop ? ['-stream_loop', '-1'] : []), '-i', input.path);
  }
  const url = (kind: MediaKind) => {
    const port = (sockets.get(kind)?.address() ?? { port: 0 }).port;
    // RTCP goes to the same port (and is dropped there) instead of port + 1.
    return `rtp://${host}:${port}?rtcpport=${port}&pkt_size=${options.maxPacketSize ?? 1200}`;
  };
  const duration = options.durationS === undefined ? [] : ['-t', String(options.durationS)];
  if (audio) {
    args.push(...duration, '-map', '0:a:0', '-c:a', 'libopus', '-b:a', `${audio.bitrateKbps ?? 48}k`);
    args.push('-ar', '48000', '-ac', '2', '-application', 'lowdelay', '-frame_duration', '20');
    args.push('-payload_type', String(PAYLOAD_TYPE.audio), '-f', 'rtp', url('audio'));
  }
  if (video) {
    const fps = video.fps ?? 30;
    args.push(...duration, '-map', `${videoInput}:v:0`, '-c:v', 'libvpx', '-deadline', 'realtime');
    args.push('-cpu-used', '8', '-b:v', `${video.bitrateKbps ?? 400}k`);
    args.push(
      '-g',
      String(video.keyframeInterval ?? Math.max(1, Math.round(fps / 2))),
      '-lag-in-frames',
      '0',
      '-auto-alt-ref',
      '0',
    );
    args.push('-error-resilient', '1', '-pix_fmt', 'yuv420p');
    if (input.type === 'file') {
      if (video.fps !== undefined) args.push('-r', String(video.fps));
      if (video.width !== undefined && video.height !== undefined) {
        args.push('-s', `${video.width}x${video.height}`);
      }
    }
    args.push('-payload_type', String(PAYLOAD_TYPE.video), '-f', 'rtp', url('video'));
  }

  const child: ChildProcess = spawn(options.ffmpegPath ?? 'ffmpeg', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    log = (log + chunk).slice(-4000);
  });
  let stopping = false;
  trackChild(child);
  const childExited = new Promise<SourceExit>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      untrackChild(child);
      for (const socket of sockets.values()) closeQuietly(socket);
      resolve({ code, signal, stopped: stopping, log });
    };
    child.once('error', (error) => {
      log += `\n${error.message}`;
      finish(null, null);
    });
    child.once('exit', finish);
  });

  const produced: Record<MediaKind, number> = { audio: 0, video: 0 };
  const listeners = new Set<(kind: MediaKind, packet: RtpPacket) => void>();
  const emit = (kind: MediaKind, packet: RtpPacket) => {
    produced[kind]++;
    for (const listener of listeners) listener(kind, packet);
  };
  const paced = new Map<MediaKind, PacedRtpStream>();
  for (const [kind, socket] of sockets) {
    if (options.pace !== false) {
      const clockRate = kind === 'audio' ? 48_000 : 90_000;
      paced.set(kind, new PacedRtpStream(clockRate, (packet) => emit(kind, packet), kind === 'audio'));
    }
    socket.on('message', (data) => {
      if (data.length < 12 || isRtcp(data)) return;
      const packet = RtpPacket.deSerialize(data);
      const stream = paced.get(kind);
      if (stream) stream.push(packet);
      else emit(kind, packet);
    });
  }
  const stopPacing = () => {
    for (const stream of paced.values()) stream.stop();
  };
  // What ffmpeg sent last still goes out on time (the playout delay may have grown to its cap on a loaded
  // machine); then the streams leave the pacer. A stop drops what is queued.
  const drained = async (): Promise<void> => {
    const deadline = performance.now() + RTP_MAX_PLAYOUT_DELAY_MS + 2 * RTP_PLAYOUT_DELAY_MS;
    const queued = () => [...paced.values()].some((stream) => stream.nextAtMs !== Number.POSITIVE_INFINITY);
    while (queued() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const exited = childExited.then(async (exit) => {
    if (!exit.stopped) await drained();
    stopPacing();
    return exit;
  });

  const onPacket = (listener: (kind: MediaKind, packet: RtpPacket) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    kinds,
    produced,
    exited,
    // ffmpeg cannot be asked for a key frame: its short GOP (keyframeInterval) answers instead.
    keyframesOnRequest: 0,
    requestKeyframe: () => {},
    onPacket,
    pipeTo: (tracks) =>
      onPacket((kind, packet) => {
        const track = tracks[kind];
        if (track && !track.stopped) track.writeRtp(packet);
      }),
    ready: (timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (kinds.every((kind) => produced[kind] > 0)) done(undefined);
        };
        const timer = setTimeout(
          () => done(new Error(`ffmpeg produced no RTP within ${timeoutMs} ms\n${log}`)),
          timeoutMs,
        );
        const off = onPacket(check);
        void exited.then((exit) =>
          done(new Error(`ffmpeg exited (${exit.code ?? exit.signal}) before producing RTP\n${exit.log}`)),
        );
        function done(error: Error | undefined) {
          clearTimeout(timer);
          off();
          if (error) reject(error);
          else resolve();
        }
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        stopping = true;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timer);
      } else {
        await exited;
      }
      stopPacing();
      listeners.clear();
    },
  };
}

/** Every running ffmpeg child: one `exit` hook for all of them kills what is left when the process exits. */
const children = new Set<ChildProcess>();
let exitHook = false;

function trackChild(child: ChildProcess): void {
  children.add(child);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const running of children) running.kill('SIGKILL');
  });
}

function untrackChild(child: ChildProcess): void {
  children.delete(child);
}

function bindSocket(host: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
  });
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
