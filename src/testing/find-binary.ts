/**
 * Locating the Janus executable, like `command -v`.
 *
 * @module
 */
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { JanusNotInstalledError } from './errors.js';

/**
 * Resolves `binary` (a name looked up in `PATH`, or a path) to the real path of an executable file.
 *
 * @throws {@link JanusNotInstalledError} when there is none
 */
export async function findJanusBinary(binary: string, envPath = process.env.PATH ?? ''): Promise<string> {
  const candidates = binary.includes('/')
    ? [isAbsolute(binary) ? binary : resolve(binary)]
    : envPath
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, binary));
  for (const candidate of candidates) {
    if (await isExecutableFile(candidate)) return realpath(candidate);
  }
  throw new JanusNotInstalledError(binary);
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
