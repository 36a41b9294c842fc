/**
 * The browser bundle's size next to janus.js 1.1.2 (Debian `libjs-janus-gateway`): raw and gzip (level 9)
 * bytes of `dist/browser/janus-xstate.js` as `npm run build:browser` makes it (minified ESM, XState
 * included), and of janus.js (its own minified build, `janus.min.js`, and the readable `janus.js`),
 * with what each needs beside it (janus.js needs webrtc-adapter, Debian `libjs-webrtc-adapter`).
 *
 * `npx tsx bench/browser-size.ts` prints the table and writes it into `bench/RESULTS.md` (the section
 * between the `browser-size` markers, replaced in place); `bench/run.ts` appends the same section when it
 * rewrites RESULTS.md.
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBrowserBundle } from '../scripts/browser-bundle.js';

/** Where Debian's `libjs-janus-gateway` puts janus.js. */
const JANUS_JS_DIR = '/usr/share/javascript/janus-gateway';
/** Where Debian's `libjs-webrtc-adapter` puts adapter.js (janus.js's dependency). */
const ADAPTER_JS_DIR = '/usr/share/javascript/webrtc-adapter';
const START = '<!-- browser-size -->';
const END = '<!-- /browser-size -->';

/** One file's size. */
export interface FileSize {
  /** What it is. */
  name: string;
  /** Bytes as shipped. */
  raw: number;
  /** Bytes gzipped at level 9. */
  gzip: number;
}

function sizeOf(name: string, bytes: Uint8Array): FileSize {
  return { name, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

function fileSize(name: string, path: string): FileSize | undefined {
  return existsSync(path) ? sizeOf(name, readFileSync(path)) : undefined;
}

/** Builds the bundle (written to `dist/browser/`) and measures it and janus.js; returns the Markdown section. */
export async function browserSizeSection(): Promise<string> {
  const bundle = await buildBrowserBundle();
  const ours = sizeOf(
    'janus-xstate browser bundle (`dist/browser/janus-xstate.js`, minified, XState included)',
    bundle.code,
  );
  const xstateInputs = Object.entries(bundle.metafile.outputs)
    .flatMap(([, output]) => Object.entries(output.inputs))
    .filter(([path]) => path.includes('node_modules/xstate/'))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  const theirs = [
    fileSize('janus.js 1.1.2 minified (`janus.min.js`)', `${JANUS_JS_DIR}/janus.min.js`),
    fileSize('janus.js 1.1.2 readable (`janus.js`)', `${JANUS_JS_DIR}/janus.js`),
    fileSize('its dependency webrtc-adapter (`adapter.min.js`, Debian)', `${ADAPTER_JS_DIR}/adapter.min.js`),
  ].filter((entry): entry is FileSize => entry !== undefined);
  const janusMin = theirs[0];
  const adapter = theirs.find((entry) => entry.name.includes('adapter'));
  const rows = [ours, ...theirs];
  if (janusMin && adapter) {
    rows.push({
      name: 'janus.js minified + webrtc-adapter (what a janus.js page loads)',
      raw: janusMin.raw + adapter.raw,
      gzip: janusMin.gzip + adapter.gzip,
    });
  }
  const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
  const lines = [
    START,
    '## Browser bundle size',
    '',
    `Measured ${new Date().toISOString()} by \`bench/browser-size.ts\` (esbuild ${esbuildVersion()}, gzip level 9).`,
    '',
    '| File | raw (KB) | gzip (KB) |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.name} | ${kb(row.raw)} | ${kb(row.gzip)} |`),
    '',
    `- XState's share of the bundle: ${kb(xstateInputs)} KB raw (minified). janus-xstate needs nothing beside the bundle: no webrtc-adapter, no other script.`,
    '- janus.js is callbacks over the browser APIs; the bundle carries the statecharts (connection, session, handle, JSEP, reconnect, keepalive), typed plugins (EchoTest, VideoRoom, TextRoom, VideoCall, AudioBridge, Streaming, RecordPlay, SIP, NoSIP, VoiceMail, Lua/Duktape), the Admin API client and both transports.',
    theirs.length === 0
      ? '- janus.js not found: install Debian `libjs-janus-gateway` (and `libjs-webrtc-adapter`).'
      : `- janus.js files from \`${JANUS_JS_DIR}\` (Debian \`libjs-janus-gateway\` 1.1.2), adapter from \`${ADAPTER_JS_DIR}\`.`,
    END,
  ];
  return lines.join('\n');
}

function esbuildVersion(): string {
  const pkg = JSON.parse(
    readFileSync(new URL('../node_modules/esbuild/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

/** Replaces the `browser-size` section of `markdown`, or appends it. */
export function withBrowserSizeSection(markdown: string, section: string): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start >= 0 && end > start) return markdown.slice(0, start) + section + markdown.slice(end + END.length);
  return `${markdown.trimEnd()}\n\n${section}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const section = await browserSizeSection();
  const resultsFile = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  writeFileSync(resultsFile, withBrowserSizeSection(readFileSync(resultsFile, 'utf8'), section));
  process.stdout.write(`${section}\n`);
}
