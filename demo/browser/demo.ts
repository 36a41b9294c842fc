/**
 * `npm run demo:browser`: the browser build in a real browser. Starts a private Janus (VideoRoom), creates
 * a room, publishes a generated tone and test pattern into it from Node (the remote the page shows), and
 * serves a page that joins the room with the camera and microphone, shows the local and the remote video,
 * and every actor's state live (from the client's `inspect` stream). Opens the system browser when there
 * is a display, otherwise prints the URL. Ctrl-C stops everything.
 *
 * Media: Janus never gathers ICE candidates on loopback, so it gathers on one non-loopback interface of
 * this machine (`jpd0` inside `scripts/netns-run.sh`'s private namespace); the page and Janus's
 * signalling stay on 127.0.0.1. Traffic goes only to this machine's own addresses.
 *
 * It runs under `node --import tsx`, not the `tsx` command: that command relays Ctrl-C to its child and
 * SIGKILLs it when the child does not acknowledge within 30 ms, which a loaded machine misses, cutting the
 * clean stop short.
 *
 * Usage: npm run demo:browser [-- --no-open] [--port N]
 *   --no-open  print the URL only (the test runs it so and drives the page headless)
 *   --port N   serve the page on this port (default: a free one)
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/lib/static-server.js';
import { connect, MediaSource, VideoRoom, waitForWebrtcUp } from '../../src/index.js';
import { ensureSystemDependencies } from '../../src/system/system-deps.js';
import { startJanus } from '../../src/testing/index.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** werift (the Node publisher) skips interfaces with these prefixes; Janus would gather there alone. */
const SKIPPED_PREFIXES = ['veth', 'tun', 'tap', 'vmnet'];

/**
 * The interface Janus gathers ICE candidates on: `jpd0` inside the private namespace, else the first
 * non-loopback IPv4 interface werift also uses. `undefined` when there is none.
 */
function mediaInterface(): { name: string; address: string } | undefined {
  const all = networkInterfaces();
  const candidates = Object.entries(all).flatMap(([name, list]) =>
    (list ?? [])
      .filter((info) => info.family === 'IPv4' && !info.internal)
      .map((info) => ({ name, address: info.address })),
  );
  return (
    candidates.find((candidate) => candidate.name === 'jpd0') ??
    candidates.find((candidate) => !SKIPPED_PREFIXES.some((prefix) => candidate.name.startsWith(prefix)))
  );
}

/** The value after `flag` in argv, if any. */
function argument(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** The system browser opener when this machine has a display: `xdg-open`, else `chromium`. */
function browserOpener(): string | undefined {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  for (const program of ['/usr/bin/xdg-open', '/usr/bin/chromium']) {
    try {
      accessSync(program, constants.X_OK);
      return program;
    } catch {
      // not installed
    }
  }
  return undefined;
}

async function main(argv: readonly string[]): Promise<void> {
  ensureSystemDependencies('demo', { log });
  const noOpen = argv.includes('--no-open');
  const port = argument(argv, '--port');
  if (port !== undefined && !(Number.isInteger(Number(port)) && Number(port) > 0 && Number(port) < 65536)) {
    throw new Error(`--port must be a TCP port number (1-65535), got '${port}'`);
  }
  const media = mediaInterface();
  if (!media) {
    throw new Error(
      'this machine has no non-loopback IPv4 address: Janus does no ICE on loopback, so a browser here ' +
        'cannot get media from it (inside a private namespace it can: scripts/netns-run.sh npm run demo:browser -- --no-open)',
    );
  }
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping the page server, the Node publisher and Janus...`);
    void stop().then(() => {
      log('Stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const janus = await startJanus({
      plugins: ['videoroom'],
      bindIp: '127.0.0.1',
      extraNat: { ice_enforce_list: media.name },
    });
    cleanup.push(() => janus.stop());
    log(`Private Janus (pid ${janus.pid}) at ${janus.wsUrl}; media on ${media.name} (${media.address})`);

    const client = await connect(janus.wsUrl);
    cleanup.push(() => client.close());
    const session = await client.createSession();
    const publisher = await session.attach(VideoRoom);
    const { room } = await publisher.create({ description: 'janus-xstate browser demo', publishers: 6 });
    const joined = await publisher.join({ ptype: 'publisher', room, display: 'Node (generated clip)' });
    await publisher.publish(
      { display: 'Node (generated clip)' },
      { audio: true, video: true, source: MediaSource.generated() },
    );
    await waitForWebrtcUp(publisher);
    log(`Room ${room}: the Node publisher (feed ${joined.id}) is sending a generated tone and test pattern`);

    const config = { wsUrl: janus.wsUrl, room, nodeFeed: joined.id };
    const server = await startStaticServer(
      {
        '/': { file: `${HERE}index.html` },
        '/page.js': { file: `${HERE}page.js` },
        '/config.json': { text: JSON.stringify(config), contentType: 'application/json' },
        '/janus-xstate.js': { file: `${REPO_ROOT}dist/browser/janus-xstate.js` },
        '/janus-xstate.js.map': { file: `${REPO_ROOT}dist/browser/janus-xstate.js.map` },
        '/favicon.ico': { text: '', contentType: 'image/x-icon' },
      },
      port === undefined ? {} : { port: Number(port) },
    );
    cleanup.push(() => server.close());
    const url = `${server.origin}/`;
    log(`Demo page: ${url}`);
    const opener = noOpen ? undefined : browserOpener();
    if (opener) {
      const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
      child.on('error', () => log(`Could not start ${opener}: open ${url} in a browser on this machine.`));
      child.unref();
      log(`Opened it with ${opener}.`);
    } else if (!noOpen) {
      log('No display here: open that URL in a browser on this machine.');
    }
    log('Press Ctrl-C to stop.');
  } catch (error) {
    await stop();
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `janus-xstate demo:browser: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
