/**
 * The TextRoom protocol on the data channel: requests carry a `transaction`, the plugin answers with the
 * same `transaction` (`success` or `error`), and everything else is an unsolicited event. Independent of
 * the PeerConnection: it is given a function that sends text and is fed the text that arrives.
 * @module
 */
import { JanusError } from '../../errors.js';
import { abortReason, type CallOptions } from '../../util/abort.js';
import { TransactionTable } from '../../wire/transactions.js';
import type { TextRoomDataEvent, TextRoomDataRequestName } from './types.js';

/** How long a data channel request waits for its reply unless told otherwise: 10 seconds. */
export const DEFAULT_TEXTROOM_DATA_TIMEOUT_MS = 10_000;

/** The plugin name a data channel reply is filed under in the transaction table. */
const TEXTROOM_PLUGIN = 'janus.plugin.textroom';

/**
 * Sends TextRoom requests over a data channel and matches their replies; hands other messages on. The
 * requests in flight live in the same {@link TransactionTable} the Janus API uses (deadline, abort,
 * release on settle), one table per link.
 */
export class TextRoomDataLink {
  readonly #send: (text: string) => void;
  readonly #onEvent: (event: TextRoomDataEvent) => void;
  readonly #onStray: (message: Record<string, unknown>) => void;
  readonly #table = new TransactionTable(`tr${Math.random().toString(36).slice(2, 7)}-`);
  #closed: JanusError | undefined;

  /**
   * @param send - sends one text message on the data channel (throws if it cannot)
   * @param onEvent - receives every unsolicited event (`join`, `leave`, `message`, ...)
   * @param onStray - receives what is neither an event nor the reply to a pending request
   */
  constructor(
    send: (text: string) => void,
    onEvent: (event: TextRoomDataEvent) => void,
    onStray: (message: Record<string, unknown>) => void = () => {},
  ) {
    this.#send = send;
    this.#onEvent = onEvent;
    this.#onStray = onStray;
  }

  /** Number of requests waiting for their reply. */
  get pendingCount(): number {
    return this.#table.size;
  }

  /**
   * Sends `{ textroom: name, transaction, ...body }` and resolves with the reply carrying the same
   * transaction. With `expectReply: false` (a `message` with `ack: false`) resolves with `undefined` once
   * sent. Rejects with `PLUGIN_ERROR` (and `janusCode`) on an `error` reply, `TIMEOUT` after `timeoutMs`
   * (default {@link DEFAULT_TEXTROOM_DATA_TIMEOUT_MS}), the signal's reason when aborted, and `CLOSED` when
   * the link closes first.
   */
  async request<TResponse>(
    name: TextRoomDataRequestName,
    body: object,
    options: CallOptions & { expectReply?: boolean } = {},
  ): Promise<TResponse> {
    if (this.#closed) throw this.#closed;
    const { signal } = options;
    if (signal?.aborted) throw abortReason(signal);
    const transaction = this.#table.nextId();
    const text = JSON.stringify({ ...body, textroom: name, transaction });
    if (options.expectReply === false) {
      try {
        this.#send(text);
      } catch (error) {
        throw sendError(name, error);
      }
      return undefined as TResponse;
    }
    const reply = this.#table.add(transaction, {
      kind: 'reply',
      sessionId: undefined,
      timeoutMs: options.timeoutMs ?? DEFAULT_TEXTROOM_DATA_TIMEOUT_MS,
      signal,
      label: `textroom '${name}'`,
    });
    try {
      this.#send(text);
    } catch (error) {
      this.#table.reject(transaction, sendError(name, error));
    }
    const message = await reply;
    return message.plugindata?.data as TResponse;
  }

  /** Feeds one text message that arrived on the data channel. Invalid JSON goes to `onStray` as `{ text }`. */
  receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#onStray({ text });
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.#onStray({ text });
      return;
    }
    const data = message as Record<string, unknown>;
    const transaction = typeof data.transaction === 'string' ? data.transaction : undefined;
    if (transaction !== undefined && this.#table.has(transaction)) {
      if (typeof data.error_code === 'number' || data.textroom === 'error') {
        const code = typeof data.error_code === 'number' ? data.error_code : undefined;
        this.#table.reject(
          transaction,
          new JanusError('PLUGIN_ERROR', `${String(data.error ?? 'textroom error')} (${code ?? '?'})`, {
            janusCode: code,
            data,
          }),
        );
      } else {
        // Filed as the `success` the table settles on, with the reply as its plugin data.
        this.#table.settle({ janus: 'success', transaction, plugindata: { plugin: TEXTROOM_PLUGIN, data } });
      }
      return;
    }
    if (transaction === undefined && isDataEvent(data)) {
      this.#onEvent(data as unknown as TextRoomDataEvent);
      return;
    }
    this.#onStray(data);
  }

  /** Rejects every pending request with `CLOSED` and refuses new ones. */
  close(reason = 'the data channel closed'): void {
    if (this.#closed) return;
    this.#closed = new JanusError('CLOSED', reason);
    this.#table.rejectAll(this.#closed);
  }
}

const DATA_EVENTS = new Set(['join', 'leave', 'message', 'announcement', 'kicked', 'destroyed']);

/** Whether `data` is an unsolicited TextRoom data channel event. */
export function isDataEvent(data: Record<string, unknown>): boolean {
  return typeof data.textroom === 'string' && DATA_EVENTS.has(data.textroom);
}

function sendError(name: string, cause: unknown): JanusError {
  return new JanusError('INVALID_STATE', `textroom '${name}' could not be sent on the data channel`, {
    cause,
  });
}
