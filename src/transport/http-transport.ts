/**
 * The Node HTTP transport: the long-poll transport of `http-long-poll.ts` (one POST per request, one
 * long-poll loop per session, backoff, the ping after a cut, stall detection, the error codes) on an
 * exchange over `node:http` with a keep-alive agent. An exchange in flight is held as a function that
 * destroys its `ClientRequest` (no `AbortController` each), and a body is complete at its
 * `Content-Length`. The browser's transport (`fetch-transport.ts`) runs the same core on `fetch`. (undici
 * was the first choice; its llhttp WebAssembly parser gets tiered up by V8 in the background, and Node
 * waits for that compile at exit, which kept short scripts alive 0.3-1 s after `close()`.)
 * @module
 */
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { JanusError } from '../errors.js';
import {
  type HttpErrorKind,
  type HttpExchange,
  HttpLongPollTransport,
  type HttpRequest,
  type HttpResponse,
} from './http-long-poll.js';
import { isTlsError, nodeTlsOptions } from './tls.js';
import type { Transport, TransportEvents, TransportOptions } from './transport.js';

export {
  HTTP_POLL_FIRST_BACKOFF_MS,
  HTTP_POLL_MAX_BACKOFF_MS,
  HTTP_POLL_MAX_EVENTS,
} from './http-long-poll.js';

/**
 * Socket errors that mean the server cannot be reached (or went away mid-request). HTTP has no
 * persistent connection, so a POST or poll failing with one of these counts as the loss of the link:
 * the transport closes with the error and the client reconnects (when reconnect is on).
 */
const LINK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Of the {@link LINK_ERROR_CODES}, those that end one connection but say nothing about the others (the
 * peer reset or hung up on this one). The transport then asks the server whether it is still there
 * before it gives up the link; the other codes mean the server cannot be reached at all.
 */
const CONNECTION_ERROR_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** True when `error` is a socket error that means the link to the server is gone. */
export function isLinkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && LINK_ERROR_CODES.has(code);
}

/** True when `error` ended one connection only (reset, hang-up): the server may still be reachable. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_ERROR_CODES.has(code);
}

/** Creates the HTTP transport; it is open at once (the first request proves the server is there). */
export function createHttpTransport(options: TransportOptions, events: TransportEvents): Transport {
  return new HttpTransport(options, events);
}

/** Janus over HTTP REST with long-poll, on `node:http` (`https:` URLs on `node:https` with the TLS options). */
export class HttpTransport extends HttpLongPollTransport {
  /** Prepares the connection pool; nothing is sent until the first request. */
  constructor(options: TransportOptions, events: TransportEvents) {
    super(options, events, new NodeHttpExchange(options));
  }
}

/** HTTP exchanges on `node:http` (or `node:https`) through one keep-alive agent. */
class NodeHttpExchange implements HttpExchange {
  readonly #agent: Agent;
  readonly #request: typeof httpRequest;

  constructor(options: TransportOptions) {
    const secure = options.url.startsWith('https:');
    this.#request = secure ? httpsRequest : httpRequest;
    // https needs an https agent (an http one makes every request fail), carrying the TLS settings.
    this.#agent = secure
      ? new HttpsAgent({ keepAlive: true, keepAliveMsecs: 10_000, ...nodeTlsOptions(options.tls) })
      : new Agent({ keepAlive: true, keepAliveMsecs: 10_000 });
  }

  /** A reset or hang-up ends one connection; the other socket errors mean the server cannot be reached. */
  classify(error: unknown): HttpErrorKind {
    if (isConnectionError(error)) return 'connection';
    if (isLinkError(error)) return 'link';
    if (isTlsError(error)) return 'tls';
    return 'other';
  }

  destroy(): void {
    this.#agent.destroy();
  }

  /**
   * One exchange, held in `holder` while in flight as a function that destroys the request; rejects on
   * network errors, when destroyed, and when the response stalls past `stallMs` (`TIMEOUT`).
   */
  send({ url, method, holder, body, stallMs, onResponse }: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> =
        body === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = this.#request(url, { method, headers, agent: this.#agent });
      const cancel = (): void => {
        req.destroy(aborted());
      };
      holder.add(cancel);
      const fail = (error: unknown): void => {
        holder.delete(cancel);
        reject(error);
      };
      req.setTimeout(stallMs, () =>
        req.destroy(new JanusError('TIMEOUT', `HTTP ${method} stalled for ${stallMs} ms`)),
      );
      req.on('error', fail);
      req.on('response', (response: IncomingMessage) => {
        onResponse();
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        // Janus sends a Content-Length: the body is complete with its last byte, a tick or two before
        // the stream's 'end' (which then only frees the socket for the next exchange).
        const length = Number(response.headers['content-length'] ?? Number.NaN);
        let received = 0;
        let done = false;
        const complete = (): void => {
          if (done) return;
          done = true;
          holder.delete(cancel);
          resolve({ statusCode, text: Buffer.concat(chunks, received).toString('utf8') });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
          if (received === length) complete();
        });
        response.on('error', (error) => {
          if (!done) fail(error);
        });
        response.on('end', complete);
      });
      req.end(body);
    });
  }
}

/** What an exchange cancelled on purpose fails with (nobody sees it: the loop or the transport ended). */
function aborted(): Error {
  return new JanusError('CLOSED', 'the HTTP transport stopped this exchange');
}
