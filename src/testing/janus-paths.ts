/**
 * Locating the plugin, transport, event handler and logger folders of an installed Janus.
 *
 * @module
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { JanusNotInstalledError } from './errors.js';

/** The module folders of a Janus installation and the modules found in each. */
export interface JanusLibrary {
  /** The folder holding `plugins/`, `transports/`, `events/` and `loggers/`. */
  root: string;
  /** Module file names (`libjanus_*.so`) per folder. */
  plugins: string[];
  /** Transport module file names. */
  transports: string[];
  /** Event handler module file names. */
  events: string[];
  /** Logger module file names. */
  loggers: string[];
}

/** Debian multiarch tuple per Node `process.arch`, for `/usr/lib/<tuple>/janus`. */
const MULTIARCH: Partial<Record<NodeJS.Architecture, string>> = {
  x64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  arm: 'arm-linux-gnueabihf',
  ia32: 'i386-linux-gnu',
  ppc64: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
};

const cache = new Map<string, Promise<JanusLibrary>>();

/**
 * Finds the module folders that belong to the executable at `binaryPath`: next to its prefix
 * (`<prefix>/lib/janus`, `<prefix>/lib/<multiarch>/janus`), then the Debian and source-build defaults.
 *
 * @throws {@link JanusNotInstalledError} when no folder with plugins and transports exists
 */
export function findJanusLibrary(binaryPath: string): Promise<JanusLibrary> {
  let found = cache.get(binaryPath);
  if (!found) {
    found = probe(binaryPath);
    cache.set(binaryPath, found);
    found.catch(() => cache.delete(binaryPath));
  }
  return found;
}

async function probe(binaryPath: string): Promise<JanusLibrary> {
  const prefix = dirname(dirname(binaryPath));
  const tuple = MULTIARCH[process.arch];
  const roots = [
    ...(tuple ? [join(prefix, 'lib', tuple, 'janus')] : []),
    join(prefix, 'lib', 'janus'),
    join(prefix, 'lib64', 'janus'),
    ...(tuple ? [`/usr/lib/${tuple}/janus`] : []),
    '/usr/lib/janus',
    '/usr/lib64/janus',
    '/usr/local/lib/janus',
    '/opt/janus/lib/janus',
    ...(await otherMultiarchRoots()),
  ];
  for (const root of new Set(roots)) {
    const plugins = await modules(join(root, 'plugins'));
    const transports = await modules(join(root, 'transports'));
    if (plugins.length > 0 && transports.length > 0) {
      return {
        root,
        plugins,
        transports,
        events: await modules(join(root, 'events')),
        loggers: await modules(join(root, 'loggers')),
      };
    }
  }
  throw new JanusNotInstalledError(binaryPath, `no Janus plugin folder found for ${binaryPath}`);
}

async function otherMultiarchRoots(): Promise<string[]> {
  try {
    const entries = await readdir('/usr/lib', { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && e.name.includes('-linux-'))
      .map((e) => `/usr/lib/${e.name}/janus`);
  } catch {
    return [];
  }
}

async function modules(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => /^libjanus_\w+\.so$/.test(name)).sort();
  } catch {
    return [];
  }
}

/** The module file name of a short plugin or transport name: `echotest` → `libjanus_echotest.so`. */
export function moduleFileName(shortName: string): string {
  return `libjanus_${shortName}.so`;
}

/** The short name of a module file name: `libjanus_echotest.so` → `echotest`. */
export function shortModuleName(fileName: string): string {
  return fileName.replace(/^libjanus_/, '').replace(/\.so$/, '');
}
