/**
 * SIP with real media against SIPp (Debian `sip-tester`), a SIP peer nobody here wrote, on loopback inside
 * the private network namespace of `npm run test:media` (WebRTC on jpd0, SIP and plain RTP on loopback):
 * - register and unregister with SIPp as registrar;
 * - an outgoing call that SIPp answers and echoes RTP for (`-rtp_echo`): media both ways; hold, unhold,
 *   DTMF with `dtmf_info`, and our hangup, each checked in SIPp's message log;
 * - an incoming call from a SIPp caller scenario that we `accept` (on the account or its helper handle),
 *   media both ways, and SIPp's hangup;
 * - a call SIPp refuses (486), which rejects with the SIP status;
 * - a guest account, which sends no REGISTER.
 * The SIPp scenarios are in test/media/sip/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  connectAdmin,
  type JanusClient,
  JanusError,
  type JanusSession,
  MediaSource,
} from '../../src/index.js';
import { Sip, SipErrorCode, type SipHandle } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { pluginError } from '../support/plugin-errors.js';
import { freeUdpPort, type Sipp, startSipp } from './sip/sipp.js';
import { requirePrivateNetns } from './support/net-guard.js';

/** Waits until the SIP plugin reports `status` as the handle's `call_status` (admin `handle_info`). */
async function untilCallStatus(
  server: JanusServer,
  session: JanusSession,
  handle: SipHandle,
  status: string,
  timeoutMs = 10_000,
): Promise<void> {
  const admin = await connectAdmin(server.adminWsUrl, { adminSecret: server.adminSecret });
  try {
    const deadline = Date.now() + timeoutMs;
    let seen: unknown;
    while (Date.now() < deadline) {
      const { info } = await admin.handleInfo(session.id, handle.id);
      seen = (info as { plugin_specific?: { call_status?: unknown } }).plugin_specific?.call_status;
      if (seen === status) return;
      await sleep(20);
    }
    throw new Error(`call_status still ${String(seen)}, not ${status}, after ${timeoutMs} ms`);
  } finally {
    admin.close();
  }
}

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const audio = (handle: SipHandle) => {
  const stats = handle.stats().audio;
  return { sent: stats.packetsSent, received: stats.packetsReceived };
};

