/**
 * A tiny static file server on a free loopback port (`node:http`): the browser demo and tests serve their pages,
 * the bundle and Debian's janus.js from it. Only `GET`/`HEAD` of the files it was given; anything else is
 * a 404. `close()` also ends open keep-alive connections, so nothing keeps the process alive.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** What a URL path serves: a file, a folder (every file under it), or generated text. */
export type StaticRoute =
  | { readonly file: string }
  | { readonly dir: string }
  | { readonly text: string; readonly contentType?: string };

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` (a secure context for `getUserMedia`). */
  readonly origin: string;
  /** Every path requested so far, in order (e.g. to check that a page loaded the bundle). */
  readonly requested: readonly string[];
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

/**
 * Serves `routes`: keys are URL paths; a key ending in `/` mounts a folder (`{ dir }`), any other key is
 * one file or text. Listens on 127.0.0.1, on `options.port` (default: a free port).
 */
export async function startStaticServer(
  routes: Record<string, StaticRoute>,
  options: { port?: number } = {},
): Promise<StaticServer> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requested.push(path);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    resolveRoute(routes, path).then(
      (found) => {
        if (!found) {
          response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
          return;
        }
        response.writeHead(200, { 'content-type': found.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : found.body);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function resolveRoute(
  routes: Record<string, StaticRoute>,
  path: string,
): Promise<{ body: string | Buffer; contentType: string } | undefined> {
  const exact = routes[path];
  const typeOf = (name: string) => CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
  if (exact && 'text' in exact) return { body: exact.text, contentType: exact.contentType ?? typeOf(path) };
  if (exact && 'file' in exact) return { body: await readFile(exact.file), contentType: typeOf(exact.file) };
  for (const [prefix, route] of Object.entries(routes)) {
    if (!prefix.endsWith('/') || !path.startsWith(prefix) || !('dir' in route)) continue;
    const file = normalize(join(route.dir, path.slice(prefix.length)));
    // No way out of the mounted folder.
    if (!file.startsWith(normalize(route.dir) + sep)) return undefined;
    return { body: await readFile(file), contentType: typeOf(file) };
  }
  return undefined;
}
