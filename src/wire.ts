/**
 * The wire: the live transport, the transaction table and the dispatch of what the server sends. This is
 * the hot path; it does not go through any actor.
 * @module
 */
import { InvalidStateError, JanusError } from './errors.js';
import type { JanusMessage, JanusRequestBody, JanusWireRequest } from './protocol/messages.js';
import { type ReplyKind, TransactionTable } from './protocol/transactions.js';
import type { Transport } from './transport/transport.js';
import type { CallOptions } from './util/abort.js';
import type { JanusLogger } from './util/logger.js';

/** Options of {@link Wire.request}. */
export interface RequestOptions extends CallOptions {
  /** Which reply settles the request. Defaults to `reply`. */
  kind?: ReplyKind;
}

/** Who receives the messages that are not replies. */
export interface MessageRouter {
  /** A message about a handle (`sender`): plugin events and core events. */
  toHandle(handleId: number, message: JanusMessage): boolean;
  /** A message about a session (`timeout`). */
  toSession(sessionId: number, message: JanusMessage): boolean;
}

/** Settings of a wire. */
export interface WireOptions {
  /** Sent with every request; never logged. */
  apiSecret: string | undefined;
  /** Sent with every request; never logged. */
  token: string | undefined;
  /** Default deadline of a request. */
  requestTimeoutMs: number;
  /** Where to log (already redacting). */
  logger: Required<JanusLogger>;
  /** Whether debug logging is on (checked before building log details on the hot path). */
  debug: boolean;
}

/** Sends requests, matches replies, routes events. */
export class Wire {
  readonly table = new TransactionTable(`jx${Math.random().toString(36).slice(2, 7)}-`);
  readonly #options: WireOptions;
  readonly #router: MessageRouter;
  readonly #lastRequestAt = new Map<number, number>();
  #transport: Transport | undefined;
  #closedReason: JanusError | undefined;

  /** @param router receives what is not a reply. */
  constructor(options: WireOptions, router: MessageRouter) {
    this.#options = options;
    this.#router = router;
  }

  /** The transport requests go out on, while there is one. */
  get transport(): Transport | undefined {
    return this.#transport;
  }

  /** Binds the live transport (or unbinds it with `undefined`). */
  bind(transport: Transport | undefined): void {
    this.#transport = transport;
  }

  /** From now on every request rejects with `reason`, and so do those in flight. */
  shutDown(reason: JanusError): void {
    this.#closedReason ??= reason;
    this.#transport = undefined;
    this.table.rejectAll(reason);
  }

  /** Sends a request and resolves with the message that settles it. */
  request(body: JanusRequestBody, options: RequestOptions = {}): Promise<JanusMessage> {
    const transport = this.#transport;
    if (!transport) {
      return Promise.reject(
        this.#closedReason ?? new JanusError('DISCONNECTED', `cannot send '${body.janus}': not connected`),
      );
    }
    const transaction = this.table.nextId();
    const sessionId = body.session_id;
    const promise = this.table.add(transaction, {
      kind: options.kind ?? 'reply',
      sessionId,
      timeoutMs: options.timeoutMs ?? this.#options.requestTimeoutMs,
      signal: options.signal,
      label: `'${body.janus}' request`,
    });
    const wire = body as JanusWireRequest;
    wire.transaction = transaction;
    if (this.#options.apiSecret !== undefined) wire.apisecret = this.#options.apiSecret;
    if (this.#options.token !== undefined) wire.token = this.#options.token;
    if (sessionId !== undefined) this.#lastRequestAt.set(sessionId, Date.now());
    if (this.#options.debug) this.#options.logger.debug('send', wire);
    transport.send(wire);
    return promise;
  }

  /** Reports an exception thrown by an application's event listener (it must not break dispatch). */
  logErrorInListener(error: unknown, event: string): void {
    this.#options.logger.error(`a '${event}' listener threw`, {
      error: error instanceof Error ? error.message : String(error),
    });
  }

  /** Milliseconds since the last request for `sessionId` went out (Infinity if none did). */
  idleMs(sessionId: number): number {
    const last = this.#lastRequestAt.get(sessionId);
    return last === undefined ? Number.POSITIVE_INFINITY : Date.now() - last;
  }

  /** Forgets what the wire tracked for a session that is gone. */
  forgetSession(sessionId: number): void {
    this.#lastRequestAt.delete(sessionId);
  }

  /** Handles one message from the server: settles its transaction or routes it as an event. */
  dispatch(message: JanusMessage): void {
    if (this.#options.debug) this.#options.logger.debug('receive', message);
    if (this.table.settle(message)) return;
    const sender = message.sender;
    switch (message.janus) {
      case 'event':
      case 'webrtcup':
      case 'media':
      case 'slowlink':
      case 'hangup':
      case 'ice-failed':
      case 'detached':
      case 'trickle':
        if (typeof sender === 'number' && this.#router.toHandle(sender, message)) return;
        break;
      case 'timeout':
        if (typeof message.session_id === 'number' && this.#router.toSession(message.session_id, message))
          return;
        break;
      default:
        break;
    }
    // Late acks, replies to forgotten requests, events of handles already gone: expected, not an error.
    if (this.#options.debug) this.#options.logger.debug('ignored message', { janus: message.janus });
  }
}

/** Throws {@link InvalidStateError} unless `state` is one of `allowed`. */
export function assertState(what: string, state: string, allowed: readonly string[]): void {
  if (!allowed.includes(state)) throw new InvalidStateError(what, state);
}
