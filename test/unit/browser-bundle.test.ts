/**
 * The browser bundle builds, and its import graph (esbuild's metafile: every input file of the bundle and
 * every import it resolved) holds no Node built-in and none of the Node-only packages (`ws`, `undici`,
 * `werift` and its dependencies, `unix-dgram`, `@statelyai/inspect`'s Node server side...). Built in
 * memory with the project's own build function, as `npm run build:browser` does; no browser needed.
 * @module
 */
import { isBuiltin } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildBrowserBundle } from '../../scripts/browser-bundle.js';

/** Packages that only run in Node: none may be in the browser bundle. */
const NODE_ONLY_PACKAGES = [
  'ws',
  'undici',
  'werift',
  '@peculiar',
  '@shinyoshiaki',
  'unix-dgram',
  'multicast-dns',
  'janode',
];

/** The npm package a `node_modules/...` input belongs to. */
function packageOf(input: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1];
}

describe('browser bundle', () => {
  it('builds, and its import graph has no Node built-in and no Node-only package', async () => {
    const { metafile, code } = await buildBrowserBundle({ write: false });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('src/browser.ts');
    expect(inputs).toContain('src/janus-client.ts');
    const imports = Object.values(metafile.inputs).flatMap((input) =>
      input.imports.map((entry) => entry.path),
    );
    const builtins = [...inputs, ...imports].filter((path) => isBuiltin(path) || path.startsWith('node:'));
    expect(builtins).toEqual([]);
    const packages = new Set(inputs.map(packageOf).filter((name) => name !== undefined));
    // XState is bundled; nothing else from node_modules.
    expect([...packages]).toEqual(['xstate']);
    for (const name of packages) {
      expect(NODE_ONLY_PACKAGES.some((banned) => name === banned || name.startsWith(`${banned}/`))).toBe(
        false,
      );
    }
    // Nothing is left external: the bundle is complete.
    expect(imports.filter((path) => !inputs.includes(path))).toEqual([]);
    expect(code.byteLength).toBeGreaterThan(10_000);
  });
});
