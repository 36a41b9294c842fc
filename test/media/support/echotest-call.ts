/**
 * One werift ↔ Janus EchoTest call over raw `ws`, with time marks from the WebSocket connect to
 * `webrtcup`: the unit of the connect measurements and the media/data-channel checks.
 */
import { MediaStreamTrack, type RTCDataChannel, type RTCIceCandidate, RTCPeerConnection } from 'werift';
import {
  applyWeriftWorkarounds,
  type WeriftWorkaroundOptions,
} from '../../../src/media/werift-workarounds.js';
import { RawJanus } from './janus-raw.js';

/** Options of {@link startEchoCall}. */
export interface EchoCallOptions {
  /** Janus WebSocket URL. */
  readonly wsUrl: string;
  /** Workarounds to apply, or `false` for stock werift. */
  readonly workarounds: WeriftWorkaroundOptions | false;
  /** ICE servers for the peer connection (stock werift needs a reachable STUN server). */
  readonly iceServers?: { urls: string }[];
  /** Offer a data channel too. Default `false`. */
  readonly dataChannel?: boolean;
  /** How long to wait for `webrtcup`. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/** Milliseconds from the start of the WebSocket connect. */
export interface EchoCallMarks {
  /** WebSocket open. */
  readonly wsOpen: number;
  /** Session created and handle attached. */
  readonly attached: number;
  /** Offer created and set (gathering done). */
  readonly offerReady: number;
  /** Janus's answer received. */
  readonly answer: number;
  /** werift's ICE connected. */
  readonly iceConnected: number;
  /** werift's DTLS (peer connection) connected. */
  readonly dtlsConnected: number;
  /** Janus `webrtcup` received. */
  readonly webrtcup: number;
}

/** A call that reached `webrtcup`. */
export interface EchoCall {
  /** The werift peer connection. */
  readonly pc: RTCPeerConnection;
  /** The raw Janus client (its `events` hold `media`, `slowlink`, ... events). */
  readonly janus: RawJanus;
  /** Local tracks to write RTP into. */
  readonly local: { readonly audio: MediaStreamTrack; readonly video: MediaStreamTrack };
  /** Remote tracks (the echo), as they arrived. */
  readonly remote: { audio?: MediaStreamTrack; video?: MediaStreamTrack };
  /** The data channel, when asked for. */
  readonly dataChannel: RTCDataChannel | undefined;
  /** Time marks. */
  readonly marks: EchoCallMarks;
  /** Hangs up: closes the peer connection and the WebSocket. */
  close(): Promise<void>;
}

/**
 * Connects, attaches to `janus.plugin.echotest`, offers audio+video (+ data), trickles, and
 * resolves at `webrtcup`. On failure everything opened is closed.
 */
export async function startEchoCall(options: EchoCallOptions): Promise<EchoCall> {
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  const marks: Record<string, number> = {};
  const janus = await RawJanus.connect(options.wsUrl);
  marks.wsOpen = since();
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', iceServers: options.iceServers ?? [] });
  try {
    const applied =
      options.workarounds === false ? undefined : applyWeriftWorkarounds(pc, options.workarounds);
    const { sessionId, handleId } = await janus.attach('janus.plugin.echotest');
    marks.attached = since();
    await applied;
    const local = {
      audio: new MediaStreamTrack({ kind: 'audio' }),
      video: new MediaStreamTrack({ kind: 'video' }),
    };
    pc.addTransceiver(local.audio, { direction: 'sendrecv' });
    pc.addTransceiver(local.video, { direction: 'sendrecv' });
    const dataChannel = options.dataChannel ? pc.createDataChannel('echo') : undefined;
    const remote: EchoCall['remote'] = {};
    pc.onTrack.subscribe((track) => {
      remote[track.kind === 'audio' ? 'audio' : 'video'] = track;
    });
    pc.iceConnectionStateChange.subscribe((state) => {
      if (state === 'connected') marks.iceConnected ??= since();
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') marks.dtlsConnected ??= since();
    });
    const trickle = (candidate: RTCIceCandidate | undefined) =>
      janus.send({
        janus: 'trickle',
        session_id: sessionId,
        handle_id: handleId,
        candidate: candidate ? candidate : { completed: true },
      });
    pc.onIceCandidate.subscribe((candidate) => trickle(candidate));
    await pc.setLocalDescription(await pc.createOffer());
    marks.offerReady = since();
    const webrtcup = janus.waitFor(
      (m) => m.janus === 'webrtcup' && m.sender === handleId,
      options.timeoutMs ?? 5000,
    );
    webrtcup.catch(() => {});
    const reply = await janus.request({
      janus: 'message',
      session_id: sessionId,
      handle_id: handleId,
      body: { audio: true, video: true },
      jsep: { type: 'offer', sdp: pc.localDescription?.sdp },
    });
    if (!reply.jsep) throw new Error(`EchoTest answered without JSEP: ${JSON.stringify(reply.plugindata)}`);
    marks.answer = since();
    await pc.setRemoteDescription(reply.jsep);
    await webrtcup;
    marks.webrtcup = since();
    return {
      pc,
      janus,
      local,
      remote,
      dataChannel,
      marks: marks as unknown as EchoCallMarks,
      close: async () => {
        await pc.close();
        await janus.close();
      },
    };
  } catch (error) {
    await pc.close();
    await janus.close();
    throw error;
  }
}
