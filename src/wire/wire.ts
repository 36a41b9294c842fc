/**
 * The wire: the live transport, the transaction table and the dispatch of what the server sends. This is
 * the hot path; it does not go through any actor.
 * @module
 */
import { InvalidStateError, JanusError } from '../errors.js';
import {
  HANDLE_CORE_EVENTS,
  type JanusMessage,
  type JanusRequestBody,
  type JanusWireRequest,
} from '../protocol/messages.js';
import type { Transport } from '../transport/transport.js';
import type { CallOptions } from '../util/abort.js';
import type { JanusLogger } from '../util/logger.js';
import { type ReplyKind, TransactionTable } from './transactions.js';

/** Options of {@link Wire.request}. */
export interface RequestOptions extends CallOptions {
  /** Which reply settles the request. Defaults to `reply`. */
  kind?: ReplyKind;
}

/** Options the client's own recovery requests use (`info`, `claim`, re-`create`, re-`attach`). */
export interface InternalRequestOptions extends RequestOptions {
  /**
   * Sends at once on a transport that is bound but not yet released (during the handshake and the
   * claims of a reconnection), instead of waiting in the outage queue. Defaults to `false`.
   */
  urgent?: boolean;
}

/**
 * Where the wire is:
 * - `open`: requests go out at once;
 * - `held`: the link is down or being restored; requests wait in a queue (each under its own deadline);
 * - `closed`: every request rejects with the reason given to {@link Wire.shutDown}.
 */
export type WireGate = 'open' | 'held' | 'closed';

/** Who receives the messages that are not replies. */
export interface MessageRouter {
  /** A message about a handle (`sender`): plugin events and core events. */
  toHandle(handleId: number, message: JanusMessage): boolean;
  /** A message about a session (`timeout`). */
  toSession(sessionId: number, message: JanusMessage): boolean;
}

/** Settings of a wire. */
export interface WireOptions {
  /**
   * Fields added to every request to authenticate it, e.g. `{ apisecret, token }` for the Janus API or
   * `{ admin_secret }` for the Admin API; never logged (the logger redacts them).
   */
  auth: Readonly<Record<string, string>>;
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
  readonly #auth: readonly (readonly [string, string])[];
  readonly #router: MessageRouter;
  readonly #lastRequestAt = new Map<number, number>();
  /** Requests made while the gate is held, in order; entries whose transaction settled are skipped. */
  #queue: JanusWireRequest[] = [];
  /** Old → new ids of sessions and handles re-created after the server lost them. */
  readonly #sessionAliases = new Map<number, number>();
  readonly #handleAliases = new Map<number, number>();
  #transport: Transport | undefined;
  #gate: WireGate = 'held';
  #closedReason: JanusError | undefined;
  #closingReason: JanusError | undefined;

  /** @param router receives what is not a reply. */
  constructor(options: WireOptions, router: MessageRouter) {
    this.#options = options;
    this.#auth = Object.entries(options.auth);
    this.#router = router;
  }

  /** The transport requests go out on, while there is one. */
  get transport(): Transport | undefined {
    return this.#transport;
  }

  /** Where the wire is: `open`, `held` (requests queue) or `closed`. */
  get gate(): WireGate {
    return this.#gate;
  }

