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
  type RTCRtpCodecParameters,
  type RTCRtpTransceiver,
  useOPUS,
  usePCMU,
  useVP8,
  useVP9,
} from 'werift';
import { JanusError } from '../errors.js';
import type { Jsep, TrickleCandidate } from '../protocol/messages.js';
import { withDeadline } from '../util/deadline.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { CLIP_VIDEO, loadClip, usesClip } from './clip.js';
import { processDtlsKeys } from './dtls-certificate.js';
import { watchDtlsFingerprints } from './dtls-fingerprint.js';
import { type MediaKind, startRtpSource } from './generated-source.js';
import { requestKeyframeOnLoss } from './loss-watch.js';
import { hasKinds, loadMediaFile, requireFfmpeg } from './media-file.js';
import type { MediaPeer } from './media-peer.js';
import { isBrowserInput, type MediaSourceSpec } from './media-source.js';
import type { FeedOf, KindStats, MediaStats, PeerStats } from './media-stats.js';
import { playPacketised } from './packet-player.js';
import type { PacketisedMedia, PacketSource } from './packet-source.js';
import { PeerRecordings, type RecordTarget } from './peer-recording.js';
import { RtpCounter } from './rtp-counter.js';
import { StreamCounters } from './stream-counters.js';
import type { WebmRecording } from './webm-recorder.js';
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
  /**
   * Record what is received to WebM: every audio and video m-line that receives, whatever `audio`/`video`
   * say. A path records the first audio and first video m-line to one file; a function names a file per
   * received m-line (`(stream) => path`, e.g. one per VideoRoom feed; `undefined` skips it).
   */
  recordTo?: RecordTarget;
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

export type { KindStats, PeerStats } from './media-stats.js';

/** RTCP payload-specific feedback (RFC 4585) and its keyframe-request types: PLI, FIR (RFC 5104). */
const RTCP_PSFB = 206;
const KEYFRAME_REQUEST_FMTS: ReadonlySet<number> = new Set([1, 4]);

/** Listener arguments of a peer's events. */
export type PeerEventMap = {
  /** A local ICE candidate to trickle, or `null` at the end of gathering. */
  candidate: [TrickleCandidate | null];
  /** A message on a data channel (text, or bytes as a `Buffer`), and the channel's label. */
  data: [string | Buffer, string];
  /** A data channel opened. */
  'data-open': [string];
  /** A remote track arrived. */
  track: [MediaKind, MediaStreamTrackType];
  /** The peer connection's state changed. */
  connection: [string];
  /**
   * The call failed on our side and the peer connection is being closed; e.g. `DTLS_FINGERPRINT` when the
   * remote DTLS certificate does not match the `a=fingerprint` of the remote SDP (no media flows).
   */
  failed: [JanusError];
};

