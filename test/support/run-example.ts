/**
 * Runs a script under `examples/` as a user runs it: a separate Node process with tsx, only the public
 * entry points (`janus-xstate` resolves to `src/` through `tsconfig.json`'s `paths`, found with
 * `TSX_TSCONFIG_PATH` whatever the working folder).
 * @module
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** tsx's loader (its `.` export), as a URL that works from any working folder. */
const TSX_LOADER = new URL('node_modules/tsx/dist/loader.mjs', `file://${REPO_ROOT}`).href;

/** What a run printed and how it ended. */
export interface ExampleRun {
  /** The exit code; `null` when a signal (or the timeout) ended it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `file` (relative to the repository root) with `env` added, in `cwd` (default: the repository
 * root) with `args` after it (default none); resolves with its exit code and output, never rejects on a
 * non-zero exit. Killed after `timeoutMs` (default 30 s).
 */
export function runExample(
  file: string,
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; timeoutMs?: number; args?: readonly string[] } = {},
): Promise<ExampleRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      // tsx by URL: `--import tsx` would be looked up from `cwd`.
      ['--import', TSX_LOADER, fileURLToPath(new URL(file, `file://${REPO_ROOT}`)), ...(options.args ?? [])],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: `${REPO_ROOT}tsconfig.json`, ...env },
        timeout: options.timeoutMs ?? 30_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
