/**
 * `npm run demo:browser -- --no-open`: it starts a private Janus with a Node publisher in a VideoRoom,
 * serves the demo page and prints its URL (opening nothing); the page is served, and driven in headless
 * Chromium it shows the Node publisher's video playing and every actor's state; Ctrl-C (SIGINT to the
 * process group, as a terminal sends it) stops everything and the demo exits 0. Needs the private network
 * namespace (the demo gathers media on jpd0 there):
 *   scripts/netns-run.sh npx vitest run --config vitest.media.config.ts test/media/browser-demo.test.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.js';
import { watchPage } from '../browser/harness.js';
import { pollUntil } from '../browser/poll.js';
import { REPO_ROOT } from '../support/run-example.js';
import { failOutsidePrivateNetns } from './support/net-guard.js';

failOutsidePrivateNetns();

/** What the demo page reports (`window.demoState()`). */
interface DemoState {
  ready: boolean;
  status: string;
  remotes: { width: number; height: number; currentTime: number }[];
  actors: { id: string; machine: string; state: string; transitions: number }[];
}

describe('npm run demo:browser', () => {
  let demo: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    // Only if the test failed before its own Ctrl-C: end the demo's whole process group.
    if (demo?.pid && demo.exitCode === null && demo.signalCode === null) process.kill(-demo.pid, 'SIGKILL');
  });

  it('prints the URL without opening a browser, serves the page, plays the remote video, stops on Ctrl-C', async () => {
    demo = spawn('npm', ['run', '--silent', 'demo:browser', '--', '--no-open'], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    demo.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    demo.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await pollUntil(
      async () => /^Demo page: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output)?.[1],
      (found) => found !== undefined || demo?.exitCode !== null,
      60_000,
    );
    expect(url, output).toBeDefined();
    expect(output).not.toMatch(/Opened it with/);

    const page = await fetch(url as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('janus-xstate in the browser');
    expect((await fetch(`${url}janus-xstate.js`)).status).toBe(200);

    const browser = await launchChromium();
    try {
      const watched = watchPage(await browser.newPage());
      await watched.page.goto(url as string);
      const state = () =>
        watched.page.evaluate(() => (globalThis as unknown as { demoState(): DemoState }).demoState());
      const seen = await pollUntil(
        state,
        (s) => s.ready && s.remotes.some((remote) => remote.width > 0 && remote.currentTime > 0),
        20_000,
      );
      expect(seen.status, watched.errors.join('\n')).toMatch(/^In room \d+ as feed \d+/);
      // The Node publisher's clip plays in the page: 320×240 frames, its clock moving.
      expect(seen.remotes).toContainEqual(expect.objectContaining({ width: 320, height: 240 }));
      // Every actor's state is on the page: the connection open, the session and both handles attached.
      const byMachine = (machine: string) => seen.actors.filter((actor) => actor.machine === machine);
      expect(byMachine('connection').map((actor) => actor.state)).toEqual([expect.stringContaining('open')]);
      expect(byMachine('session').map((actor) => actor.state)).toEqual([expect.stringContaining('active')]);
      expect(byMachine('handle').map((actor) => actor.state)).toEqual([
        expect.stringContaining('attached'),
        expect.stringContaining('attached'),
      ]);
      expect(watched.errors).toEqual([]);
    } finally {
      await browser.close();
    }

    // Ctrl-C: the terminal sends SIGINT to the foreground process group. The demo stops everything and
    // exits 0; npm, which got the SIGINT too, then ends itself by that signal, as it does for any script.
    // 'close': npm has exited and every process that held its output (the demo itself) has closed it.
    const exited = once(demo, 'close');
    process.kill(-(demo.pid as number), 'SIGINT');
    const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(code === 0 || signal === 'SIGINT', `exit ${code} ${signal}\n${output}`).toBe(true);
    expect(output).toContain('Stopped.');
    expect(output).not.toMatch(/janus-xstate demo:browser: /);
    // Nothing is left running: the demo's Janus is gone.
    const janusPid = Number(/Private Janus \(pid (\d+)\)/.exec(output)?.[1]);
    expect(janusPid).toBeGreaterThan(0);
    expect(() => process.kill(janusPid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }, 120_000);
});
