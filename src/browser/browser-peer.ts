/**
 * The browser's peer for one Janus handle, on the native `RTCPeerConnection`: the browser implementation of
 * the `MediaPeer` interface that werift's `JanusPeer` implements in Node. Local media from a
 * {@link BrowserMediaSource} (default `getUserMedia` for the kinds sent), remote tracks gathered in
 * {@link BrowserPeer.remoteStream}, the `JanusDataChannel`, and `stats()` from `getStats()`.
 * @module
 */
import { JanusError } from '../errors.js';
import type { MediaPeer, MediaPeerOptions } from '../media/media-peer.js';
import type { MediaSourceSpec } from '../media/media-source.js';
import { emptyMediaStats, type FeedOf, type MediaStats, type PeerStats } from '../media/media-stats.js';
import type { Jsep, TrickleCandidate } from '../protocol/messages.js';
import { withDeadline } from '../util/deadline.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { LocalTracks } from './browser-sources.js';
import { mapRtcStats, type RtcStatsEntry, type TransceiverLine } from './stats-mapper.js';

/** The label of the data channel Janus plugins use. */
const JANUS_DATA_CHANNEL = 'JanusDataChannel';
/** How often the stats are read while the call is connected. */
export const BROWSER_STATS_INTERVAL_MS = 1000;

/** What to negotiate on a browser peer (the fields of Node's `MediaRequest` the browser supports). */
export interface BrowserMediaRequest {
  /** Audio: `true` to send and receive; `'recvonly'` to only receive; `false` none/remove. */
  audio?: boolean | 'recvonly';
  /** Video, as for audio. */
  video?: boolean | 'recvonly';
  /** Open a data channel (label `JanusDataChannel`). */
  data?: boolean;
  /** What to send. Default: `getUserMedia` for the kinds sent. */
  source?: MediaSourceSpec;
}

/** Listener arguments of a browser peer's events. */
export type BrowserPeerEventMap = {
  /** A local ICE candidate to trickle, or `null` at the end of gathering. */
  candidate: [TrickleCandidate | null];
  /** A message on a data channel (text, or bytes), and the channel's label. */
  data: [string | Uint8Array, string];
  /** A data channel opened (its label). */
  'data-open': [string];
  /** A remote track arrived; `stream` is {@link BrowserPeer.remoteStream}, which now holds it. */
  track: [MediaStreamTrack, MediaStream];
  /** The peer connection's state changed. */
  connection: [string];
  /** The call failed on our side and the peer connection is being closed. */
  failed: [JanusError];
};

/** A native `RTCPeerConnection` for one Janus handle. */
export class BrowserPeer extends TypedEmitter<BrowserPeerEventMap> implements MediaPeer {
  /** This peer runs in the browser. */
  readonly platform = 'browser' as const;
  /** The native peer connection. */
  readonly pc: RTCPeerConnection;
  /** Every remote track received so far, in one stream (attach it to a `<video>`'s `srcObject`). */
  readonly remoteStream = new MediaStream();
  readonly #local = new LocalTracks();
  readonly #channels = new Map<string, RTCDataChannel>();
  readonly #outbox = new Map<string, (string | Uint8Array)[]>();
  #request: BrowserMediaRequest = {};
  #pendingOffer: BrowserMediaRequest | undefined;
  #connected = false;
  #failure: JanusError | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;
  #stats: MediaStats = emptyMediaStats();
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #reading: Promise<void> | undefined;

  private constructor(pc: RTCPeerConnection) {
    super();
    this.pc = pc;
    pc.onicecandidate = (event) => {
      // Some browsers end gathering with an empty candidate before the `null`: only the `null` is the end.
      if (event.candidate && !event.candidate.candidate) return;
      this.emit('candidate', toTrickle(event.candidate));
    };
    pc.ontrack = (event) => this.#onTrack(event.track);
    pc.ondatachannel = (event) => this.#adoptChannel(event.channel);
    pc.onconnectionstatechange = () => {
      const state = pc.connectionState;
      this.emit('connection', state);
      if (state === 'connected') {
        this.#connected = true;
        this.#startStats();
      } else if (state === 'failed' && !this.#closed) {
        this.#connected = false;
      }
    };
  }

  /** Creates a peer (no STUN/TURN unless `iceServers` are given; one bundled transport). */
  static async create(options: MediaPeerOptions = {}): Promise<BrowserPeer> {
    if (typeof RTCPeerConnection !== 'function') {
      throw new JanusError('INVALID_STATE', 'this platform has no RTCPeerConnection');
    }
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', iceServers: options.iceServers ?? [] });
    return new BrowserPeer(pc);
  }

  /** Whether DTLS is connected. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Why the call failed on our side, if it did. */
  get failure(): JanusError | undefined {
    return this.#failure;
  }

  /** The stream of the local tracks being sent (a local preview). */
  get localStream(): MediaStream {
    return this.#local.stream;
  }

