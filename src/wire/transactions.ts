/**
 * The transaction table: one entry per request in flight, settled by the real reply whatever order the
 * server's messages arrive in (a plugin's `event` may overtake its `ack`), by its deadline, or by its
 * caller's `AbortSignal`. Timers and abort listeners are released the moment an entry settles.
 * @module
 */
import { JanusError } from '../errors.js';
import type { JanusMessage } from '../protocol/messages.js';
import { abortReason } from '../util/abort.js';

/**
 * What settles a request:
 * - `reply`: the first `success`, `ack`, `server_info` or `error` (create, attach, keepalive, trickle...).
 * - `plugin`: a plugin `message`: a `success` with `plugindata`, or the `event` carrying the same
 *   transaction; an `ack` only marks it as accepted.
 */
export type ReplyKind = 'reply' | 'plugin';

/** How one request waits. */
export interface TransactionOptions {
  /** Which reply settles it. */
  kind: ReplyKind;
  /** The session it belongs to, so a lost session can reject its own requests. */
  sessionId: number | undefined;
  /** Rejects with `TIMEOUT` after this many ms; 0 or Infinity waits forever. */
  timeoutMs: number;
  /** Rejects with the signal's reason when aborted. */
  signal: AbortSignal | undefined;
  /** Names the request in the timeout error. */
  label: string;
}

class PendingTransaction {
  acked = false;
  timer: NodeJS.Timeout | undefined = undefined;
  onAbort: (() => void) | undefined = undefined;

  constructor(
    readonly kind: ReplyKind,
    readonly sessionId: number | undefined,
    readonly signal: AbortSignal | undefined,
    readonly resolve: (message: JanusMessage) => void,
    readonly reject: (error: unknown) => void,
  ) {}

  release(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.onAbort) this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** Tracks requests in flight and settles them from incoming messages. */
export class TransactionTable {
  readonly #pending = new Map<string, PendingTransaction>();
  readonly #prefix: string;
  #counter = 0;

  /** @param prefix Distinguishes this client's transactions in server logs. */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /** Number of requests in flight. */
  get size(): number {
    return this.#pending.size;
  }

  /** A fresh transaction id. */
  nextId(): string {
    this.#counter += 1;
    return this.#prefix + this.#counter.toString(36);
  }

  /**
   * Registers a request; the promise settles on its reply, its deadline or its signal. Call before sending,
   * so that a reply can never arrive before its entry exists.
   */
  add(transaction: string, options: TransactionOptions): Promise<JanusMessage> {
    const { signal, timeoutMs } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<JanusMessage>((resolve, reject) => {
      const entry = new PendingTransaction(options.kind, options.sessionId, signal, resolve, reject);
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        entry.timer = setTimeout(() => {
          this.#drop(
            transaction,
            new JanusError('TIMEOUT', `${options.label} timed out after ${timeoutMs} ms`),
          );
        }, timeoutMs);
      }
      if (signal) {
        entry.onAbort = () => this.#drop(transaction, abortReason(signal));
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.#pending.set(transaction, entry);
    });
  }

  /** Rejects one request (its POST failed, or it could not be sent). */
  reject(transaction: string, error: unknown): void {
    this.#drop(transaction, error);
  }

  /** Whether `transaction` is still waiting for its reply. */
  has(transaction: string): boolean {
    return this.#pending.has(transaction);
  }

  /** Rejects the requests in flight whose transaction passes `which`. */
  rejectWhere(error: unknown, which: (transaction: string) => boolean): void {
    for (const transaction of [...this.#pending.keys()]) {
      if (which(transaction)) this.#drop(transaction, error);
    }
  }

  /** Rejects every request in flight (the transport is gone), or only those of one session. */
  rejectAll(error: unknown, sessionId?: number): void {
    for (const [transaction, entry] of this.#pending) {
      if (sessionId !== undefined && entry.sessionId !== sessionId) continue;
      this.#drop(transaction, error);
    }
  }

  /**
   * Settles the request `message` answers, if any. Returns `true` when the message was consumed as a reply
   * (and must not be dispatched as an event), `false` otherwise.
   */
  settle(message: JanusMessage): boolean {
    const transaction = message.transaction;
    if (transaction === undefined) return false;
    const entry = this.#pending.get(transaction);
    if (!entry) return false;
    switch (message.janus) {
      case 'error':
        this.#drop(transaction, JanusError.fromServer(message.error));
        return true;
      case 'ack':
        if (entry.kind === 'plugin') {
          entry.acked = true;
          return true;
        }
        break;
      case 'event':
        if (entry.kind !== 'plugin') return false;
        break;
      case 'success':
      case 'server_info':
        break;
      default:
        return false;
    }
    this.#pending.delete(transaction);
    entry.release();
    entry.resolve(message);
    return true;
  }

  #drop(transaction: string, error: unknown): void {
    const entry = this.#pending.get(transaction);
    if (!entry) return;
    this.#pending.delete(transaction);
    entry.release();
    entry.reject(error);
  }
}
