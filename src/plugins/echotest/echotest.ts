/**
 * The EchoTest plugin as a typed handle: `start` a call that Janus echoes back, send data, read packet
 * counts, `configure` it, `hangup`.
 * @module
 */
import type { JanusError } from '../../errors.js';
import type { PluginDescriptor } from '../../janus-session.js';
import type { PeerStats } from '../../media/janus-peer.js';
import type { MediaSourceSpec } from '../../media/media-source.js';
import type { WeriftWorkaroundOptions } from '../../media/werift-workarounds.js';
import { type HandleEventMap, type PluginEvent, PluginHandle } from '../../plugin-handle.js';
import type { PluginReply } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import type { EchoTestEvent, EchoTestOkEvent, EchoTestRequest } from './types.js';

/** Options of {@link EchoTestHandle.start}. */
export interface EchoTestStartOptions extends CallOptions {
  /** Send audio (Opus) and receive its echo. Default `true`. */
  audio?: boolean;
  /** Send video (VP8) and receive its echo. Default `true`. */
  video?: boolean;
  /** Open a data channel; Janus echoes each message. Default `false`. */
  data?: boolean;
  /** What to send. Default `MediaSource.generated()`. */
  source?: MediaSourceSpec;
  /** Record the echo to this WebM file. Default: no recording. */
  recordTo?: string;
  /** Cap the echoed bitrate (bit/s). Default: no cap. */
  bitrate?: number;
  /** `false` sends a complete SDP instead of trickling candidates. Default `true`. */
  trickle?: boolean;
  /** werift workarounds for this call's peer (see `werift-workarounds`); `false` for stock werift. Default: all on. */
  workarounds?: WeriftWorkaroundOptions | false;
}

/** Events of an EchoTest handle: the base handle events plus the echoed data and typed plugin events. */
export type EchoTestEventMap = HandleEventMap & {
  /** A message the data channel brought back. */
  data: [string | Buffer];
  /** A typed EchoTest plugin event (`done`, simulcast/SVC layers, slow link, error). */
  echotest: [EchoTestEvent];
};

/** A handle to `janus.plugin.echotest`. Get one with `session.attach(EchoTest)`. */
export class EchoTestHandle extends PluginHandle<EchoTestEventMap> {
  /**
   * Starts an echo call and resolves at `webrtcup`: offers the kinds asked for, sends media from
   * `source`, records what comes back to `recordTo`. Calling it again renegotiates (e.g. adds video).
   * Rejects with `TIMEOUT` when `webrtcup` does not come within `timeoutMs` (default 10,000 ms), and with
   * `DTLS_FINGERPRINT` when Janus's DTLS certificate does not match its SDP (no media flows).
   */
  async start(options: EchoTestStartOptions = {}): Promise<PluginReply<EchoTestOkEvent>> {
    const audio = options.audio ?? true;
    const video = options.video ?? true;
    const body: EchoTestRequest = { audio, video };
    if (options.bitrate !== undefined) body.bitrate = options.bitrate;
    const alreadyUp = this.webrtcActive;
    const up = alreadyUp ? Promise.resolve() : this.#webrtcUp(options.timeoutMs ?? 10_000);
    up.catch(() => {});
    const reply = await this.offer(body as Record<string, unknown>, {
      audio,
      video,
      ...(options.data !== undefined ? { data: options.data } : {}),
      ...(options.source ? { source: options.source } : {}),
      ...(options.recordTo ? { recordTo: options.recordTo } : {}),
      ...(options.trickle !== undefined ? { trickle: options.trickle } : {}),
      ...(options.workarounds !== undefined ? { workarounds: options.workarounds } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    this.#forwardData();
    await up;
    return reply as unknown as PluginReply<EchoTestOkEvent>;
  }

  /** Sends text or bytes on the data channel (queued until it opens); `data: true` must have been negotiated. */
  sendData(data: string | Uint8Array): void {
    const peer = this.peer;
    if (!peer) throw new Error('sendData: start() the echo test with data: true first');
    peer.sendData(data);
  }

  /** Packets sent and echoed back, per kind. */
  stats(): PeerStats {
    return (
      this.peer?.stats() ?? {
        audio: { packetsSent: 0, packetsReceived: 0, sentDurationS: 0, receivedMediaS: 0 },
        video: { packetsSent: 0, packetsReceived: 0, sentDurationS: 0, receivedMediaS: 0 },
        keyframeRequests: 0,
        keyframeRequestsSent: 0,
      }
    );
  }

  /** Changes the echo: mute audio or video, cap the bitrate, record on the server... */
  async configure(
    request: EchoTestRequest,
    options: CallOptions = {},
  ): Promise<PluginReply<EchoTestOkEvent>> {
    return this.message<EchoTestOkEvent>(request as Record<string, unknown>, options);
  }

  protected override onPluginEvent(event: PluginEvent): void {
    super.onPluginEvent(event);
    this.emit('echotest', event.data as unknown as EchoTestEvent);
  }

  #forwarding = false;

  #forwardData(): void {
    const peer = this.peer;
    if (!peer || this.#forwarding) return;
    this.#forwarding = true;
    peer.on('data', (message) => this.emit('data', message));
  }

  #webrtcUp(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('webrtcup', onUp);
        this.off('peer-failed', onFailed);
        reject(new Error(`no webrtcup within ${timeoutMs} ms`));
      }, timeoutMs);
      const onUp = (): void => {
        this.off('webrtcup', onUp);
        // Our DTLS side may still be checking Janus's certificate when `webrtcup` arrives.
        (this.peer?.settled() ?? Promise.resolve()).then(() => {
          clearTimeout(timer);
          this.off('peer-failed', onFailed);
          resolve();
        }, onFailed);
      };
      const onFailed = (error: JanusError): void => {
        clearTimeout(timer);
        this.off('webrtcup', onUp);
        this.off('peer-failed', onFailed);
        reject(error);
      };
      this.on('webrtcup', onUp);
      this.on('peer-failed', onFailed);
    });
  }
}

/** The EchoTest plugin: `session.attach(EchoTest)` gives an {@link EchoTestHandle}. */
export const EchoTest: PluginDescriptor<EchoTestHandle> = {
  plugin: 'janus.plugin.echotest',
  create: (host, actor) => new EchoTestHandle(host, actor, 'janus.plugin.echotest'),
};
