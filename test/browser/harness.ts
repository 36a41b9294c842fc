/**
 * The browser tests' harness: a private Janus, a static server for the pages, the browser bundle and
 * Debian's janus.js (with the webrtc-adapter it expects), and one headless Chromium with a fake camera and
 * microphone. Pages live in `test/browser/pages/` and import the bundle as a user's page does, through an
 * import map (`janus-xstate/browser` → `/janus-xstate.js`); each exposes its steps on `window`, which the
 * test calls with {@link BrowserPage.call}. `close()` ends Chromium, the server and Janus.
 *
 * Media needs the private network namespace (Janus does no ICE on loopback): media tests use this from
 * `test/media/browser-*.test.ts` with the namespace guard.
 * @module
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildBrowserBundle } from '../../scripts/browser-bundle.js';
import { type StaticRoute, type StaticServer, startStaticServer } from '../../scripts/lib/static-server.js';
import { type JanusServer, type JanusServerOptions, startJanus } from '../../src/testing/index.js';
import { launchChromium } from './chromium.js';
import { inspectorBundle } from './inspector-bundle.js';

/** The repository root. */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Debian `libjs-janus-gateway`'s janus.js (1.1.2). */
export const DEBIAN_JANUS_JS = '/usr/share/javascript/janus-gateway/janus.js';
/** Debian `libjs-webrtc-adapter`'s adapter.js (the global `adapter` janus.js reads). */
export const DEBIAN_ADAPTER_JS = '/usr/share/javascript/webrtc-adapter/adapter.js';
/** The folder of the test pages. */
export const PAGES_DIR = `${REPO_ROOT}test/browser/pages`;

let built: Promise<string> | undefined;

/**
 * The browser bundle of the code under test, built in memory by the project's own build
 * (`buildBrowserBundle` of `scripts/browser-bundle.ts`, what `npm run build:browser` runs), once per test
 * process; nothing is written, so a stale `dist/` is never served.
 */
export function browserBundle(): Promise<string> {
  built ??= buildBrowserBundle({ write: false }).then((bundle) => new TextDecoder().decode(bundle.code));
  return built;
}

/** The routes every harness serves. */
export function harnessRoutes(): Record<string, StaticRoute> {
  return {
    '/vendor/janus.js': { file: DEBIAN_JANUS_JS },
    '/vendor/adapter.js': { file: DEBIAN_ADAPTER_JS },
    '/pages/': { dir: PAGES_DIR },
    // Chromium asks for it on every page; a 404 would be a console error.
    '/favicon.ico': { text: '', contentType: 'image/x-icon' },
  };
}

/** One page of the harness, with what went wrong in it. */
export interface BrowserPage {
  readonly page: Page;
  /** Uncaught errors and unhandled rejections of the page, and its console errors. */
  readonly errors: string[];
  /** Everything the page logged to its console (`type: text`). */
  readonly console: string[];
  /**
   * Calls `window[name](...args)` in the page and resolves with its (awaited, JSON-serialisable) result;
   * rejects with the page's error.
   */
  call<T = unknown>(name: string, ...args: unknown[]): Promise<T>;
}

/** Options of {@link startBrowserHarness}. */
export interface BrowserHarnessOptions {
  /** The private Janus's options. Default: EchoTest and VideoRoom on loopback, ICE on `jpd0` only. */
  janus?: JanusServerOptions;
  /** More routes for the static server. Default: none. */
  routes?: Record<string, StaticRoute>;
  /** More Chromium flags. Default: none. */
  chromiumFlags?: string[];
}

/** A running harness. */
export interface BrowserHarness {
  readonly janus: JanusServer;
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Opens `/pages/<name>` in a new browser context (its own storage and permissions) and waits for `window.ready`. */
  openPage(name: string): Promise<BrowserPage>;
  /** Closes every page, Chromium, the static server and Janus (each even if another fails). */
  close(): Promise<void>;
}

/** Starts Janus, the static server and Chromium (after building the bundle). */
export async function startBrowserHarness(options: BrowserHarnessOptions = {}): Promise<BrowserHarness> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const close = async () => {
    const errors: unknown[] = [];
    for (const step of cleanup.splice(0).reverse())
      await step().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw new AggregateError(errors, 'browser harness: teardown failed');
  };
  try {
    const [janus, bundle] = await Promise.all([
      startJanus(
        options.janus ?? {
          plugins: ['echotest', 'videoroom'],
          bindIp: '127.0.0.1',
          extraNat: { ice_enforce_list: 'jpd0' },
        },
      ),
      browserBundle(),
    ]);
    cleanup.push(() => janus.stop());
    const inspector = await inspectorBundle();
    const server = await startStaticServer({
      ...harnessRoutes(),
      '/janus-xstate.js': { text: bundle },
      '/vendor/inspect.js': { text: inspector },
      ...options.routes,
    });
    cleanup.push(() => server.close());
    const browser = await launchChromium(options.chromiumFlags);
    cleanup.push(() => browser.close());
    return {
      janus,
      server,
      browser,
      async openPage(name) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const opened = watchPage(page);
        await page.goto(`${server.origin}/pages/${name}`);
        await page.waitForFunction(() => (globalThis as { ready?: boolean }).ready === true, undefined, {
          timeout: 15_000,
        });
        return opened;
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** Collects a page's errors and console lines, and gives it {@link BrowserPage.call}. */
export function watchPage(page: Page): BrowserPage {
  const errors: string[] = [];
  const lines: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    lines.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return {
    page,
    errors,
    console: lines,
    call: <T>(name: string, ...args: unknown[]) =>
      page.evaluate(
        ({ name, args }) => {
          const fn = (globalThis as unknown as Record<string, unknown>)[name];
          if (typeof fn !== 'function') throw new Error(`the page has no function window.${name}`);
          return (fn as (...a: unknown[]) => unknown)(...args);
        },
        { name, args },
      ) as Promise<T>,
  };
}
