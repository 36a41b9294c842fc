/**
 * The Node HTTP transport: one POST per request, and one long-poll loop per session that fetches events in
 * batches (`maxev`) and retries with backoff when a poll fails. It runs on `node:http` with a keep-alive
 * agent, holding in-flight requests directly (no `AbortController` each). The browser's transport
 * (`fetch-transport.ts` on `http-long-poll.ts`) follows the same rules on `fetch`. (undici was the first choice; its llhttp WebAssembly parser gets tiered up by V8 in the
 * background, and Node waits for that compile at exit, which kept short scripts alive 0.3-1 s after
 * `close()`.)
 * @module
 */
import { Agent, type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { JanusError } from '../errors.js';
import type { JanusMessage, JanusWireRequest } from '../protocol/messages.js';
import { parseServerFrame } from '../wire/parse.js';
import {
  HTTP_POLL_FIRST_BACKOFF_MS,
  HTTP_POLL_MAX_BACKOFF_MS,
  HTTP_POLL_MAX_EVENTS,
} from './http-long-poll.js';
import { isTlsError, nodeTlsOptions, tlsError } from './tls.js';
import type { Transport, TransportEvents, TransportOptions } from './transport.js';

export {
  HTTP_POLL_FIRST_BACKOFF_MS,
  HTTP_POLL_MAX_BACKOFF_MS,
  HTTP_POLL_MAX_EVENTS,
} from './http-long-poll.js';

/** Janus holds a long-poll ~30 s; a poll that takes much longer than this is considered dead. */
const POLL_STALL_MS = 65_000;
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

/** Janus over HTTP REST with long-poll. */
export class HttpTransport implements Transport {
  readonly kind = 'http' as const;
  readonly #options: TransportOptions;
  readonly #events: TransportEvents;
  readonly #base: string;
  readonly #agent: Agent;
  readonly #request: typeof httpRequest;
  readonly #polls = new Map<number, Poll>();
  /** The POSTs in flight (destroyed when the transport ends; no `AbortController` per request). */
  readonly #requests = new Set<ClientRequest>();
  /**
   * Per session: the plugin `message` requests whose answer can only come by the long-poll (they have
   * had no final reply on their POST, and no `event` by the poll yet). If a poll of that session is cut,
   * their answer may have been in it: they fail with `DISCONNECTED` instead of waiting for their timeout.
   */
  readonly #awaitingPoll = new Map<number, Set<string>>();
  /** The check in progress of whether the server is still reachable after a connection was cut. */
  #probe: Promise<boolean> | undefined;
  /** Whether the server has answered at least one exchange of this transport. */
  #reached = false;
  #closed = false;

  /** Prepares the connection pool; nothing is sent until the first request. */
  constructor(options: TransportOptions, events: TransportEvents) {
    this.#options = options;
    this.#events = events;
    this.#base = options.url.replace(/\/+$/, '');
    const secure = this.#base.startsWith('https:');
    this.#request = secure ? httpsRequest : httpRequest;
    // https needs an https agent (an http one makes every request fail), carrying the TLS settings.
    this.#agent = secure
      ? new HttpsAgent({ keepAlive: true, keepAliveMsecs: 10_000, ...nodeTlsOptions(options.tls) })
      : new Agent({ keepAlive: true, keepAliveMsecs: 10_000 });
    queueMicrotask(() => {
      if (!this.#closed) events.onOpen();
    });
  }

  send(wire: JanusWireRequest): void {
    // The ids travel in the path, not in the body.
    const { session_id: sessionId, handle_id: handleId, ...body } = wire;
    let path = '';
    if (sessionId !== undefined) path += `/${sessionId}`;
    if (handleId !== undefined) path += `/${handleId}`;
    if (body.janus === 'message' && sessionId !== undefined) this.#awaitPoll(sessionId, wire.transaction);
    void this.#post(path, JSON.stringify(body), wire.transaction);
  }

  sessionStarted(sessionId: number): void {
    if (this.#closed || this.#polls.has(sessionId)) return;
    const poll = new Poll();
    this.#polls.set(sessionId, poll);
    void this.#pollLoop(sessionId, poll);
  }

  sessionEnded(sessionId: number): void {
    const poll = this.#polls.get(sessionId);
    if (!poll) return;
    this.#polls.delete(sessionId);
    this.#awaitingPoll.delete(sessionId);
    poll.stop();
  }

  close(): void {
    this.#end(undefined);
  }

  /**
   * The server cannot be reached: end every poll and request and report the end once. Before the server
   * ever answered this transport, that is a connection that never opened (`TRANSPORT`, as over
   * WebSocket); after, the link was lost (`DISCONNECTED`).
   */
  #lose(cause: unknown): void {
    if (this.#closed) return;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = this.#reached
      ? new JanusError('DISCONNECTED', `the HTTP link to Janus was lost: ${reason}`, { cause })
      : new JanusError('TRANSPORT', `could not reach Janus at ${this.#base}: ${reason}`, { cause });
    this.#end(error);
  }

  /**
   * One connection was cut (`cause`): sends the server a `ping` on another connection, within the
   * connect timeout. Resolves `true` when it answers (the link is fine: the other polls and requests go
   * on); otherwise the link is lost and it resolves `false`. Concurrent cuts share one probe.
   *
   * Why not drop everything at once: Janus does not notice that a client closed a long-poll it holds
   * until the poll's ~30 s hold ends, so tearing down every poll on each cut leaves one dead connection
   * per session in the server; enough cuts fill Janus's connection limit (~1,020), and from then on every
   * request waits unanswered for its whole timeout.
   */
  #checkLink(cause: unknown): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    if (this.#probe) return this.#probe;
    const ping: Record<string, string> = { janus: 'ping', transaction: 'janus-xstate-link-check' };
    if (this.#options.apiSecret) ping.apisecret = this.#options.apiSecret;
    if (this.#options.token) ping.token = this.#options.token;
    const probe = this.#fetch(
      this.#base,
      'POST',
      this.#requests,
      JSON.stringify(ping),
      this.#options.connectTimeoutMs,
    )
      .then(({ statusCode, text }) => statusCode === 200 && text.includes('pong'))
      .catch(() => false)
      .then((alive) => {
        this.#probe = undefined;
        if (this.#closed) return false;
        if (!alive) this.#lose(cause);
        else this.#options.logger.debug('an HTTP connection was cut; the server still answers', {});
        return alive;
      });
    this.#probe = probe;
    return probe;
  }

  /** Ends every poll and request, drops the sockets and reports the end once (`error` undefined: on purpose). */
  #end(error: JanusError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const poll of this.#polls.values()) poll.stop();
    this.#polls.clear();
    for (const request of this.#requests) request.destroy(aborted());
    this.#requests.clear();
    this.#agent.destroy();
    this.#events.onClose(error);
  }

  async #post(path: string, payload: string, transaction: string): Promise<void> {
    try {
      const { statusCode, text } = await this.#fetch(this.#base + path, 'POST', this.#requests, payload);
      if (statusCode !== 200) throw new JanusError('TRANSPORT', `HTTP ${statusCode} from Janus`);
      const messages = parseServerFrame(text, this.#options.logger);
      if (messages.length === 0)
        throw new JanusError('PROTOCOL', 'Janus sent an HTTP reply that is not a Janus message');
      for (const message of messages) {
        if (message.janus !== 'ack') this.#answered(message);
        this.#events.onMessage(message);
      }
    } catch (error) {
      if (this.#closed) return;
      if (isConnectionError(error)) {
        // This exchange was cut: the request may or may not have reached the server. It fails at once;
        // whether the whole link is gone is for the probe to say.
        this.#events.onSendError(transaction, disconnected(error));
        void this.#checkLink(error);
        return;
      }
      if (isLinkError(error)) {
        this.#lose(error);
        return;
      }
      this.#events.onSendError(
        transaction,
        isTlsError(error) ? tlsError(error, this.#base) : toTransportError(error),
      );
    }
  }

  async #pollLoop(sessionId: number, poll: Poll): Promise<void> {
    let failures = 0;
    const query = new URLSearchParams({ maxev: String(HTTP_POLL_MAX_EVENTS) });
    if (this.#options.apiSecret) query.set('apisecret', this.#options.apiSecret);
    if (this.#options.token) query.set('token', this.#options.token);
    const url = `${this.#base}/${sessionId}?${query.toString()}`;
    while (!poll.stopped) {
      try {
        const { statusCode, text } = await this.#fetch(url, 'GET', poll, undefined, POLL_STALL_MS);
        if (statusCode === 404) {
          // Janus answers a long-poll for a session it no longer has (timed out, destroyed, server
          // restarted) with an empty 404: the session is gone.
          const reason = `No such session ${sessionId} (HTTP 404 on long-poll)`;
          this.#deliverPolled(sessionId, [{ janus: 'error', error: { code: 458, reason } }]);
          return;
        }
        const messages = parseServerFrame(text, this.#options.logger);
        if (statusCode !== 200) throw new JanusError('TRANSPORT', `HTTP ${statusCode} on long-poll`);
        failures = 0;
        if (this.#deliverPolled(sessionId, messages)) return;
      } catch (error) {
        if (poll.stopped || this.#closed) return;
        if (isConnectionError(error)) {
          // Only this poll's connection was cut, and the events it carried, if any, are gone with it: the
          // requests that were waiting for one fail now. Poll again at once if the server still answers,
          // else the link is lost.
          this.#pollCut(sessionId, error);
          if (await this.#checkLink(error)) continue;
          return;
        }
        if (isLinkError(error)) {
          this.#lose(error);
          return;
        }
        failures += 1;
        const delayMs = Math.min(HTTP_POLL_FIRST_BACKOFF_MS * 2 ** (failures - 1), HTTP_POLL_MAX_BACKOFF_MS);
        this.#options.logger.debug('long-poll failed, retrying', {
          sessionId,
          delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
        await poll.sleep(delayMs);
      }
    }
  }

  /**
   * One HTTP exchange, held in `holder` while in flight (so that ending the transport or the poll can
   * destroy it); rejects on network errors, when destroyed, and when the response stalls past `stallMs`.
   */
  #fetch(
    url: string,
    method: 'GET' | 'POST',
    holder: RequestHolder,
    body?: string,
    stallMs = POLL_STALL_MS,
  ): Promise<{ statusCode: number; text: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> =
        body === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = this.#request(url, { method, headers, agent: this.#agent });
      holder.add(req);
      const fail = (error: unknown): void => {
        holder.delete(req);
        reject(error);
      };
      req.setTimeout(stallMs, () =>
        req.destroy(new JanusError('TIMEOUT', `HTTP ${method} stalled for ${stallMs} ms`)),
      );
      req.on('error', fail);
      req.on('response', (response: IncomingMessage) => {
        this.#reached = true;
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
          holder.delete(req);
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

  #awaitPoll(sessionId: number, transaction: string): void {
    let awaiting = this.#awaitingPoll.get(sessionId);
    if (!awaiting) {
      awaiting = new Set();
      this.#awaitingPoll.set(sessionId, awaiting);
    }
    awaiting.add(transaction);
  }

  /** `message` settles a transaction (a final reply or the plugin's event): it no longer waits for a poll. */
  #answered(message: JanusMessage): void {
    const { transaction, session_id: sessionId } = message;
    if (transaction === undefined || typeof sessionId !== 'number') return;
    const awaiting = this.#awaitingPoll.get(sessionId);
    if (!awaiting?.delete(transaction)) return;
    if (awaiting.size === 0) this.#awaitingPoll.delete(sessionId);
  }

  /** A poll of `sessionId` was cut: the requests whose answer it may have carried fail with `DISCONNECTED`. */
  #pollCut(sessionId: number, cause: unknown): void {
    const awaiting = this.#awaitingPoll.get(sessionId);
    if (!awaiting) return;
    this.#awaitingPoll.delete(sessionId);
    const message = cause instanceof Error ? cause.message : String(cause);
    for (const transaction of awaiting) {
      this.#events.onSendError(
        transaction,
        new JanusError('DISCONNECTED', `the long-poll that could carry the answer was cut: ${message}`, {
          cause,
        }),
      );
    }
  }

  /** Delivers polled messages; returns true when the session is gone and polling must stop. */
  #deliverPolled(sessionId: number, messages: JanusMessage[]): boolean {
    for (const message of messages) {
      if (message.janus === 'event' || message.janus === 'error' || message.janus === 'success')
        this.#answered(message);
      if (message.janus === 'keepalive') continue;
      if (message.janus === 'error' && message.transaction === undefined) {
        if (message.error?.code === 458) {
          // The server no longer knows the session (it restarted, or timed it out): tell the session.
          this.#polls.delete(sessionId);
          this.#events.onMessage({ ...message, session_id: sessionId });
          return true;
        }
        continue;
      }
      this.#events.onMessage(message);
    }
    return false;
  }
}

function disconnected(cause: unknown): JanusError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new JanusError('DISCONNECTED', `the HTTP connection carrying the request was cut: ${message}`, {
    cause,
  });
}

function toTransportError(error: unknown): JanusError {
  if (error instanceof JanusError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new JanusError('TRANSPORT', `HTTP request failed: ${message}`, { cause: error });
}

/** Where an exchange is held while in flight: the set of POSTs, or a session's poll. */
interface RequestHolder {
  add(request: ClientRequest): void;
  delete(request: ClientRequest): void;
}

/** One session's long-poll loop: its exchange in flight, and how it stops. */
class Poll implements RequestHolder {
  stopped = false;
  #current: ClientRequest | undefined;
  #wake: (() => void) | undefined;

  add(request: ClientRequest): void {
    this.#current = request;
  }

  delete(request: ClientRequest): void {
    if (this.#current === request) this.#current = undefined;
  }

  /** Ends the loop: the poll in flight is destroyed, a backoff wait ends at once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.#current?.destroy(aborted());
    this.#current = undefined;
    this.#wake?.();
  }

  /** Waits `ms` before the next retry, or until stopped. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      this.#wake = undefined;
    });
  }
}

/** What a poll or POST destroyed on purpose fails with (nobody sees it: the loop or the transport ended). */
function aborted(): Error {
  return new JanusError('CLOSED', 'the HTTP transport stopped this exchange');
}
