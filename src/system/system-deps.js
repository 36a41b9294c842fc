// @ts-check
/**
 * The system programs janus-xstate's demo, tests and CLI need, and one bootstrap that checks them:
 * as root it installs whatever is missing with a single `apt-get install`; otherwise it says the one
 * command to run. Nothing here waits on the network unless it is installing as root.
 *
 * Plain JavaScript (type-checked from its JSDoc) so that `npm test`'s `pretest` can run it with bare
 * `node`, without a TypeScript loader: a non-root user missing a program hears so within npm's own start-up.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** @typedef {'demo' | 'test' | 'cli-media'} SystemPurpose What a requirement is needed for. */

/**
 * One program (or file) from a Debian package.
 *
 * @typedef {object} SystemRequirement
 * @property {string} lookFor What is looked for: a command name on `PATH` (plus `/usr/sbin`, `/sbin`), or an absolute file path.
 * @property {string} debianPackage The Debian package that provides it.
 * @property {string} why Why it is needed, in a few words.
 * @property {readonly SystemPurpose[]} neededFor Which entry points need it.
 */

/**
 * Every system requirement, in one table. Add a row when a test or the demo starts using a new program;
 * the bootstrap, CI and the README path pick it up from here.
 *
 * @type {readonly SystemRequirement[]}
 */
export const SYSTEM_REQUIREMENTS = Object.freeze([
  { lookFor: 'janus', debianPackage: 'janus', why: 'the Janus server', neededFor: ['demo', 'test'] },
  {
    lookFor: 'ffmpeg',
    debianPackage: 'ffmpeg',
    // MediaSource.generated() plays a shipped clip and WebM/Ogg/IVF files are read in process: ffmpeg is
    // only for transcoding other files (optional; FFMPEG_MISSING without it), and for the tests of that path.
    why: 'transcoding media files other than WebM, Ogg/Opus and IVF (optional)',
    neededFor: ['test', 'cli-media'],
  },
  {
    lookFor: 'ffprobe',
    debianPackage: 'ffmpeg',
    why: 'the tests that check recordings as a second, independent reader',
    neededFor: ['test'],
  },
  {
    lookFor: 'ip',
    debianPackage: 'iproute2',
    why: 'the private network namespace for media',
    neededFor: ['demo', 'test'],
  },
  {
    lookFor: 'unshare',
    debianPackage: 'util-linux',
    why: 'the private network namespace for media',
    neededFor: ['demo', 'test'],
  },
  {
    lookFor: 'janus-pp-rec',
    debianPackage: 'janus-tools',
    why: 'converting Record&Play .mjr recordings in the media tests',
    neededFor: ['test'],
  },
  {
    lookFor: 'sipp',
    debianPackage: 'sip-tester',
    why: 'the SIP peer of the SIP media tests',
    neededFor: ['test'],
  },
  {
    lookFor: '/usr/share/lua/5.3/json.lua',
    debianPackage: 'lua-json',
    why: "the Lua plugin's sample script (echotest.lua) in the tests",
    neededFor: ['test'],
  },
  {
    lookFor: '/usr/share/lua/5.3/ansicolors.lua',
    debianPackage: 'lua-ansicolors',
    why: "the Lua plugin's sample script (echotest.lua) in the tests",
    neededFor: ['test'],
  },
  {
    lookFor: 'tcpdump',
    debianPackage: 'tcpdump',
    why: 'reading the pcap captures of the admin API',
    neededFor: ['test'],
  },
  {
    lookFor: 'openssl',
    debianPackage: 'openssl',
    why: 'the TLS tests make their own CA and certificate',
    neededFor: ['test'],
  },
  {
    lookFor: 'chromium',
    debianPackage: 'chromium',
    // playwright-core drives it through `executablePath`; no browser is ever downloaded.
    why: 'the browser tests run the browser build in a real, headless Chromium',
    neededFor: ['test'],
  },
  {
    lookFor: '/usr/share/javascript/janus-gateway/janus.js',
    debianPackage: 'libjs-janus-gateway',
    why: "the browser interop tests run the Janus project's own janus.js",
    neededFor: ['test'],
  },
  {
    lookFor: '/usr/share/javascript/webrtc-adapter/adapter.js',
    debianPackage: 'libjs-webrtc-adapter',
    // janus.js reads the global `adapter` (browser details) and does not declare it as a Debian dependency.
    why: 'the webrtc-adapter shim janus.js expects beside it in the interop tests',
    neededFor: ['test'],
  },
]);