  /** The open data channels by label. */
  get dataChannels(): ReadonlyMap<string, RTCDataChannel> {
    return this.#channels;
  }

  /** Records what the next offer asks for; the tracks are set up (asynchronously) when it is created. */
  prepareOffer(request: BrowserMediaRequest): void {
    this.#merge(request);
    this.#pendingOffer = { ...this.#pendingOffer, ...request };
  }

  /** Creates and sets the local offer. With `trickle: false` waits for gathering to finish. */
  async createOffer(options: { iceRestart?: boolean; trickle?: boolean } = {}): Promise<Jsep> {
    const request = this.#pendingOffer;
    this.#pendingOffer = undefined;
    if (request) await this.#setUpOffer(request);
    const offer = await this.pc.createOffer(options.iceRestart ? { iceRestart: true } : undefined);
    await this.pc.setLocalDescription(offer);
    return this.#localJsep('offer', options.trickle);
  }

  /** Applies Janus's answer. */
  async applyAnswer(jsep: Jsep): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: jsep.sdp });
  }

  /** Applies Janus's offer and creates and sets our answer for `request`. */
  async createAnswer(
    offer: Jsep,
    request: BrowserMediaRequest,
    options: { trickle?: boolean } = {},
  ): Promise<Jsep> {
    this.#merge(request);
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    const offered = new Set(this.pc.getTransceivers().map(kindOf));
    const sends = (['audio', 'video'] as const).filter(
      (kind) => this.#request[kind] === true && offered.has(kind),
    );
    await this.#local.prepare(sends, this.#request.source);
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = kindOf(transceiver);
      if (!kind || transceiver.currentDirection === 'stopped') continue;
      const wanted = this.#request[kind];
      if (wanted === true) {
        await this.#send(kind, transceiver);
        transceiver.direction = 'sendrecv';
      } else if (wanted === false) {
        transceiver.direction = 'inactive';
      } else {
        transceiver.direction = 'recvonly';
      }
    }
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    if (request.data && !this.#channels.has(JANUS_DATA_CHANNEL) && offer.sdp.includes('m=application')) {
      this.#adoptChannel(this.pc.createDataChannel(JANUS_DATA_CHANNEL));
    }
    return this.#localJsep('answer', options.trickle);
  }

  /** Adds remote candidates (`null`, the end of candidates, needs no action). */
  async addRemoteCandidates(candidates: readonly (TrickleCandidate | null)[]): Promise<void> {
    for (const candidate of candidates) {
      if (!candidate) continue;
      await this.pc.addIceCandidate({
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? null,
        sdpMLineIndex: candidate.sdpMLineIndex ?? null,
      });
    }
  }

  /** Sends text or bytes on a data channel (queued until it opens). */
  sendData(data: string | Uint8Array, label = JANUS_DATA_CHANNEL): void {
    const channel = this.#channels.get(label);
    if (!channel) throw new JanusError('INVALID_STATE', `no data channel '${label}' was negotiated`);
    if (channel.readyState === 'open') send(channel, data);
    else {
      const queue = this.#outbox.get(label) ?? [];
      queue.push(data);
      this.#outbox.set(label, queue);
    }
  }

  /** Waits until the data channel is open (default 10,000 ms, then `TIMEOUT`). */
  waitForData(label = JANUS_DATA_CHANNEL, timeoutMs = 10_000): Promise<void> {
    if (this.#channels.get(label)?.readyState === 'open') return Promise.resolve();
    return withDeadline<void>(`opening data channel '${label}'`, { timeoutMs }, ({ resolve }) => {
      const onOpen = (opened: string): void => {
        if (opened === label) resolve();
      };
      this.on('data-open', onOpen);
      return () => this.off('data-open', onOpen);
    });
  }

  /** Janus sent `webrtcup`: the browser sends as soon as DTLS is up, so this only starts the stats readings. */
  markUp(): void {
    this.#startStats();
  }

  /** Resolves once DTLS is connected (at once if it is); rejects if the connection fails first. */
  settled(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#connected || this.#closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnection = (state: string): void => {
        if (state !== 'connected' && state !== 'closed' && state !== 'failed') return;
        this.off('connection', onConnection);
        if (state === 'failed') reject(new JanusError('INVALID_STATE', 'the PeerConnection failed'));
        else resolve();
      };
      this.on('connection', onConnection);
    });
  }

  /** Packet counts per kind, from the last `getStats()` reading. */
  stats(): PeerStats {
    const { streams: _streams, ...totals } = this.#stats;
    return totals;
  }

  /** The last `getStats()` reading as {@link MediaStats} (read every second while connected). */
  mediaStats(feedOf?: FeedOf): MediaStats {
    const streams = this.#stats.streams.map((stream) => {
      const copy = { ...stream };
      const feed = feedOf?.(stream.mid);
      if (feed !== undefined) copy.feed = feed;
      return copy;
    });
    return { ...this.#stats, audio: { ...this.#stats.audio }, video: { ...this.#stats.video }, streams };
  }

  /** Reads `getStats()` now (concurrent calls share one reading). */
  refreshStats(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#reading ??= this.#read().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  /** Stops the tracks the client made and closes the peer connection (the last stats stay readable). */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    await this.refreshStats().catch(() => {});
    this.#closed = true;
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    this.#local.stop();
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.ondatachannel = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.emit('connection', 'closed');
    this.removeAllListeners();
  }

  async #read(): Promise<void> {
    const report = await this.pc.getStats();
    const lines: TransceiverLine[] = [];
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = kindOf(transceiver);
      if (transceiver.mid && kind) lines.push({ mid: transceiver.mid, kind });
    }
    this.#stats = mapRtcStats(report.values() as Iterable<RtcStatsEntry>, lines);
  }

  #startStats(): void {
    if (this.#statsTimer || this.#closed) return;
    this.#statsTimer = setInterval(() => {
      this.refreshStats().catch(() => {});
    }, BROWSER_STATS_INTERVAL_MS);
  }

  #merge(request: BrowserMediaRequest): void {
    this.#request = { ...this.#request, ...request };
  }

  /** Adds (or turns off) transceivers and the data channel for the offer about to be made. */
  async #setUpOffer(request: BrowserMediaRequest): Promise<void> {
    const sends = (['audio', 'video'] as const).filter((kind) => request[kind] === true);
    await this.#local.prepare(sends, this.#request.source);
    for (const kind of ['audio', 'video'] as const) {
      const wanted = request[kind];
      if (wanted === undefined) continue;
      const transceiver = this.#transceiver(kind);
      if (wanted === false) {
        if (transceiver) transceiver.direction = 'inactive';
        continue;
      }
      if (wanted === 'recvonly') {
        if (transceiver) transceiver.direction = 'recvonly';
        else this.pc.addTransceiver(kind, { direction: 'recvonly' });
        continue;
      }
      if (transceiver) {
        await this.#send(kind, transceiver);
        transceiver.direction = 'sendrecv';
      } else {
        const track = await this.#local.track(kind, this.#request.source);
        this.pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.#local.stream] });
      }
    }
    if (request.data && !this.#channels.has(JANUS_DATA_CHANNEL)) {
      this.#adoptChannel(this.pc.createDataChannel(JANUS_DATA_CHANNEL));
    }
  }

  async #send(kind: 'audio' | 'video', transceiver: RTCRtpTransceiver): Promise<void> {
    if (transceiver.sender.track) return;
    await transceiver.sender.replaceTrack(await this.#local.track(kind, this.#request.source));
  }

  #transceiver(kind: 'audio' | 'video'): RTCRtpTransceiver | undefined {
    return this.pc
      .getTransceivers()
      .find((transceiver) => kindOf(transceiver) === kind && transceiver.currentDirection !== 'stopped');
  }

  async #localJsep(type: 'offer' | 'answer', trickle = true): Promise<Jsep> {
    if (!trickle && this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const onChange = (): void => {
          if (this.pc.iceGatheringState !== 'complete') return;
          this.pc.removeEventListener('icegatheringstatechange', onChange);
          resolve();
        };
        this.pc.addEventListener('icegatheringstatechange', onChange);
      });
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new JanusError('INVALID_STATE', `no local ${type} was set`);
    return trickle ? { type, sdp } : { type, sdp, trickle: false };
  }

  #onTrack(track: MediaStreamTrack): void {
    if (this.remoteStream.getTrackById(track.id)) return;
    this.remoteStream.addTrack(track);
    track.addEventListener('ended', () => this.remoteStream.removeTrack(track));
    this.emit('track', track, this.remoteStream);
  }

  #adoptChannel(channel: RTCDataChannel): void {
    const label = channel.label;
    this.#channels.set(label, channel);
    channel.binaryType = 'arraybuffer';
    channel.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as unknown;
      this.emit('data', typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer), label);
    });
    const flush = (): void => {
      const queue = this.#outbox.get(label) ?? [];
      this.#outbox.delete(label);
      for (const item of queue) send(channel, item);
      this.emit('data-open', label);
    };
    if (channel.readyState === 'open') flush();
    else channel.addEventListener('open', flush, { once: true });
  }
}

function kindOf(transceiver: RTCRtpTransceiver): 'audio' | 'video' | undefined {
  const kind = transceiver.receiver.track?.kind;
  return kind === 'audio' || kind === 'video' ? kind : undefined;
}

function send(channel: RTCDataChannel, data: string | Uint8Array): void {
  if (typeof data === 'string') channel.send(data);
  else channel.send(data as Uint8Array<ArrayBuffer>);
}

function toTrickle(candidate: RTCIceCandidate | null): TrickleCandidate | null {
  if (!candidate?.candidate) return null;
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid ?? null,
    sdpMLineIndex: candidate.sdpMLineIndex ?? null,
  };
}
