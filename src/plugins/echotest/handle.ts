/**
 * The EchoTest plugin as a typed handle: `start` a call that Janus echoes back, send data, read
 * `stats()`, `configure` it, `hangup`.
 * @module
 */
import { JanusError } from '../../errors.js';
import type { PluginDescriptor } from '../../janus-session.js';
import type { MediaSourceSpec } from '../../media/media-source.js';
import type { WeriftWorkaroundOptions } from '../../media/werift-workarounds.js';
import type { HandleEventMap, PluginEvent } from '../../plugin-handle.js';
import type { PluginReply } from '../../protocol/messages.js';
import type { CallOptions } from '../../util/abort.js';
import { offerRequest } from '../common/client-offers.js';
import { MediaPluginHandle } from '../common/media-handle.js';
import { assertJanusBody } from '../common/request-body.js';
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
  /** Resolve at `webrtcup` (`true`) or at the plugin's reply (`false`). Default `true`. */
  waitForMedia?: boolean;
}

/** Events of an EchoTest handle: the base handle events plus the echoed data and typed plugin events. */
export type EchoTestEventMap = HandleEventMap & {
  /** A message the data channel brought back: text, or bytes (a `Buffer` in Node, a `Uint8Array` in the browser). */
  data: [string | Uint8Array];
  /** A typed EchoTest plugin event (`done`, simulcast/SVC layers, slow link, error). */
  echotest: [EchoTestEvent];
};

/** A handle to `janus.plugin.echotest`. Get one with `session.attach(EchoTest)`. */
export class EchoTestHandle extends MediaPluginHandle<EchoTestEventMap> {
  /**
   * Starts an echo call and resolves at `webrtcup`: offers the kinds asked for, sends media from
   * `source`, records what comes back to `recordTo`. Calling it again renegotiates (e.g. adds video).
   * Rejects with `TIMEOUT` when `webrtcup` does not come within `timeoutMs` (default 10,000 ms), and with
   * `DTLS_FINGERPRINT` when Janus's DTLS certificate does not match its SDP (no media flows);
   * `waitForMedia: false` resolves at the plugin's reply instead.
   */
  async start(options: EchoTestStartOptions = {}): Promise<PluginReply<EchoTestOkEvent>> {
    const audio = options.audio ?? true;
    const video = options.video ?? true;
    const body: EchoTestRequest = { audio, video };
    if (options.bitrate !== undefined) body.bitrate = options.bitrate;
    const { bitrate: _bitrate, ...media } = options;
    const reply = await offerRequest<EchoTestOkEvent>(this, undefined, body, { ...media, audio, video });
    this.#forwardData();
    return reply;
  }

  /** Sends text or bytes on the data channel (queued until it opens); `data: true` must have been negotiated. */
  sendData(data: string | Uint8Array): void {
    const peer = this.mediaPeer;
    if (!peer) {
      throw new JanusError('INVALID_STATE', 'sendData: start() the echo test with data: true first');
    }
    peer.sendData(data);
  }

  /**
   * Changes the echo: mute audio or video, cap the bitrate, record on the server... Rejects with
   * `INVALID_ARGUMENT` (nothing sent) when the body holds a client option (`source`, `recordTo`, a
   * direction).
   */
  async configure(
    request: EchoTestRequest,
    options: CallOptions = {},
  ): Promise<PluginReply<EchoTestOkEvent>> {
    assertJanusBody('EchoTest.configure', request);
    return this.message<EchoTestOkEvent>(request as Record<string, unknown>, options);
  }

  protected override onPluginEvent(event: PluginEvent): void {
    super.onPluginEvent(event);
    this.emit('echotest', event.data as unknown as EchoTestEvent);
  }

  #forwarding = false;

  #forwardData(): void {
    const peer = this.mediaPeer;
    if (!peer || this.#forwarding) return;
    this.#forwarding = true;
    peer.on('data', (message) => this.emit('data', message));
  }
}

/** The EchoTest plugin: `session.attach(EchoTest)` gives an {@link EchoTestHandle}. */
export const EchoTest: PluginDescriptor<EchoTestHandle> = {
  plugin: 'janus.plugin.echotest',
  create: (host, actor) => new EchoTestHandle(host, actor, 'janus.plugin.echotest'),
};
