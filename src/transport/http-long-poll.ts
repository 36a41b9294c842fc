/**
 * The HTTP long-poll transport, platform-neutral: one POST per request, and one long-poll loop per session
 * that fetches events in batches (`maxev`) and retries with backoff when a poll fails. The HTTP exchange
 * itself is the platform's ({@link HttpExchange}): `node:http` in Node (`http-transport.ts`), `fetch` with
 * an `AbortController` in the browser (`fetch-transport.ts`). An exchange in flight is held by the
 * transport as a plain cancel function ({@link HttpHolder}), not an `AbortSignal`: the Node exchange
 * destroys its request directly, with no `AbortController` per POST or poll.
 * @module
 */
import { JanusError } from '../errors.js';
import type { JanusMessage, JanusWireRequest } from '../protocol/messages.js';
import { parseServerFrame } from '../wire/parse.js';
import { tlsError } from './tls.js';
import type { Transport, TransportEvents, TransportOptions } from './transport.js';

/** Events fetched per long-poll at most. */
export const HTTP_POLL_MAX_EVENTS = 10;
/** First delay before retrying a failed poll; it doubles up to {@link HTTP_POLL_MAX_BACKOFF_MS}. */
export const HTTP_POLL_FIRST_BACKOFF_MS = 100;
/** Longest delay between poll retries. */
export const HTTP_POLL_MAX_BACKOFF_MS = 5000;
/** Janus holds a long-poll ~30 s; a poll that takes much longer than this is considered dead. */
export const POLL_STALL_MS = 65_000;
/** Ends one exchange in flight; its `send` then rejects (the transport ignores that error). */
export type HttpCancel = () => void;

/**
 * Where the transport holds an exchange while it is in flight, so that ending a poll or the transport can
 * cancel it: the set of POSTs, or a session's poll. A `Set<HttpCancel>` is one.
 */
export interface HttpHolder {
  /** Holds `cancel` while the exchange is in flight. */
  add(cancel: HttpCancel): void;
  /** Lets `cancel` go: the exchange settled. */
  delete(cancel: HttpCancel): void;
}

/** One HTTP request as the transport asks the platform for it. */
export interface HttpRequest {
  /** The full URL. */
  url: string;
  /** `GET` (long-poll) or `POST` (a request). */
  method: 'GET' | 'POST';
  /**
   * The exchange's holder: `send` adds its cancel function before it starts (synchronously) and deletes it
   * once the response is complete or the exchange failed.
   */
  holder: HttpHolder;
  /** The JSON body of a POST. */
  body: string | undefined;
  /** The exchange fails with `TIMEOUT` when the response stalls this long. */
  stallMs: number;
  /** Called when the response starts: the server was reached. */
  onResponse(): void;
}

/** What the server answered. */
export interface HttpResponse {
  /** The HTTP status. */
  statusCode: number;
  /** The response body as text. */
  text: string;
}

/**
 * How an error of {@link HttpExchange.send} is handled: `connection` ended one exchange only (the server
 * may still answer: the transport pings it before giving up the link), `link` means the server cannot be
 * reached at all, `tls` is a failed certificate check, `other` fails just that request.
 */
export type HttpErrorKind = 'connection' | 'link' | 'tls' | 'other';

/** The platform's HTTP: one exchange at a time, and how its errors are to be read. */
export interface HttpExchange {
  /** One exchange; rejects on network errors, when cancelled, and when the response stalls. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Reads an error of `send`; `reached` says whether the server ever answered this transport. */
  classify(error: unknown, reached: boolean): HttpErrorKind;
  /** Releases the sockets (the transport closed). */
  destroy(): void;
}

/**
 * Janus over HTTP REST with long-poll, on any {@link HttpExchange} (`node:http` in Node, `fetch` in the
 * browser): the same requests, polls, cut handling and error codes on both.
 */
export class HttpLongPollTransport implements Transport {
  readonly kind = 'http' as const;
  readonly #options: TransportOptions;
  readonly #events: TransportEvents;
  readonly #base: string;
  readonly #exchange: HttpExchange;
  readonly #polls = new Map<number, Poll>();
  /** The POSTs (and the link probe) in flight, each by its cancel function. */
  readonly #requests = new Set<HttpCancel>();
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
  /** Marks the server as reached; one function for every exchange (none allocated per request). */
  readonly #onResponse = (): void => {
    this.#reached = true;
  };

  /** Prepares the transport; nothing is sent until the first request. */
  constructor(options: TransportOptions, events: TransportEvents, exchange: HttpExchange) {
    this.#options = options;
    this.#events = events;
    this.#base = options.url.replace(/\/+$/, '');
    this.#exchange = exchange;
    queueMicrotask(() => {
      if (!this.#closed) events.onOpen();
    });
  }

  send(wire: JanusWireRequest): void {
    const { session_id: sessionId, handle_id: handleId, ...body } = wire;
    let path = '';
    if (sessionId !== undefined) path += `/${sessionId}`;
    if (handleId !== undefined) path += `/${handleId}`;
    if (body.janus === 'message' && sessionId !== undefined) this.#awaitPoll(sessionId, wire.transaction);
    void this.#post(path, body, wire.transaction);
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
    const probe = this.#send(
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
    for (const cancel of this.#requests) cancel();
    this.#requests.clear();
    this.#exchange.destroy();
    this.#events.onClose(error);
  }

  async #post(path: string, body: Record<string, unknown>, transaction: string): Promise<void> {
    try {
      const payload = JSON.stringify(body);
      const { statusCode, text } = await this.#send(this.#base + path, 'POST', this.#requests, payload);
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
      const kind = this.#exchange.classify(error, this.#reached);
      if (kind === 'connection') {
        // This exchange was cut: the request may or may not have reached the server. It fails at once;
        // whether the whole link is gone is for the probe to say.
        this.#events.onSendError(transaction, disconnected(error));
        void this.#checkLink(error);
        return;
      }
      if (kind === 'link') {
        this.#lose(error);
        return;
      }
      this.#events.onSendError(
        transaction,
        kind === 'tls' ? tlsError(error, this.#base) : toTransportError(error),
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
        const { statusCode, text } = await this.#send(url, 'GET', poll, undefined, POLL_STALL_MS);
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
        const kind = this.#exchange.classify(error, this.#reached);
        if (kind === 'connection') {
          // Only this poll's connection was cut, and the events it carried, if any, are gone with it: the
          // requests that were waiting for one fail now. Poll again at once if the server still answers,
          // else the link is lost.
          this.#pollCut(sessionId, error);
          if (await this.#checkLink(error)) continue;
          return;
        }
        if (kind === 'link') {
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
   * One exchange through the platform, held in `holder` while in flight (so that ending the transport or
   * the poll can cancel it); the first response marks the server as reached.
   */
  #send(
    url: string,
    method: 'GET' | 'POST',
    holder: HttpHolder,
    body?: string,
    stallMs = POLL_STALL_MS,
  ): Promise<HttpResponse> {
    return this.#exchange.send({ url, method, holder, body, stallMs, onResponse: this.#onResponse });
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

/** One session's long-poll loop: its exchange in flight, and how it stops. */
class Poll implements HttpHolder {
  stopped = false;
  #current: HttpCancel | undefined;
  #wake: (() => void) | undefined;

  add(cancel: HttpCancel): void {
    this.#current = cancel;
  }

  delete(cancel: HttpCancel): void {
    if (this.#current === cancel) this.#current = undefined;
  }

  /** Ends the loop: the poll in flight is cancelled, a backoff wait ends at once. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const cancel = this.#current;
    this.#current = undefined;
    cancel?.();
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