const SYSTEM_DIRS = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** @param {string} path */
function isReadableFile(path) {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * True when `requirement` is met on this machine (`PATH` as given).
 *
 * @param {SystemRequirement} requirement
 * @param {string} [envPath] defaults to `process.env.PATH`
 * @returns {boolean}
 */
export function requirementMet(requirement, envPath = process.env.PATH ?? '') {
  if (requirement.lookFor.startsWith('/')) return isReadableFile(requirement.lookFor);
  const dirs = envPath.split(delimiter).filter((dir) => dir !== '');
  // `ip` lives in /usr/sbin, which is not on every user's PATH; janus.ts-style lookups use the full path.
  const sbin = requirement.lookFor === 'ip' || requirement.lookFor === 'unshare' ? SYSTEM_DIRS : [];
  return [...dirs, ...sbin].some((dir) => isExecutable(join(dir, requirement.lookFor)));
}

/**
 * The requirements for `purpose` that are not met.
 *
 * @param {SystemPurpose} purpose
 * @param {string} [envPath] defaults to `process.env.PATH`
 * @returns {SystemRequirement[]}
 */
export function missingRequirements(purpose, envPath = process.env.PATH) {
  return SYSTEM_REQUIREMENTS.filter(
    (requirement) => requirement.neededFor.includes(purpose) && !requirementMet(requirement, envPath),
  );
}

/**
 * The Debian packages that provide `missing`, each once, in table order.
 *
 * @param {readonly SystemRequirement[]} missing
 * @returns {string[]}
 */
export function packagesFor(missing) {
  return [...new Set(missing.map((requirement) => requirement.debianPackage))];
}

/**
 * The one command (as root) that installs `packages`.
 *
 * @param {readonly string[]} packages
 * @returns {string}
 */
export function installCommand(packages) {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** System programs are missing and could not be installed (not root, or the install failed). */
export class SystemDependencyError extends Error {
  /**
   * @param {readonly string[]} packages the packages to install
   * @param {string} [detail] what happened, when an install was tried
   */
  constructor(packages, detail) {
    const command = installCommand(packages);
    super(
      detail
        ? `${detail}; install them as root with: ${command}`
        : `missing system packages (${packages.join(', ')}); install them as root with: sudo sh -c '${command}'`,
    );
    this.name = 'SystemDependencyError';
    /** Stable code: `SYSTEM_DEPENDENCY`. */
    this.code = /** @type {const} */ ('SYSTEM_DEPENDENCY');
    /** The Debian packages to install. */
    this.packages = packages;
    /** The command that installs them, as root. */
    this.command = command;
  }
}

/**
 * Options of {@link ensureSystemDependencies}.
 *
 * @typedef {object} EnsureSystemDependenciesOptions
 * @property {(line: string) => void} [log] Where progress lines go. Defaults to stderr.
 * @property {boolean} [install] Install missing packages when running as root. Defaults to `true`.
 * @property {string} [path] The `PATH` to look for programs in (plus `/usr/sbin`, `/sbin` for `ip` and `unshare`). Defaults to `process.env.PATH`.
 */

/**
 * Makes sure every requirement of `purpose` is met. Returns at once when they are; as root (and with
 * `install` on) runs one `apt-get update` and one `apt-get install` for everything missing; otherwise
 * throws {@link SystemDependencyError} naming the exact command, without waiting on anything.
 *
 * @param {SystemPurpose} purpose
 * @param {EnsureSystemDependenciesOptions} [options]
 * @returns {void}
 */
export function ensureSystemDependencies(purpose, options = {}) {
  const missing = missingRequirements(purpose, options.path);
  if (missing.length === 0) return;
  const packages = packagesFor(missing);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || options.install === false) throw new SystemDependencyError(packages);
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const command = installCommand(packages);
  log(
    `janus-xstate: installing missing system packages (${missing.map((m) => m.lookFor).join(', ')}): ${command}`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (update.status !== 0) throw new SystemDependencyError(packages, `'apt-get update' failed`);
  const installed = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  const still = missingRequirements(purpose, options.path);
  if (installed.status !== 0 || still.length > 0)
    throw new SystemDependencyError(packagesFor(still.length ? still : missing), `'apt-get install' failed`);
}
