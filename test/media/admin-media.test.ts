/**
 * The admin API during a real EchoTest call (inside the private network namespace of `npm run test:media`),
 * over the admin WebSocket and the admin HTTP API: our session and handle are listed, `handle_info` shows
 * ICE connected with a selected pair, DTLS connected and bytes both ways; the CLI's `handle` table shows
 * the same; a pcap taken during the call is non-empty and `tcpdump -r` reads it; `hangup_webrtc` makes our
 * handle emit `hangup`.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeHandle } from '../../src/cli/admin.js';
import {
  connect,
  connectAdmin,
  EchoTest,
  type JanusAdmin,
  type JanusClient,
  MediaSource,
} from '../../src/index.js';
import type { JanusServer } from '../../src/testing/index.js';
import { nextEvent } from '../support/events.js';
import { startMediaJanus } from './support/media-janus.js';
import { guardNetwork, type NetGuard, requirePrivateNetns } from './support/net-guard.js';

const run = promisify(execFile);
let server: JanusServer;
let janus: JanusClient;
let guard: NetGuard;
let dir: string;

beforeAll(async () => {
  requirePrivateNetns();
  guard = guardNetwork();
  dir = await mkdtemp(join(tmpdir(), 'janus-xstate-admin-media-'));
  server = await startMediaJanus();
  janus = await connect(server.wsUrl);
});

afterAll(async () => {
  await janus?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
  guard?.restore();
});

/**
 * `tcpdump -n -r file`. As root (which the namespace makes us) tcpdump drops to its own user and calls
 * setgroups, which a user namespace forbids; in a nested user namespace where we are not root it reads
 * the file as is.
 */
function tcpdumpRead(file: string): string[] {
  const read = ['tcpdump', '-n', '-r', file];
  return process.getuid?.() === 0 ? ['unshare', '--user', '--map-user=65534', ...read] : read;
}

/** Waits until Janus has received at least `atLeast` media packets on the handle; returns the count. */
async function packetsIn(
  admin: JanusAdmin,
  sessionId: number,
  handleId: number,
  atLeast: number,
): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { info } = await admin.handleInfo(sessionId, handleId);
    const count = Object.values(info.webrtc?.media ?? {}).reduce(
      (sum, medium) => sum + medium.stats.in.packets,
      0,
    );
    if (count >= atLeast) return count;
    if (Date.now() > deadline)
      throw new Error(`Janus received ${count} packets, not ${atLeast}, within 20 s`);
    await sleep(100);
  }
}

describe.each([
  { name: 'ws', url: () => server.adminWsUrl },
  { name: 'http', url: () => server.adminHttpUrl },
])('admin API during an EchoTest call, over $name', (transport) => {
  it('lists our session and handle; handle_info shows ICE up (ready), a selected pair, DTLS connected, bytes both ways', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest, { opaqueId: `admin-media-${transport.name}` });
    await echo.start({ audio: true, video: true, source: MediaSource.generated() });
    const admin = await connectAdmin(transport.url(), { adminSecret: server.adminSecret });
    await packetsIn(admin, session.id, echo.id, 20);
    expect((await admin.listSessions()).sessions).toContain(session.id);
    expect((await admin.listHandles(session.id)).handles).toEqual([echo.id]);
    const { info } = await admin.handleInfo(session.id, echo.id);
    expect(info.plugin).toBe('janus.plugin.echotest');
    expect(info.opaque_id).toBe(`admin-media-${transport.name}`);
    const webrtc = info.webrtc;
    // Janus reports libnice's component state: `connected`, then `ready` once ICE has completed.
    expect(webrtc?.ice.state).toBe('ready');
    expect(webrtc?.ice['selected-pair']).toMatch(
      /10\.200\.0\.1:\d+ \[host,udp\] <-> 10\.200\.0\.1:\d+ \[host,udp\]/,
    );
    expect(webrtc?.dtls['dtls-state']).toBe('connected');
    const media = Object.values(webrtc?.media ?? {});
    expect(media.map((medium) => medium.type).sort()).toEqual(['audio', 'video']);
    for (const medium of media) {
      expect(medium.stats.in.bytes).toBeGreaterThan(0);
      expect(medium.stats.out.bytes).toBeGreaterThan(0);
    }
    const text = describeHandle(info);
    expect(text).toMatch(/^ICE state:\s+ready$/m);
    expect(text).toMatch(/^DTLS state:\s+connected$/m);
    expect(text).toMatch(/^selected pair:\s+10\.200\.0\.1/m);
    expect(text).toMatch(/^MID\s+TYPE\s+CODEC\s+PACKETS IN\s+BYTES IN\s+PACKETS OUT\s+BYTES OUT$/m);
    expect(text).toMatch(/^\S+\s+audio\s+opus\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*$/m);
    expect(text).toMatch(/^\S+\s+video\s+vp8\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*$/m);
    admin.close();
    await session.destroy();
  });

  it('start_pcap/stop_pcap during the call writes a pcap that tcpdump reads', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    await echo.start({ audio: true, video: true, source: MediaSource.generated() });
    const admin = await connectAdmin(transport.url(), { adminSecret: server.adminSecret });
    const filename = `call-${transport.name}.pcap`;
    const before = await packetsIn(admin, session.id, echo.id, 1);
    await admin.startPcap(session.id, echo.id, { folder: dir, filename });
    await packetsIn(admin, session.id, echo.id, before + 50);
    await admin.stopPcap(session.id, echo.id);
    const file = join(dir, filename);
    expect(statSync(file).size).toBeGreaterThan(1000);
    const [command, ...args] = tcpdumpRead(file);
    const { stdout } = await run(command as string, args, {
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const packets = stdout.split('\n').filter((line) => line.includes('UDP'));
    expect(packets.length).toBeGreaterThan(20);
    admin.close();
    await session.destroy();
  });

  it('hangup_webrtc makes our handle emit hangup', async () => {
    const session = await janus.createSession();
    const echo = await session.attach(EchoTest);
    await echo.start({ audio: true, video: false, source: MediaSource.generated() });
    const admin = await connectAdmin(transport.url(), { adminSecret: server.adminSecret });
    const hangup = nextEvent(echo, 'hangup', () => true, 10_000);
    await admin.hangupWebrtc(session.id, echo.id);
    expect((await hangup).reason).toBe('Admin API');
    admin.close();
    await session.destroy();
  });
});
