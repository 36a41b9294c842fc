/**
 * `@statelyai/inspect` for a test page: its WebSocket inspector bundled for the browser with esbuild
 * (`isomorphic-ws` resolves to the platform's `WebSocket`), served by the harness at `/vendor/inspect.js`.
 * @module
 */
import { build } from 'esbuild';

let bundled: Promise<string> | undefined;

/** The ESM text of `export { createWebSocketInspector } from '@statelyai/inspect'` for the browser (built once). */
export function inspectorBundle(): Promise<string> {
  bundled ??= build({
    stdin: {
      contents: "export { createWebSocketInspector } from '@statelyai/inspect';",
      resolveDir: new URL('.', import.meta.url).pathname,
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bundled;
}
