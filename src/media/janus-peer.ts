/**
 * A werift peer connection set up to talk to Janus: the workarounds applied, transceivers and data
 * channels added from a {@link MediaRequest}, media sent from a {@link MediaSourceSpec}, what comes back
 * counted and optionally recorded to WebM, and candidates reported for trickling.
 * @module
 */
import {
  MediaStreamTrack,
  type MediaStreamTrack as MediaStreamTrackType,
  type RTCDataChannel,
  type RTCIceCandidate,
  RTCPeerConnection,
  type RTCRtpTransceiver,
} from 'werift';
import { JanusError } from '../errors.js';
import type { Jsep, TrickleCandidate } from '../protocol/messages.js';
import { withDeadline } from '../util/deadline.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { type MediaKind, type RtpSource, startRtpSource } from './generated-source.js';
import type { MediaSourceSpec } from './media-source.js';
import { RtpCounter } from './rtp-counter.js';
import { recordToWebm, type WebmRecording } from './webm-recorder.js';
import { applyWeriftWorkarounds, type WeriftWorkaroundOptions } from './werift-workarounds.js';

/** Milliseconds after DTLS connected at which the source starts if nobody called `markUp()`. */
export const SOURCE_FALLBACK_MS = 200;

/** The label of the data channel Janus plugins use. */
export const JANUS_DATA_CHANNEL = 'JanusDataChannel';

/** An ICE server (STUN/TURN). */
export interface IceServer {
  /** One URL or several. */
  urls: string | string[];
  /** TURN user name. */
  username?: string;
  /** TURN credential. */
  credential?: string;
}

/** What to negotiate on a peer. */
export interface MediaRequest {
  /** Audio: `true` to send (with a source) and receive; `'recvonly'` to only receive; `false` none/remove. */
  audio?: boolean | 'recvonly';
  /** Video, as for audio. */
  video?: boolean | 'recvonly';
  /** Open a data channel (label `JanusDataChannel`). */
  data?: boolean;
  /** What to send. Default: a generated tone/pattern for every kind that sends. */
  source?: MediaSourceSpec;
  /** Record what comes back to this WebM file. */
  recordTo?: string;
}

/** Options of a peer. */
export interface PeerOptions {
  /** STUN/TURN servers. Default: none, and then no STUN query at all is sent. */
  iceServers?: IceServer[];
  /** werift workarounds; `false` for stock werift. Default: all on. */
  workarounds?: WeriftWorkaroundOptions | false;
  /**
   * The DTLS role werift takes when it answers an offer with `a=setup:actpass` (Janus's offers:
   * VideoRoom subscribers, TextRoom, Streaming, an incoming VideoCall). `'passive'` (default): werift is
   * the DTLS server and Janus sends its ClientHello as soon as its ICE is up. `'active'`: werift's
   * default, DTLS client, which waits a fixed 100 ms (`RTCDtlsTransport.start()` in werift's
   * `transport/dtls.ts`) before its ClientHello.
   */
  answerSetup?: 'passive' | 'active';
}

/** Packet counts of one kind. */
export interface KindStats {
  /** RTP packets written to the peer connection. */
  packetsSent: number;
  /** Distinct RTP packets received. */
  packetsReceived: number;
  /** Seconds from the first to the last packet sent (0 before two were sent). */
  sentDurationS: number;
  /**
   * Media seconds received: the RTP timestamp span of what came back (48 kHz audio, 90 kHz video clock).
   * Unlike `sentDurationS` (wall clock), it matches a recording's duration even when the source ran slow.
   */
  receivedMediaS: number;
}

/** Packet counts per kind. */
export interface PeerStats {
  /** Audio counts. */
  audio: KindStats;
  /** Video counts. */
  video: KindStats;
}

/** Listener arguments of a peer's events. */
export type PeerEventMap = {
  /** A local ICE candidate to trickle, or `null` at the end of gathering. */
  candidate: [TrickleCandidate | null];
  /** A message on a data channel. */
  data: [string | Buffer, string];
  /** A data channel opened. */
  'data-open': [string];
  /** A remote track arrived. */
  track: [MediaKind, MediaStreamTrackType];
  /** The peer connection's state changed. */
  connection: [string];
};