/** A werift peer connection for one Janus handle: the Node implementation of {@link MediaPeer}. */
export class JanusPeer extends TypedEmitter<PeerEventMap> implements MediaPeer {
  /** This peer runs on werift, in Node. */
  readonly platform = 'node' as const;
  /** The werift peer connection. */
  readonly pc: RTCPeerConnection;
  readonly #sent = new RtpCounter();
  readonly #received = new RtpCounter();
  readonly #local: Partial<Record<MediaKind, MediaStreamTrackType>> = {};
  readonly #remote: Partial<Record<MediaKind, MediaStreamTrackType>> = {};
  readonly #channels = new Map<string, RTCDataChannel>();
  readonly #outbox = new Map<string, (string | Buffer)[]>();
  #request: MediaRequest = {};
  #source: PacketSource | undefined;
  #keyframeRequests = 0;
  #keyframeRequestsSent = 0;
  readonly #watchedSenders = new WeakSet<object>();
  readonly #watchedDtls = new WeakSet<object>();
  #failure: JanusError | undefined;
  /** Set while a remote description is being applied (werift announces tracks one m-line at a time). */
  #negotiating = false;
  /** The file played in process, by path (`undefined` when it needs ffmpeg). */
  #files = new Map<string, PacketisedMedia | undefined>();
  #sourceKinds = '';
  #sourceStarting: Promise<void> = Promise.resolve();
  readonly #recordings: PeerRecordings;
  /** Per-m-line counts for the handle's `stats()`. */
  readonly #streams = new StreamCounters();
  readonly #seenTracks = new WeakSet<object>();
  readonly #lossWatches: (() => void)[] = [];
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
    this.#recordings = new PeerRecordings(pc, () => this.#videoSize());
    pc.onIceCandidate.subscribe((candidate) => this.emit('candidate', toTrickle(candidate)));
    pc.onTrack.subscribe((track) => this.#onTrack(track));
    pc.onDataChannel.subscribe((channel) => this.#adoptChannel(channel));
    pc.connectionStateChange.subscribe((state) => {
      this.emit('connection', state);
      if (state !== 'connected') return;
      this.#connected = true;
      this.#streams.follow(this);
      // The in-process clip costs nothing to start: send from the moment DTLS is up.
      if (this.#usesClip()) this.markUp();
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
    const pc = new RTCPeerConnection({
      bundlePolicy: 'max-bundle',
      iceServers,
      dtls: { keys: processDtlsKeys() },
      // werift's defaults, plus VP9: accepted in Janus's offers, and offered (alone) for a VP9 file.
      codecs: { audio: [useOPUS(), usePCMU()], video: [useVP8(), useVP9()] },
    });
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
    this.#streams.follow(this);
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
    return {
      audio: kind('audio'),
      video: kind('video'),
      keyframeRequests: this.#keyframeRequests,
      keyframeRequestsSent: this.#keyframeRequestsSent,
    };
  }

  /**
   * The handle's `stats()`: {@link JanusPeer.stats} plus one entry per audio/video m-line, counted from the
   * moment DTLS connected (or the call was marked up).
   */
  mediaStats(feedOf?: FeedOf): MediaStats {
    this.#streams.follow(this);
    return this.#streams.stats(feedOf);
  }

  /** Nothing to do in Node: the counts are live. */
  refreshStats(): Promise<void> {
    return Promise.resolve();
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
    this.#offerSourceVideoCodec();
    this.#watchSenders();
    this.#checkSource();
    this.#ensureSource();
  }

  /**
   * The one video codec our offer names: VP9 for a file played in process with VP9 video, so that its
   * frames go out as they are, with no transcoding; VP8 (the clip, ffmpeg's output, or receiving only)
   * otherwise. Only the first offer of the video m-line chooses: a renegotiation keeps what was
   * negotiated.
   */
  #offerSourceVideoCodec(): void {
    const transceiver = this.#transceiver('video');
    if (!transceiver || transceiver.codecs.length > 0) return;
    const mimeType = this.#sourceVideoMimeType();
    const codec = (this.pc.config.codecs.video ?? []).find(
      (candidate: RTCRtpCodecParameters) => candidate.mimeType.toLowerCase() === mimeType,
    );
    if (codec) transceiver.codecs = [codec];
  }

  /**
   * Answering an offer with video we send: keeps only the offered codec our frames are in (VP9 for a
   * VP9 file played in process, VP8 otherwise), whatever the offer prefers, so that the frames never go
   * out under another codec's payload type.
   *
   * @throws JanusError `MEDIA_UNSUPPORTED` when the offer does not have that codec
   */
  #answerSourceVideoCodec(transceiver: RTCRtpTransceiver): void {
    const mimeType = this.#sourceVideoMimeType();
    const codec = transceiver.codecs.find((candidate) => candidate.mimeType.toLowerCase() === mimeType);
    if (!codec) {
      throw new JanusError(
        'MEDIA_UNSUPPORTED',
        `the offer has no ${mimeType.slice('video/'.length).toUpperCase()} video, the codec of what we send`,
      );
    }
    transceiver.codecs = [codec];
  }

  /** The kinds the request sends (`true`, not `'recvonly'`). */
  #sendingKinds(): MediaKind[] {
    return (['audio', 'video'] as const).filter((kind) => this.#request[kind] === true);
  }

  /** The codec of the video we send: VP9 for a VP9 file played in process, VP8 otherwise. */
  #sourceVideoMimeType(): 'video/vp8' | 'video/vp9' {
    const sends = this.#sendingKinds();
    const vp9 = sends.includes('video') && this.#inProcessFile(sends)?.video?.codec === 'VP9';
    return vp9 ? 'video/vp9' : 'video/vp8';
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
    this.#negotiating = true;
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: jsep.sdp });
    } finally {
      this.#negotiating = false;
    }
    this.#watchDtls();
    this.#recordings.update(this.#request.recordTo);
  }

  /**
   * Resolves once DTLS is connected on our side (at once if it is), rejects with the failure if our side
   * fails the call first (e.g. `DTLS_FINGERPRINT`). Janus's `webrtcup` can arrive a moment before our own
   * DTLS transport has finished and checked the server's certificate: waits for `webrtcup` use this so
   * that a call that our side rejects never counts as up.
   */
  settled(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#connected || this.#closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnection = (state: string): void => {
        if (state !== 'connected' && state !== 'closed' && state !== 'failed') return;
        // The fingerprint check runs on the DTLS transport's own state change, before this one.
        done();
        if (this.#failure) reject(this.#failure);
        else if (state === 'failed') reject(new JanusError('INVALID_STATE', 'the PeerConnection failed'));
        else resolve();
      };
      const onFailed = (error: JanusError): void => {
        done();
        reject(error);
      };
      const done = (): void => {
        this.off('connection', onConnection);
        this.off('failed', onFailed);
      };
      this.on('connection', onConnection);
      this.on('failed', onFailed);
    });
  }

  /** Why the call failed on our side (see the `failed` event), if it did. */
  get failure(): JanusError | undefined {
    return this.#failure;
  }

  /** Applies Janus's offer and creates and sets our answer for `request`. */
  async createAnswer(offer: Jsep, request: MediaRequest, options: { trickle?: boolean } = {}): Promise<Jsep> {
    this.#merge(request);
    this.#negotiating = true;
    try {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    } finally {
      this.#negotiating = false;
    }
    this.#watchDtls();
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.kind as MediaKind;
      const wanted = request[kind];
      if (wanted === true) {
        if (kind === 'video') this.#answerSourceVideoCodec(transceiver);
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
    this.#watchSenders();
    this.#checkSource();
    this.#ensureSource();
    this.#recordings.update(this.#request.recordTo);
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
    for (const stop of this.#lossWatches.splice(0)) stop();
    if (this.#upTimer) clearTimeout(this.#upTimer);
    await this.#sourceStarting.catch(() => {});
    await this.#source?.stop();
    await this.#recordings.stop().catch(() => {});
    await this.pc.close();
    this.#streams.stop();
    this.removeAllListeners();
  }

  /** The first recording, once it started. */
  get recording(): WebmRecording | undefined {
    return this.#recordings.recordings[0];
  }

  /** Every recording started so far (one per file). */
  get recordings(): readonly WebmRecording[] {
    return this.#recordings.recordings;
  }

  #merge(request: MediaRequest): void {
    if (isBrowserInput(request.source?.input)) {
      throw new JanusError(
        'INVALID_ARGUMENT',
        `a '${request.source?.input.type}' source needs a browser; in Node use MediaSource.generated() or MediaSource.file()`,
      );
    }
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
    if (this.#seenTracks.has(track)) return;
    this.#seenTracks.add(track);
    this.#remote[kind] = track;
    this.#received.watch(kind, track);
    if (kind === 'video') {
      const stop = requestKeyframeOnLoss(track, (ssrc) => {
        this.#keyframeRequestsSent++;
        const receiver = this.pc.getTransceivers().find((t) => t.receiver.tracks.includes(track))?.receiver;
        receiver?.sendRtcpPLI(ssrc).catch(() => {});
      });
      this.#lossWatches.push(stop);
    }
    this.emit('track', kind, track);
    // During a negotiation the m-lines and directions are not settled yet: its end updates the recordings.
    if (!this.#negotiating) this.#recordings.update(this.#request.recordTo);
  }

  /**
   * The video size written to a recording when no key frame shows the real one in time: what our source
   * encodes at (what Janus echoes back), else werift's default.
   */
  #videoSize(): { width?: number; height?: number } {
    if (this.#request.video !== true) return {}; // what comes back is not our own video
    const spec = this.#request.source;
    const video = typeof spec?.video === 'object' ? spec.video : undefined;
    if (video?.width !== undefined && video.height !== undefined)
      return { width: video.width, height: video.height };
    if ((spec?.input.type ?? 'generated') === 'generated') {
      return { width: video?.width ?? CLIP_VIDEO.width, height: video?.height ?? CLIP_VIDEO.height };
    }
    return {};
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

  /** Checks Janus's DTLS certificate against its SDP in either role (see `watchDtlsFingerprints`). */
  #watchDtls(): void {
    watchDtlsFingerprints(this.pc, this.#watchedDtls, (error) => this.#fail(error));
  }

  #fail(error: JanusError): void {
    if (this.#failure || this.#closed) return;
    this.#failure = error;
    this.#connected = false;
    this.emit('failed', error);
    void this.close();
  }

  /**
   * The file to play in process for these kinds: a WebM/Ogg/IVF file with VP8/Opus that holds them all, and
   * no encoding options of its own; `undefined` when ffmpeg must transcode it.
   */
  #inProcessFile(kinds: readonly MediaKind[]): PacketisedMedia | undefined {
    const spec = this.#request.source;
    if (spec?.input.type !== 'file' || spec.audio || spec.video) return undefined;
    const path = spec.input.path;
    if (!this.#files.has(path)) this.#files.set(path, loadMediaFile(path));
    const media = this.#files.get(path);
    return media && hasKinds(media, kinds) ? media : undefined;
  }

  /** Fails the negotiation at once (`FFMPEG_MISSING`) when what we are to send needs ffmpeg and it is absent. */
  #checkSource(): void {
    const sends = this.#sendingKinds();
    if (sends.length === 0 || this.#usesClip() || this.#inProcessFile(sends)) return;
    const input = this.#request.source?.input;
    requireFfmpeg(
      input?.type === 'file' ? `playing ${input.path}` : 'a generated source with options of its own',
    );
  }

  /** Whether what we send is the shipped clip (played in process) rather than ffmpeg's output. */
  #usesClip(): boolean {
    return usesClip(this.#request.source);
  }

  /**
   * Counts the keyframe requests (PLI, FIR) each of our senders receives and passes them to the source,
   * which continues from a key frame. They reach the sender thanks to workaround (e),
   * `routeKeyframeRequestsByMediaSsrc`.
   */
  #watchSenders(): void {
    for (const transceiver of this.pc.getTransceivers()) {
      const sender = transceiver.sender;
      if (this.#watchedSenders.has(sender)) continue;
      this.#watchedSenders.add(sender);
      sender.onRtcp.subscribe((packet) => {
        const fmt = (packet as { feedback?: { count?: number } }).feedback?.count;
        if (packet.type !== RTCP_PSFB || fmt === undefined || !KEYFRAME_REQUEST_FMTS.has(fmt)) return;
        this.#keyframeRequests++;
        if (transceiver.kind === 'video') this.#source?.requestKeyframe();
      });
    }
  }

  /**
   * Starts (or restarts, when the sending kinds changed) the source once the call is up (see
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
      const file = this.#inProcessFile(sends);
      const loop = spec?.input.type === 'file' && spec.input.loop === true;
      const source: PacketSource = this.#usesClip()
        ? playPacketised(loadClip(), { kinds: sends })
        : file
          ? playPacketised(file, { kinds: sends, loop })
          : await startRtpSource({
              input: isBrowserInput(spec?.input)
                ? { type: 'generated' }
                : (spec?.input ?? { type: 'generated' }),
              audio: sends.includes('audio') ? (spec?.audio ?? true) : false,
              video: sends.includes('video') ? (spec?.video ?? true) : false,
            });
      if (this.#closed) {
        await source.stop();
        return;
      }
      this.#source = source;
      source.onPacket((kind, packet) => {
        // werift drops what it cannot send (before DTLS is up, and while an ICE restart runs): not sent.
        if (this.#connected && this.pc.dtlsTransports[0]?.iceTransport.state === 'connected') {
          this.#sent.count(kind, packet);
        }
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
