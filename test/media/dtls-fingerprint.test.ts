/**
 * DTLS fingerprint verification: when the `a=fingerprint` Janus sends is altered on its way to the client
 * (a tampering proxy in front of Janus's WebSocket port), the call fails with `DTLS_FINGERPRINT`, in both
 * DTLS roles, and no media flows. Runs inside the private network namespace of `npm run test:media`.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EchoTest, type JanusClient, JanusError, MediaSource } from '../../src/index.js';
import { processDtlsKeys } from '../../src/media/dtls-certificate.js';
import {
  certificateFingerprint,
  matchesFingerprint,
  sdpFingerprints,
} from '../../src/media/dtls-fingerprint.js';
import { VideoRoom, waitForWebrtcUp } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { startTamperProxy, type TamperProxy } from './support/fingerprint-tamper-proxy.js';
import { requirePrivateNetns } from './support/net-guard.js';

/** The DTLS role werift took on the call's (only, bundled) transport. */
function dtlsRole(pc: { dtlsTransports: readonly unknown[] } | undefined): string | undefined {
  return (pc?.dtlsTransports[0] as { role?: string } | undefined)?.role;
}

describe('sdpFingerprints / matchesFingerprint', () => {
  it('matches a certificate to its own SDP fingerprint only', () => {
    const der = Buffer.from('not really DER, but any bytes hash the same way');
    const value = certificateFingerprint(der, 'sha-256') as string;
    const sdp = `v=0\r\na=fingerprint:sha-256 ${value}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n`;
    const parsed = sdpFingerprints(sdp);
    expect(parsed).toEqual([{ algorithm: 'sha-256', value }]);
    expect(matchesFingerprint(der, parsed)).toBe(true);
    const altered = `${value[0] === 'A' ? 'B' : 'A'}${value.slice(1)}`;
    expect(matchesFingerprint(der, [{ algorithm: 'sha-256', value: altered }])).toBe(false);
    expect(matchesFingerprint(der, [{ algorithm: 'md5', value }])).toBe(false);
    expect(matchesFingerprint(der, [])).toBe(false);
  });
});

describe('DTLS fingerprint verification against a tampered Janus SDP (private namespace)', () => {
  let server: JanusServer;
  let proxy: TamperProxy;
  const clients: JanusClient[] = [];
  const room = 6200 + Math.floor(Math.random() * 1000);

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['echotest', 'videoroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    proxy = await startTamperProxy(server.wsUrl);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await proxy?.close();
    await server?.stop();
  });

  async function client(url: string): Promise<JanusClient> {
    const janus = await connect(url);
    clients.push(janus);
    return janus;
  }

  it('control: through the proxy with tampering off, the call comes up', async () => {
    proxy.tamper = false;
    const janus = await client(proxy.url);
    const echo = await (await janus.createSession()).attach(EchoTest);
    await echo.start({ audio: true, video: true, source: MediaSource.generated() });
    expect(echo.webrtcActive).toBe(true);
    // The certificate presented is the process's own, made with node:crypto (not werift's generator).
    const local = sdpFingerprints(echo.peer?.pc.localDescription?.sdp ?? '');
    const ours = new X509Certificate(processDtlsKeys().certPem).fingerprint256;
    expect(local).toContainEqual({ algorithm: 'sha-256', value: ours });
    await echo.hangup();
    proxy.tamper = true;
  });

  it('werift as DTLS server (EchoTest, we offer): start() rejects with DTLS_FINGERPRINT, no media', async () => {
    const before = proxy.altered;
    const janus = await client(proxy.url);
    const echo = await (await janus.createSession()).attach(EchoTest);
    const peerFailed = new Promise<JanusError>((resolve) => echo.on('peer-failed', resolve));
    const error = await echo
      .start({ audio: true, video: true, source: MediaSource.generated(), timeoutMs: 10_000 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(proxy.altered).toBeGreaterThan(before);
    expect(error).toBeInstanceOf(JanusError);
    expect((error as JanusError).code).toBe('DTLS_FINGERPRINT');
    expect((await peerFailed).code).toBe('DTLS_FINGERPRINT');
    expect(dtlsRole(echo.peer?.pc)).toBe('server');
    expect(echo.peer?.failure?.code).toBe('DTLS_FINGERPRINT');
    const stats = echo.stats();
    expect([stats.audio.packetsSent, stats.video.packetsSent]).toEqual([0, 0]);
    expect([stats.audio.packetsReceived, stats.video.packetsReceived]).toEqual([0, 0]);
    expect(echo.webrtcActive).toBe(false);
  });

  it('werift as DTLS client (VideoRoom subscriber, answerSetup active): start() rejects with DTLS_FINGERPRINT, no media', async () => {
    // The publisher talks to Janus directly; only the subscriber's signalling goes through the proxy.
    const direct = await client(server.wsUrl);
    const admin = await (await direct.createSession()).attach(VideoRoom);
    await admin.create({ room, publishers: 2 });
    const pub = await (await direct.createSession()).attach(VideoRoom);
    const joined = await pub.joinAndConfigure(
      { room, display: 'pub' },
      { audio: true, video: true, source: MediaSource.generated() },
    );
    await waitForWebrtcUp(pub, { timeoutMs: 10_000 });

    const before = proxy.altered;
    const tampered = await client(proxy.url);
    const sub = await (await tampered.createSession()).attach(VideoRoom);
    await sub.join({ ptype: 'subscriber', room, streams: [{ feed: joined.id }] });
    const error = await sub.start({}, { answerSetup: 'active', timeoutMs: 10_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(proxy.altered).toBeGreaterThan(before);
    expect((error as JanusError | undefined)?.code).toBe('DTLS_FINGERPRINT');
    expect(dtlsRole(sub.peer?.pc)).toBe('client');
    const stats = sub.peer?.stats();
    expect([stats?.audio.packetsReceived, stats?.video.packetsReceived]).toEqual([0, 0]);
    expect(sub.receivedPackets().every((stream) => stream.packets === 0)).toBe(true);
  });
});