describe('SIP against SIPp with real media (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let session: JanusSession;
  let alice: SipHandle;
  let registrar: Sipp;
  let masterId = 0;
  const logDir = mkdtempSync(join(tmpdir(), 'janus-xstate-sipp-'));
  const started: Sipp[] = [];
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    requirePrivateNetns();
    server = await startJanus({
      plugins: ['sip'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    session = await janus.createSession();
    alice = await session.attach(Sip);
    registrar = await startSipp({ scenario: 'registrar.xml', logDir, calls: 1 });
    started.push(registrar);
  });

  afterAll(async () => {
    console.log('sip figures', JSON.stringify(figures));
    for (const sipp of started) await sipp.stop();
    await janus?.close();
    await server?.stop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('registers with SIPp as registrar', async () => {
    const noSecret = await pluginError(alice.register({ username: 'sip:alice@127.0.0.1' }));
    expect(noSecret.janusCode).toBe(SipErrorCode.MISSING_ELEMENT);
    const registered = await alice.register({
      username: 'sip:alice@127.0.0.1',
      secret: 'not-checked-by-this-registrar',
      proxy: `sip:127.0.0.1:${registrar.port}`,
      register_ttl: 600,
    });
    expect(registered.result).toMatchObject({ event: 'registered', username: 'alice', register_sent: true });
    masterId = (registered.result as { master_id?: number }).master_id ?? 0;
    expect(masterId).toBeGreaterThan(0);
    const register = await registrar.waitFor(/REGISTER sip:127\.0\.0\.1[\s\S]*?Expires: 600/);
    expect(register[0]).toContain('From: <sip:alice@127.0.0.1>');
    const twice = await pluginError(
      alice.register({
        username: 'sip:alice@127.0.0.1',
        secret: 'x',
        proxy: `sip:127.0.0.1:${registrar.port}`,
      }),
    );
    expect(twice.janusCode).toBe(SipErrorCode.ALREADY_REGISTERED);
  });

  it('calls SIPp, which echoes RTP: media both ways, hold, unhold, DTMF via dtmf_info, our hangup', async () => {
    const echo = await startSipp({
      scenario: 'echo-uas.xml',
      logDir,
      calls: 1,
      rtpEchoPort: await freeUdpPort(),
    });
    started.push(echo);
    const ringing = nextEvent(alice, 'ringing', () => true, 15_000);
    const accepted = await alice.call(
      { uri: `sip:echo@127.0.0.1:${echo.port}` },
      { source: MediaSource.generated({ toneHz: 440 }), timeoutMs: 15_000 },
    );
    await ringing;
    expect(accepted.result.event).toBe('accepted');
    expect(alice.webrtcActive).toBe(true);
    expect(alice.callId).toBeTruthy();
    await until(
      'our audio echoed back by SIPp',
      () => audio(alice).sent >= 50 && audio(alice).received >= 40,
    );
    figures.outgoing = audio(alice);

    expect((await alice.hold({ direction: 'sendonly' })).result.event).toBe('holding');
    await echo.waitFor(/INVITE sip:echo[\s\S]*?a=sendonly/);
    // Janus 1.1.2 silently ignores hold/unhold until its own re-INVITE is answered (call_status back from
    // `incall_reinviting` to `incall`), and says so only in handle_info: an unhold sent in that window was
    // never answered (TIMEOUT in 2 suite runs of ~20). Wait for it, as an application must.
    await untilCallStatus(server, session, alice, 'incall');
    expect((await alice.unhold()).result.event).toBe('resuming');
    await echo.waitFor(/INVITE sip:echo[\s\S]*?a=sendonly[\s\S]*?INVITE sip:echo[\s\S]*?a=sendrecv/);
    const before = audio(alice).received;
    await until('media again after unhold', () => audio(alice).received >= before + 25);

    expect((await alice.dtmfInfo({ digit: '5', duration: 200 })).result.event).toBe('dtmfsent');
    await echo.waitFor(
      /INFO sip:echo[\s\S]*?Content-Type: application\/dtmf-relay[\s\S]*?Signal=5\r?\nDuration=200/,
    );

    const hungUp = nextEvent(alice, 'call-hangup', () => true, 10_000);
    expect((await alice.hangup({})).result.event).toBe('hangingup');
    await echo.waitFor(/BYE sip:echo/);
    expect((await hungUp).data.result.event).toBe('hangup');
    expect(await echo.exited).toBe(0);
  });

  it('accepts an incoming call from a SIPp caller on the master or its helper, media both ways, and SIPp hangs up', async () => {
    // A helper of alice's account takes a call when alice is still busy (the plugin clears the last call's
    // state only once its media threads are gone); whichever handle gets the INVITE accepts it.
    const helper: SipHandle = await session.attach(Sip);
    const helped = await helper.register({
      type: 'helper',
      username: 'sip:alice@127.0.0.1',
      master_id: masterId,
    });
    expect(helped.result).toMatchObject({ event: 'registered', register_sent: false });
    // The registrar saw where alice's SIP stack listens: the caller sends its INVITE there.
    const contact = await registrar.waitFor(/Contact: <sip:alice@127\.0\.0\.1:(\d+)/);
    const incoming = Promise.race(
      [alice, helper].map((handle) =>
        nextEvent(handle, 'incomingcall', () => true, 15_000).then((event) => ({ handle, event })),
      ),
    );
    const caller = await startSipp({
      scenario: 'caller-uac.xml',
      logDir,
      calls: 1,
      remote: `127.0.0.1:${contact[1]}`,
      service: 'alice',
      rtpEchoPort: await freeUdpPort(),
    });
    started.push(caller);
    const { handle: callee, event: call } = await incoming;
    figures.incomingOn = callee === alice ? 'master' : 'helper';
    expect(call.jsep?.type).toBe('offer');
    expect(call.data.result.username).toMatch(/^sip:sipp@127\.0\.0\.1/);
    expect(callee.incomingOffer).toBe(call.jsep);
    const hungUp = nextEvent(callee, 'call-hangup', () => true, 20_000);
    const accepted = await callee.accept({}, { source: MediaSource.generated({ toneHz: 660 }) });
    expect(accepted.result.event).toBe('accepted');
    expect(callee.webrtcActive).toBe(true);
    await until(
      'media both ways on the incoming call',
      () => audio(callee).sent >= 50 && audio(callee).received >= 40,
    );
    figures.incoming = audio(callee);
    const bye = await hungUp;
    expect(bye.data.result).toMatchObject({ event: 'hangup', code: 200 });
    expect(await caller.exited).toBe(0);
    await helper.detach();
  });

  it('a call SIPp answers 486 rejects with PLUGIN_ERROR, janusCode 486', async () => {
    const busy = await startSipp({ scenario: 'busy-uas.xml', logDir, calls: 1 });
    started.push(busy);
    const caller: SipHandle = await session.attach(Sip);
    await caller.register({ type: 'guest', username: 'sip:carol@127.0.0.1' });
    const error = await caller.call({ uri: `sip:busy@127.0.0.1:${busy.port}` }, { timeoutMs: 15_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', janusCode: 486 });
    expect(await busy.exited).toBe(0);
    await caller.detach();
  });

  it('a guest account sends no REGISTER', async () => {
    const guest: SipHandle = await session.attach(Sip);
    const registered = await guest.register({ type: 'guest', username: 'sip:guest@127.0.0.1' });
    expect(registered.result).toMatchObject({ event: 'registered', username: 'guest', register_sent: false });
    expect(registrar.messages()).not.toContain('sip:guest@');
    await guest.detach();
  });

  it('unregisters', async () => {
    const unregistered = await alice.unregister();
    expect(unregistered.result).toMatchObject({ event: 'unregistered', username: 'alice' });
    await registrar.waitFor(/REGISTER sip:127\.0\.0\.1[\s\S]*?REGISTER sip:127\.0\.0\.1[\s\S]*?Expires: 0/);
    expect(await registrar.exited).toBe(0);
  });
});
