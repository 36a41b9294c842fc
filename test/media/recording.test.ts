/**
 * Recording keeps what arrives: a VideoRoom subscriber with `recordTo` and default options, per-feed files
 * with `recordTo: (stream) => path`, EchoTest, and the CLI each write a WebM with both streams at the real
 * picture size that `ffprobe -v warning` reads without a word (and that the in-process check agrees with).
 * Runs inside the private network namespace of `npm run test:media`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EchoTest, type JanusClient, MediaSource } from '../../src/index.js';
import { inspectWebm } from '../../src/media/webm-file.js';
import { probeMedia } from '../../src/media/webm-recorder.js';
import { VideoRoom, type VideoRoomHandle, waitForWebrtcUp } from '../../src/plugins/index.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';
import { requirePrivateNetns } from './support/net-guard.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What `ffprobe -v warning` prints about a file (nothing for a well-formed one). */
function ffprobeWarnings(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('ffprobe', ['-v', 'warning', path], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`ffprobe failed: ${stderr || error.message}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

/** Both streams, the clip's 320×240, no ffprobe warning, and the in-process check agrees. */
async function expectGoodRecording(path: string): Promise<void> {
  expect(await ffprobeWarnings(path)).toBe('');
  const probed = await probeMedia(path);
  expect(probed.streams.map((stream) => stream.kind).sort()).toEqual(['audio', 'video']);
  expect(probed.streams.find((stream) => stream.kind === 'video')).toMatchObject({ width: 320, height: 240 });
  const inspected = inspectWebm(path);
  expect(inspected.problems).toEqual([]);
  expect(inspected.tracks.map((track) => track.kind).sort()).toEqual(['audio', 'video']);
  for (const track of inspected.tracks) expect(track.blocks).toBeGreaterThan(10);
}

describe('recording (private namespace)', () => {
  let server: JanusServer;
  let janus: JanusClient;
  let dir: string;
  const room = 7200 + Math.floor(Math.random() * 1000);
  const feeds: (number | string)[] = [];

  beforeAll(async () => {
    requirePrivateNetns();
    dir = await mkdtemp(join(tmpdir(), 'janus-xstate-rec-'));
    server = await startJanus({
      plugins: ['echotest', 'videoroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: 'jpd0' },
    });
    janus = await connect(server.wsUrl);
    const admin = await (await janus.createSession()).attach(VideoRoom);
    await admin.create({ room, publishers: 4 });
    for (const display of ['A', 'B']) {
      const pub = await (await janus.createSession()).attach(VideoRoom);
      const joined = await pub.joinAndConfigure({ room, display }, { source: MediaSource.generated() });
      await waitForWebrtcUp(pub, { timeoutMs: 10_000 });
      feeds.push(joined.id);
    }
  });

  afterAll(async () => {
    await janus?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function subscribe(streams: { feed: number | string }[]): Promise<VideoRoomHandle> {
    const sub = await (await janus.createSession()).attach(VideoRoom);
    await sub.join({ ptype: 'subscriber', room, streams });
    return sub;
  }

  it('a VideoRoom subscriber with recordTo and default options records both streams at the real size', async () => {
    const path = join(dir, 'subscriber.webm');
    const sub = await subscribe([{ feed: feeds[0] as number }]);
    await sub.start({}, { recordTo: path });
    await waitForWebrtcUp(sub, { timeoutMs: 10_000 });
    await sleep(2000);
    await sub.closePeer();
    await expectGoodRecording(path);
  });

  it('recordTo: (stream) => path writes one file per feed of a multistream subscriber', async () => {
    const sub = await subscribe(feeds.map((feed) => ({ feed })));
    const pathOf = (mid: string) => {
      const feed = sub.streams.find((stream) => stream.mid === mid)?.feed_id;
      return feed === undefined ? undefined : join(dir, `feed-${feed}.webm`);
    };
    await sub.start({}, { recordTo: (stream) => pathOf(stream.mid) });
    await waitForWebrtcUp(sub, { timeoutMs: 10_000 });
    await sleep(2000);
    expect(sub.peer?.recordings.map((recording) => recording.path).sort()).toEqual(
      feeds.map((feed) => join(dir, `feed-${feed}.webm`)).sort(),
    );
    await sub.closePeer();
    for (const feed of feeds) await expectGoodRecording(join(dir, `feed-${feed}.webm`));
  });

  it('EchoTest with recordTo records both streams at the real size', async () => {
    const path = join(dir, 'echo.webm');
    const echo = await (await janus.createSession()).attach(EchoTest);
    await echo.start({ audio: true, video: true, recordTo: path });
    await sleep(2000);
    await echo.closePeer();
    await expectGoodRecording(path);
  });

  it('the CLI (echotest --record) records both streams at the real size', async () => {
    const path = join(dir, 'cli.webm');
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'echotest', server.wsUrl, '--record', path, '--seconds', '2'],
        { cwd: ROOT, timeout: 60_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    expect(output).toContain(path);
    await expectGoodRecording(path);
  });
});
