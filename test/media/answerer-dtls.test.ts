/**
 * When Janus offers (TextRoom here; VideoRoom subscribers, Streaming and incoming calls alike), werift
 * answers `a=setup:passive` by default, so Janus starts DTLS as soon as its ICE is up instead of waiting
 * for werift's DTLS client, which sleeps a fixed 100 ms before its ClientHello.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient } from '../../src/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { failOutsidePrivateNetns, guardNetwork, type NetGuard } from './support/net-guard.js';

const insideNetns = failOutsidePrivateNetns();

let server: JanusServer;
let janus: JanusClient;
let guard: NetGuard;

beforeAll(async () => {
  if (!insideNetns) return;
  guard = guardNetwork();
  server = await startJanus({
    plugins: ['textroom'],
    bindIp: '127.0.0.1',
    extraNat: { ice_enforce_list: 'jpd0' },
  });
  janus = await connect(server.wsUrl);
});

afterAll(async () => {
  await janus?.close();
  await server?.stop();
  guard?.restore();
});

/** TextRoom `setup` → our answer (`ack`) → `webrtcup`; returns the time and our answer's setup line. */
async function answerTextRoomOffer(
  answerSetup?: 'passive' | 'active',
): Promise<{ ms: number; setup: string; dtlsRole: string }> {
  const session = await janus.createSession();
  try {
    const handle = await session.attach('janus.plugin.textroom');
    const t0 = performance.now();
    const up = nextEvent(handle, 'webrtcup');
    const reply = await handle.message({ request: 'setup' });
    if (!reply.jsep) throw new Error('TextRoom setup came back without an offer');
    expect(reply.jsep.sdp).toMatch(/^a=setup:actpass\r?$/m);
    await handle.answer(
      reply.jsep,
      { request: 'ack' },
      { data: true, ...(answerSetup ? { answerSetup } : {}) },
    );
    await up;
    const ms = performance.now() - t0;
    const setup = /^a=setup:(\w+)/m.exec(handle.peer?.pc.localDescription?.sdp ?? '')?.[1] ?? '';
    const pc = handle.peer?.pc as unknown as { dtlsTransports: { role: string }[] } | undefined;
    const transports = pc?.dtlsTransports ?? [];
    const dtlsRole = transports[0]?.role ?? '';
    await handle.peer?.waitForData();
    return { ms, setup, dtlsRole };
  } finally {
    await session.destroy();
  }
}

describe('werift as answerer (Janus offers)', () => {
  it('answers a=setup:passive by default, so werift is the DTLS server and never runs its delayed DTLS client', async () => {
    const passive: number[] = [];
    const active: number[] = [];
    for (let i = 0; i < 5; i++) {
      const byDefault = await answerTextRoomOffer();
      expect(byDefault.setup).toBe('passive');
      // werift's DTLS client sleeps 100 ms before its ClientHello; as the server it never takes that path.
      expect(byDefault.dtlsRole).toBe('server');
      passive.push(byDefault.ms);
      const control = await answerTextRoomOffer('active');
      expect(control.setup).toBe('active');
      expect(control.dtlsRole).toBe('client');
      active.push(control.ms);
    }
    // Speed is measured in bench/, not asserted here; the times are printed for the record.
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[2] as number;
    console.log(
      `setup → webrtcup, median of 5: passive ${median(passive).toFixed(1)} ms, active ${median(active).toFixed(1)} ms`,
    );
    expect(guard.violations).toEqual([]);
  });
});
