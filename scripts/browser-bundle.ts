/**
 * Builds the browser bundle with esbuild: `src/browser.ts` and everything it imports (XState included) as
 * one minified ESM file, `dist/browser/janus-xstate.js` with its source map. Used by
 * `npm run build:browser` and by the test of the bundle's import graph (`test/unit/browser-bundle.test.ts`),
 * which reads the metafile this returns.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** The repository's root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The browser entry point. */
export const BROWSER_ENTRY = resolve(ROOT, 'src/browser.ts');
/** Where `npm run build:browser` writes the bundle. */
export const BROWSER_BUNDLE = resolve(ROOT, 'dist/browser/janus-xstate.js');

/** Options of {@link buildBrowserBundle}. */
export interface BrowserBundleOptions {
  /** The entry point. Default {@link BROWSER_ENTRY}. */
  entry?: string;
  /** The output file. Default {@link BROWSER_BUNDLE}. */
  outfile?: string;
  /** Write the files (`false`: build in memory only, e.g. to read the metafile). Default `true`. */
  write?: boolean;
  /** Minify. Default `true`. */
  minify?: boolean;
  /**
   * `esm` (the shipped bundle) or `iife` (the same graph as a script that sets `globalThis[globalName]`,
   * for running it in a sandbox). Default `esm`.
   */
  format?: 'esm' | 'iife';
  /** With `format: 'iife'`, the global the exports go to. Default `JanusXState`. */
  globalName?: string;
}

/** What a build produced. */
export interface BrowserBundle {
  /** esbuild's metafile: every input file of the bundle and what it imports. */
  metafile: Metafile;
  /** The bundle's code. */
  code: Uint8Array;
  /** The output file. */
  outfile: string;
}

/**
 * Bundles the browser entry for browsers (`platform: 'browser'`, ES2022, ESM). A Node built-in anywhere in
 * the graph makes the build fail, since esbuild cannot resolve `node:*` for the browser platform.
 */
export async function buildBrowserBundle(options: BrowserBundleOptions = {}): Promise<BrowserBundle> {
  const outfile = options.outfile ?? BROWSER_BUNDLE;
  const write = options.write !== false;
  if (write) await mkdir(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [options.entry ?? BROWSER_ENTRY],
    outfile,
    bundle: true,
    format: options.format ?? 'esm',
    ...(options.format === 'iife' ? { globalName: options.globalName ?? 'JanusXState' } : {}),
    platform: 'browser',
    target: 'es2022',
    minify: options.minify !== false,
    sourcemap: true,
    metafile: true,
    write,
    logLevel: 'silent',
    legalComments: 'eof',
    absWorkingDir: ROOT,
  });
  const output = result.outputFiles?.find((file) => file.path === outfile);
  const code = output ? output.contents : new Uint8Array(await readBytes(outfile));
  return { metafile: result.metafile, code, outfile };
}

async function readBytes(path: string): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = await buildBrowserBundle();
  console.log(`wrote ${bundle.outfile} (${bundle.code.byteLength} bytes) and its source map`);
}
