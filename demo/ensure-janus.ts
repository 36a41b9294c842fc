/**
 * Makes sure the Debian `janus` package is there for the demo: installs it when missing and running as
 * root, otherwise says the one command to run.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { JANUS_INSTALL_COMMAND } from '../src/testing/index.js';

/** True when a `janus` executable is on the PATH. */
export function janusInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v janus'], { stdio: 'ignore' }).status === 0;
}

/** Installs Janus with apt when missing (root only); throws with the install command otherwise. */
export function ensureJanus(log: (line: string) => void): void {
  if (janusInstalled()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The Janus server is not installed. Install it with:\n  sudo sh -c '${JANUS_INSTALL_COMMAND}'`,
    );
  }
  log(`Janus is not installed; running: ${JANUS_INSTALL_COMMAND}`);
  const result = spawnSync('sh', ['-c', JANUS_INSTALL_COMMAND], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !janusInstalled())
    throw new Error(`installing Janus failed (${JANUS_INSTALL_COMMAND})`);
}
