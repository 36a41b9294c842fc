/**
 * NoSIP with real media: our WebRTC leg bridged to a plain RTP socket of the test, which plays the
 * legacy peer. Calling out (we offer, the socket answers) and called (the socket offers, we answer):
 * RTP from our PeerConnection arrives at the socket, and RTP the socket sends arrives at our
 * PeerConnection. Runs inside the private network namespace of `npm run test:media`.
 */
import { createSocket, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, MediaSource } from '../../src/index.js';
import { NoSip, NoSipErrorCode, type NoSipHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { pluginError } from '../support/plugin-errors.js';
import { requirePrivateNetns } from './support/net-guard.js';

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The plain peer: a UDP socket that counts the RTP it gets and can send RTP to Janus. */
class PlainRtpPeer {
  readonly socket: Socket = createSocket('udp4');
  packets = 0;
  payloadTypes = new Set<number>();
  #sequence = 1;

  async bind(): Promise<number> {
    this.socket.on('message', (message) => {
      if (message.length < 12 || message[0]! >> 6 !== 2) return;
      const payloadType = message[1]! & 0x7f;
      if (payloadType >= 72 && payloadType <= 79) return; // RTCP
      this.packets += 1;
      this.payloadTypes.add(payloadType);
    });
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    return this.socket.address().port;
  }

  /** Sends `count` Opus RTP packets (a silent frame), 20 ms apart, to `port` on loopback. */
  async send(port: number, payloadType: number, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const packet = Buffer.alloc(15);
      packet[0] = 0x80;
      packet[1] = payloadType;
      packet.writeUInt16BE(this.#sequence, 2);
      packet.writeUInt32BE(this.#sequence * 960, 4);
      packet.writeUInt32BE(0x1234abcd, 8);
      packet.set([0xf8, 0xff, 0xfe], 12);
      this.#sequence += 1;
      this.socket.send(packet, port, '127.0.0.1');
      await sleep(20);
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** The audio port and the Opus payload type of a barebone SDP. */
function audioOf(sdp: string): { port: number; opusPt: number; address: string } {
  const port = Number(/^m=audio (\d+) /m.exec(sdp)?.[1]);
  const opusPt = Number(/^a=rtpmap:(\d+) opus\/48000/im.exec(sdp)?.[1]);
  const address = /^c=IN IP4 (\S+)/m.exec(sdp)?.[1] ?? '';
  return { port, opusPt, address };
}

/** A barebone audio-only SDP of the plain peer. */
function plainSdp(port: number, opusPt: number): string {
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=plain peer',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP ${opusPt}`,
    `a=rtpmap:${opusPt} opus/48000/2`,
    'a=sendrecv',
    '',
  ].join('\r\n');
}

describe('NoSIP with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['nosip'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
  });

  afterAll(async () => {
    console.log('nosip figures', JSON.stringify(figures));
    await janus?.close();
    await server?.stop();
  });

  it('calling out: generate gives the offer, process of the answer bridges media both ways', async () => {
    const session = await janus.createSession();
    const bridge: NoSipHandle = await session.attach(NoSip);
    const plain = new PlainRtpPeer();
    const plainPort = await plain.bind();
    try {
      const generated = await bridge.generate(
        { info: 'calling out' },
        { audio: true, video: false, source: MediaSource.generated({ toneHz: 440 }) },
      );
      expect(generated.result).toMatchObject({ event: 'generated', type: 'offer' });
      const janusSide = audioOf(generated.result.sdp);
      expect(janusSide.address).toBe('127.0.0.1');
      expect(janusSide.port).toBeGreaterThan(0);
      expect(janusSide.opusPt).toBeGreaterThan(0);
      expect(generated.result.sdp).not.toMatch(/a=fingerprint|a=ice-ufrag/);

      const processed = await bridge.process({ type: 'answer', sdp: plainSdp(plainPort, janusSide.opusPt) });
      expect(processed.result).toEqual({ event: 'processed' });
      expect(bridge.webrtcActive).toBe(true);

      await until('RTP from our WebRTC leg at the plain socket', () => plain.packets >= 50);
      expect([...plain.payloadTypes]).toEqual([janusSide.opusPt]);
      await plain.send(janusSide.port, janusSide.opusPt, 50);
      const received = () => bridge.stats().audio.packetsReceived;
      await until('RTP from the plain socket at our PeerConnection', () => received() >= 40);
      figures.callingOut = { atPlainSocket: plain.packets, atWebRtc: received() };

      expect(await bridge.hangup({})).toEqual({ nosip: 'event', result: { event: 'hangingup' } });
    } finally {
      plain.close();
      await session.destroy();
    }
  });

  it('called: process of the plain offer, generate answers it, media both ways', async () => {
    const session = await janus.createSession();
    const bridge: NoSipHandle = await session.attach(NoSip);
    const plain = new PlainRtpPeer();
    const plainPort = await plain.bind();
    try {
      const processed = await bridge.process({ type: 'offer', sdp: plainSdp(plainPort, 111) });
      expect(processed.result).toEqual({ event: 'processed' });
      expect(bridge.pendingOffer?.type).toBe('offer');
      const generated = await bridge.generate(
        {},
        { audio: true, source: MediaSource.generated({ toneHz: 660 }) },
      );
      expect(generated.result).toMatchObject({ event: 'generated', type: 'answer' });
      expect(bridge.webrtcActive).toBe(true);
      const janusSide = audioOf(generated.result.sdp);
      await until('RTP from our WebRTC leg at the plain socket', () => plain.packets >= 50);
      await plain.send(janusSide.port, 111, 50);
      const received = () => bridge.stats().audio.packetsReceived;
      await until('RTP from the plain socket at our PeerConnection', () => received() >= 40);
      figures.called = { atPlainSocket: plain.packets, atWebRtc: received() };

      // Recording both sides, and `keyframe`, which 1.1.2 does not know.
      expect(await bridge.recording({ action: 'start', audio: true, peer_audio: true })).toEqual({
        nosip: 'event',
        result: { event: 'recordingupdated' },
      });
      await bridge.recording({ action: 'stop', audio: true, peer_audio: true });
      const nothing = await pluginError(bridge.recording({ action: 'start' }));
      expect(nothing.janusCode).toBe(NoSipErrorCode.RECORDING_ERROR);
      const keyframe = await pluginError(bridge.keyframe({ user: true }));
      expect(keyframe.janusCode).toBe(NoSipErrorCode.INVALID_REQUEST);
    } finally {
      plain.close();
      await session.destroy();
    }
  });
});