/** A werift peer connection for one Janus handle. */
export class JanusPeer extends TypedEmitter<PeerEventMap> {
  /** The werift peer connection. */
  readonly pc: RTCPeerConnection;
  readonly #sent = new RtpCounter();
  readonly #received = new RtpCounter();
  readonly #local: Partial<Record<MediaKind, MediaStreamTrackType>> = {};
  readonly #remote: Partial<Record<MediaKind, MediaStreamTrackType>> = {};
  readonly #channels = new Map<string, RTCDataChannel>();
  readonly #outbox = new Map<string, (string | Buffer)[]>();
  #request: MediaRequest = {};
  #source: RtpSource | undefined;
  #sourceKinds = '';
  #sourceStarting: Promise<void> = Promise.resolve();
  #recording: WebmRecording | undefined;
  #connected = false;
  #up = false;
  #upTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;
  readonly #answerSetup: 'passive' | 'active';

  private constructor(pc: RTCPeerConnection, answerSetup: 'passive' | 'active') {
    super();
    this.pc = pc;
    this.#answerSetup = answerSetup;
    pc.onIceCandidate.subscribe((candidate) => this.emit('candidate', toTrickle(candidate)));
    pc.onTrack.subscribe((track) => this.#onTrack(track));
    pc.onDataChannel.subscribe((channel) => this.#adoptChannel(channel));
    pc.connectionStateChange.subscribe((state) => {
      this.emit('connection', state);
      if (state !== 'connected') return;
      this.#connected = true;
      // Normally the handle reports Janus's `webrtcup` a few ms after this; start the source anyway if not.
      if (!this.#up && !this.#upTimer) {
        this.#upTimer = setTimeout(() => this.markUp(), SOURCE_FALLBACK_MS);
        this.#upTimer.unref?.();
      }
    });
  }

  /** Creates a peer with the workarounds applied (no STUN query unless `iceServers` are given). */
  static async create(options: PeerOptions = {}): Promise<JanusPeer> {
    const iceServers = options.iceServers ?? [];
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', iceServers });
    if (options.workarounds !== false) await applyWeriftWorkarounds(pc, options.workarounds ?? {});
    return new JanusPeer(pc, options.answerSetup ?? 'passive');
  }

  /**
   * Tells the peer the call is up (Janus sent `webrtcup`): starts the media source. The source is not
   * started before, because spawning and warming up ffmpeg while ICE and DTLS run costs the call set-up
   * ~60 ms on a 2-core machine (connect → `webrtcup` median 116 → 55 ms, `bench/media/webrtcup.ts`),
   * and werift drops whatever is written before DTLS is connected anyway. Without a call, it happens
   * {@link SOURCE_FALLBACK_MS} after DTLS connected. Idempotent.
   */
  markUp(): void {
    if (this.#upTimer) clearTimeout(this.#upTimer);
    this.#upTimer = undefined;
    if (this.#up || this.#closed) return;
    this.#up = true;
    this.#ensureSource();
  }

  /** Whether DTLS is connected. */
  get connected(): boolean {
    return this.#connected;
  }

  /** The open data channels by label. */
  get dataChannels(): ReadonlyMap<string, RTCDataChannel> {
    return this.#channels;
  }

  /** The remote tracks received so far. */
  get remoteTracks(): Readonly<Partial<Record<MediaKind, MediaStreamTrackType>>> {
    return this.#remote;
  }

  /** Packets sent and received per kind. */
  stats(): PeerStats {
    const kind = (k: MediaKind): KindStats => {
      const sent = this.#sent.get(k);
      const span =
        sent.firstAt === undefined || sent.lastAt === undefined ? 0 : (sent.lastAt - sent.firstAt) / 1000;
      const received = this.#received.get(k);
      return {
        packetsSent: sent.packets,
        packetsReceived: received.distinct,
        sentDurationS: span,
        receivedMediaS: received.timestampSpan / (k === 'audio' ? 48_000 : 90_000),
      };
    };
    return { audio: kind('audio'), video: kind('video') };
  }

  /** Adds (or turns off) transceivers and the data channel for an offer we make. */
  prepareOffer(request: MediaRequest): void {
    this.#merge(request);
    for (const kind of ['audio', 'video'] as const) {
      const wanted = request[kind];
      const transceiver = this.#transceiver(kind);
      if (wanted === undefined) continue;
      if (wanted === false) {
        if (transceiver) transceiver.setDirection('inactive');
        continue;
      }
      const direction = wanted === 'recvonly' ? 'recvonly' : 'sendrecv';
      if (transceiver) {
        if (direction === 'sendrecv') this.#attachLocalTrack(kind, transceiver);
        transceiver.setDirection(direction);
      } else if (direction === 'sendrecv') {
        this.pc.addTransceiver(this.#localTrack(kind), { direction });
      } else {
        this.pc.addTransceiver(kind, { direction });
      }
    }
    if (request.data && !this.#channels.has(JANUS_DATA_CHANNEL)) {
      this.#adoptChannel(this.pc.createDataChannel(JANUS_DATA_CHANNEL));
    }
    this.#ensureSource();
  }

  /** Creates and sets the local offer. With `trickle: false` waits for gathering to finish. */
  async createOffer(options: { iceRestart?: boolean; trickle?: boolean } = {}): Promise<Jsep> {
    if (options.iceRestart) this.pc.restartIce();
    const offer = await this.pc.createOffer(options.iceRestart ? { iceRestart: true } : undefined);
    await this.pc.setLocalDescription(offer);
    return this.#localJsep('offer', options.trickle);
  }

  /** Applies Janus's answer. */
  async applyAnswer(jsep: Jsep): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: jsep.sdp });
  }

  /** Applies Janus's offer and creates and sets our answer for `request`. */
  async createAnswer(offer: Jsep, request: MediaRequest, options: { trickle?: boolean } = {}): Promise<Jsep> {
    this.#merge(request);
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.kind as MediaKind;
      const wanted = request[kind];
      if (wanted === true) {
        this.#attachLocalTrack(kind, transceiver);
        transceiver.setDirection('sendrecv');
      } else if (wanted === false) {
        transceiver.setDirection('inactive');
      } else {
        transceiver.setDirection('recvonly');
      }
    }
    const answer = await this.pc.createAnswer();
    if (this.#answerSetup === 'passive' && /^a=setup:actpass\r?$/m.test(offer.sdp)) {
      // werift reads its DTLS role back from the description it is given (`setLocalRole`).
      const sdp = answer.sdp.replace(/^a=setup:active(\r?)$/gm, 'a=setup:passive$1');
      await this.pc.setLocalDescription({ type: 'answer', sdp });
    } else {
      await this.pc.setLocalDescription(answer);
    }
    this.#ensureSource();
    if (request.data && !this.#channels.has(JANUS_DATA_CHANNEL) && offer.sdp.includes('m=application')) {
      this.#adoptChannel(this.pc.createDataChannel(JANUS_DATA_CHANNEL));
    }
    return this.#localJsep('answer', options.trickle);
  }

  /** Adds remote candidates (`null` = end of candidates, which werift needs no action for). */
  async addRemoteCandidates(candidates: readonly (TrickleCandidate | null)[]): Promise<void> {
    for (const candidate of candidates) {
      if (!candidate) continue;
      await this.pc.addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? undefined,
        sdpMLineIndex: candidate.sdpMLineIndex ?? undefined,
      });
    }
  }

  /** Sends text or bytes on a data channel (queued until it opens). */
  sendData(data: string | Uint8Array, label = JANUS_DATA_CHANNEL): void {
    const channel = this.#channels.get(label);
    if (!channel) throw new JanusError('INVALID_STATE', `no data channel '${label}' was negotiated`);
    const payload = typeof data === 'string' ? data : Buffer.from(data);
    if (channel.readyState === 'open') channel.send(payload);
    else {
      const queue = this.#outbox.get(label) ?? [];
      queue.push(payload);
      this.#outbox.set(label, queue);
    }
  }

  /** Waits until the data channel is open. */
  waitForData(label = JANUS_DATA_CHANNEL, timeoutMs = 10_000): Promise<void> {
    const channel = this.#channels.get(label);
    if (channel?.readyState === 'open') return Promise.resolve();
    return withDeadline<void>(`opening data channel '${label}'`, { timeoutMs }, ({ resolve }) => {
      const onOpen = (opened: string): void => {
        if (opened === label) resolve();
      };
      this.on('data-open', onOpen);
      return () => this.off('data-open', onOpen);
    });
  }

  /** Stops the source, finalises the recording and closes the peer connection. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    if (this.#upTimer) clearTimeout(this.#upTimer);
    await this.#sourceStarting.catch(() => {});
    await this.#source?.stop();
    await this.#recording?.stop().catch(() => {});
    await this.pc.close();
    this.removeAllListeners();
  }

  /** The recording, once it started. */
  get recording(): WebmRecording | undefined {
    return this.#recording;
  }

  #merge(request: MediaRequest): void {
    this.#request = { ...this.#request, ...request };
  }

  #transceiver(kind: MediaKind): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((transceiver) => transceiver.kind === kind);
  }

  #localTrack(kind: MediaKind): MediaStreamTrackType {
    let track = this.#local[kind];
    if (!track) {
      track = new MediaStreamTrack({ kind });
      this.#local[kind] = track;
    }
    return track;
  }

  #attachLocalTrack(kind: MediaKind, transceiver: RTCRtpTransceiver): void {
    if (transceiver.sender.track) return;
    void transceiver.sender.replaceTrack(this.#localTrack(kind));
  }

  async #localJsep(type: 'offer' | 'answer', trickle = true): Promise<Jsep> {
    if (!trickle && this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const subscription = this.pc.iceGatheringStateChange.subscribe((state) => {
          if (state !== 'complete') return;
          subscription.unSubscribe();
          resolve();
        });
      });
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new JanusError('INVALID_STATE', `no local ${type} was set`);
    return trickle ? { type, sdp } : { type, sdp, trickle: false };
  }

  #onTrack(track: MediaStreamTrackType): void {
    const kind = track.kind as MediaKind;
    // werift announces the same track again on every renegotiation (ICE restart included).
    if (this.#remote[kind] === track) return;
    this.#remote[kind] = track;
    this.#received.watch(kind, track);
    this.emit('track', kind, track);
    const path = this.#request.recordTo;
    if (path && !this.#recording && this.#allRemoteTracksIn()) {
      this.#recording = recordToWebm(path, { ...this.#remote }, this.#videoSize());
      this.#recording.failed.catch(() => {});
    }
  }

  /**
   * The size the source encodes video at (what Janus echoes or forwards back), for the WebM header:
   * explicit `width`/`height`, else 320×240 for the generated pattern; unknown for a file at its own size.
   */
  #videoSize(): { width?: number; height?: number } {
    if (this.#request.video !== true) return {}; // what comes back is not our own video
    const spec = this.#request.source;
    const video = typeof spec?.video === 'object' ? spec.video : undefined;
    if (video?.width !== undefined && video.height !== undefined)
      return { width: video.width, height: video.height };
    if ((spec?.input.type ?? 'generated') === 'generated') return { width: 320, height: 240 };
    return {};
  }

  #allRemoteTracksIn(): boolean {
    const kinds = (['audio', 'video'] as const).filter((kind) => this.#request[kind]);
    return kinds.every((kind) => this.#remote[kind] !== undefined);
  }

  #adoptChannel(channel: RTCDataChannel): void {
    const label = channel.label;
    this.#channels.set(label, channel);
    channel.onMessage.subscribe((message) => this.emit('data', message, label));
    const flush = (): void => {
      const queue = this.#outbox.get(label) ?? [];
      this.#outbox.delete(label);
      for (const item of queue) channel.send(item);
      this.emit('data-open', label);
    };
    if (channel.readyState === 'open') flush();
    else
      channel.stateChanged.subscribe((state) => {
        if (state === 'open') flush();
      });
  }

  /**
   * Starts (or restarts, when the sending kinds changed) the ffmpeg source once the call is up (see
   * {@link JanusPeer.markUp}); on a renegotiation of a call that is up, at once. Packets are counted as sent
   * only once DTLS is connected.
   */
  #ensureSource(): void {
    if (!this.#up) return;
    const sends = (['audio', 'video'] as const).filter(
      (kind) => this.#request[kind] === true && this.#local[kind],
    );
    const kinds = sends.join('+');
    if (kinds === this.#sourceKinds || this.#closed) return;
    this.#sourceKinds = kinds;
    const spec = this.#request.source;
    const previous = this.#sourceStarting;
    this.#sourceStarting = (async () => {
      await previous.catch(() => {});
      const old = this.#source;
      this.#source = undefined;
      await old?.stop();
      if (sends.length === 0 || this.#closed) return;
      const source = await startRtpSource({
        input: spec?.input ?? { type: 'generated' },
        audio: sends.includes('audio') ? (spec?.audio ?? true) : false,
        video: sends.includes('video') ? (spec?.video ?? true) : false,
      });
      if (this.#closed) {
        await source.stop();
        return;
      }
      this.#source = source;
      source.onPacket((kind, packet) => {
        if (this.#connected) this.#sent.count(kind, packet);
      });
      source.pipeTo(this.#local);
    })();
    this.#sourceStarting.catch(() => {});
  }
}

function toTrickle(candidate: RTCIceCandidate | undefined): TrickleCandidate | null {
  if (!candidate) return null;
  const json = candidate.toJSON();
  return {
    candidate: json.candidate ?? '',
    sdpMid: json.sdpMid ?? null,
    sdpMLineIndex: json.sdpMLineIndex ?? null,
  };
}
