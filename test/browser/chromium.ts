/**
 * Debian's `chromium`, driven headless by `playwright-core` through `executablePath`: no browser is ever
 * downloaded. The flags give it a fake camera and microphone that need no prompt, and (inside the private
 * network namespace) real host candidates instead of mDNS names nothing there resolves.
 * @module
 */
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/**
 * Chromium's flags for the browser tests: no sandbox (it cannot set one up as root or in a user namespace),
 * a fake camera (a moving test pattern) and microphone (a beep) granted without a prompt, host candidates
 * with real addresses (`WebRtcHideLocalIpsWithMdns` off), media that plays without a user gesture.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

/** The Debian package that provides {@link findChromium}'s executable. */
export const CHROMIUM_PACKAGE = 'chromium';

/**
 * Resolves the `chromium` executable like `command -v` (then `/usr/bin/chromium`), as the project finds
 * `janus`. Throws naming the Debian package and the bootstrap when there is none.
 */
export async function findChromium(envPath = process.env.PATH ?? ''): Promise<string> {
  const dirs = envPath.split(delimiter).filter((dir) => dir !== '');
  for (const candidate of [...dirs.map((dir) => join(dir, 'chromium')), '/usr/bin/chromium']) {
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return await realpath(candidate);
    } catch {
      // not here
    }
  }
  throw new Error(
    `chromium is not installed: the browser tests need Debian's '${CHROMIUM_PACKAGE}' package ` +
      `(npm test installs it as root: apt-get install -y --no-install-recommends ${CHROMIUM_PACKAGE})`,
  );
}

/**
 * Launches headless Chromium with {@link CHROMIUM_FLAGS} (plus `extraFlags`). Close it with
 * `browser.close()`, which ends its processes; playwright also kills it if this process exits first.
 */
export async function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: await findChromium(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extraFlags],
    timeout: 30_000,
  });
}