  /** Requests waiting in the outage queue (for diagnostics and tests). */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Binds a new transport. Only urgent requests use it until {@link Wire.release} opens the gate, so that
   * the handshake and the claims go first.
   */
  bind(transport: Transport): void {
    if (this.#gate === 'closed') return;
    this.#transport = transport;
  }

  /** Opens the gate: the queued requests go out, in order, on the bound transport. */
  release(): void {
    if (this.#gate === 'closed' || !this.#transport) return;
    this.#gate = 'open';
    const queue = this.#queue;
    this.#queue = [];
    for (const wire of queue) {
      if (!this.table.has(wire.transaction)) continue; // timed out or aborted while waiting
      this.#transmit(wire);
    }
  }

  /**
   * The link carrying `transport` is gone: requests in flight on it reject with `error` (they may or may
   * not have reached the server), and new requests queue until the link is restored or the wire shuts
   * down. A transport that is no longer the bound one is ignored.
   */
  linkLost(transport: Transport, error: JanusError): void {
    if (this.#transport !== transport || this.#gate === 'closed') return;
    this.#transport = undefined;
    this.#gate = 'held';
    const queued = new Set(this.#queue.map((wire) => wire.transaction));
    this.table.rejectWhere(this.#closingReason ?? error, (transaction) => !queued.has(transaction));
  }

  /** The application is closing the client: a link that goes away from now on rejects with `reason`. */
  closing(reason: JanusError): void {
    this.#closingReason ??= reason;
  }

  /** From now on every request rejects with `reason`, and so do those in flight and in the queue. */
  shutDown(reason: JanusError): void {
    this.#closedReason ??= reason;
    this.#gate = 'closed';
    this.#transport = undefined;
    this.#queue = [];
    this.table.rejectAll(this.#closedReason);
  }

  /**
   * Routes requests for `oldId` to `newId` from now on: a session or handle the server lost was
   * re-created, and the objects holding the old id keep working.
   */
  alias(kind: 'session' | 'handle', oldId: number, newId: number): void {
    const map = kind === 'session' ? this.#sessionAliases : this.#handleAliases;
    // Re-created twice: the first id must reach the newest one too.
    for (const [first, current] of map) if (current === oldId) map.set(first, newId);
    map.set(oldId, newId);
  }

  /** The id requests for `id` currently go to (itself unless it was re-created). */
  resolveId(kind: 'session' | 'handle', id: number): number {
    return (kind === 'session' ? this.#sessionAliases : this.#handleAliases).get(id) ?? id;
  }

  /** Forgets the aliases pointing at a session or handle that is gone. */
  forgetAlias(kind: 'session' | 'handle', id: number): void {
    const map = kind === 'session' ? this.#sessionAliases : this.#handleAliases;
    for (const [oldId, newId] of map) if (oldId === id || newId === id) map.delete(oldId);
  }

  /**
   * Sends a request and resolves with the message that settles it. While the link is down (the gate is
   * `held`) the request waits in a queue under its own deadline and goes out once the link is restored;
   * after {@link Wire.shutDown} it rejects with the shut-down reason (`DISCONNECTED` or `CLOSED`).
   */
  request(body: JanusRequestBody, options: InternalRequestOptions = {}): Promise<JanusMessage> {
    if (this.#gate === 'closed') {
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
      label: requestLabel(body),
    });
    const wire = body as JanusWireRequest;
    wire.transaction = transaction;
    for (const [field, value] of this.#auth) wire[field] = value;
    if (sessionId !== undefined) this.#lastRequestAt.set(sessionId, Date.now());
    const transport = this.#transport;
    if (transport && (this.#gate === 'open' || options.urgent === true)) this.#transmit(wire, transport);
    else {
      if (this.#options.debug) this.#options.logger.debug('queued while the link is down', { transaction });
      if (this.#queue.length >= 64) this.#queue = this.#queue.filter((w) => this.table.has(w.transaction));
      this.#queue.push(wire);
    }
    return promise;
  }

  #transmit(wire: JanusWireRequest, transport = this.#transport): void {
    if (!transport) return;
    // Ids are resolved when the request leaves, so a request queued before a re-creation goes to the new ids.
    if (this.#sessionAliases.size > 0 && typeof wire.session_id === 'number') {
      wire.session_id = this.#sessionAliases.get(wire.session_id) ?? wire.session_id;
    }
    if (this.#handleAliases.size > 0 && typeof wire.handle_id === 'number') {
      wire.handle_id = this.#handleAliases.get(wire.handle_id) ?? wire.handle_id;
    }
    if (this.#options.debug) this.#options.logger.debug('send', wire);
    transport.send(wire);
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

  /** Counts `sessionId` as busy now: its keepalive is due an interval from now (e.g. just created). */
  touch(sessionId: number): void {
    this.#lastRequestAt.set(sessionId, Date.now());
  }

  /** Forgets what the wire tracked for a session that is gone. */
  forgetSession(sessionId: number): void {
    this.#lastRequestAt.delete(sessionId);
    if (this.#sessionAliases.size > 0) this.forgetAlias('session', sessionId);
  }

  /** Handles one message from the server: settles its transaction or routes it as an event. */
  dispatch(message: JanusMessage): void {
    if (this.#options.debug) this.#options.logger.debug('receive', message);
    try {
      if (this.table.settle(message) || this.#route(message)) return;
    } catch (error) {
      // A defect in a handler must not stop the transport from delivering the next frame.
      this.#options.logger.error('a server message could not be handled', {
        janus: message.janus,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    // Late acks, replies to forgotten requests, events of handles already gone: expected, not an error.
    if (this.#options.debug) this.#options.logger.debug('ignored message', { janus: message.janus });
  }

  /** Hands an event to its handle or session; `false` when nobody takes it. */
  #route(message: JanusMessage): boolean {
    const sender = message.sender;
    if (HANDLE_MESSAGES.has(message.janus)) {
      return typeof sender === 'number' && this.#router.toHandle(sender, message);
    }
    // `timeout`, or an `error` about a whole session (an HTTP long-poll answering 458).
    if (message.janus === 'timeout' || message.janus === 'error') {
      return typeof message.session_id === 'number' && this.#router.toSession(message.session_id, message);
    }
    return false;
  }
}

/** Messages about one handle: plugin events and the core events. */
const HANDLE_MESSAGES: ReadonlySet<string> = new Set(['event', ...HANDLE_CORE_EVENTS]);

/** Throws {@link InvalidStateError} unless `state` is one of `allowed`. */
export function assertState(what: string, state: string, allowed: readonly string[]): void {
  if (!allowed.includes(state)) throw new InvalidStateError(what, state);
}

/** How a request is named in its errors: the Janus verb, and a plugin message's own `request` name. */
function requestLabel(body: JanusRequestBody): string {
  const pluginRequest = (body as { body?: { request?: unknown } }).body?.request;
  return typeof pluginRequest === 'string'
    ? `'${body.janus}' (${pluginRequest}) request`
    : `'${body.janus}' request`;
}
