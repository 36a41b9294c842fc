/**
 * The TextRoom protocol on the data channel: requests carry a `transaction`, the plugin answers with the
 * same `transaction` (`success` or `error`), and everything else is an unsolicited event. Independent of
 * the PeerConnection: it is given a function that sends text and is fed the text that arrives.
 * @module
 */
import { JanusError } from '../../errors.js';
import { abortReason, type CallOptions } from '../../util/abort.js';
import type { TextRoomDataEvent, TextRoomDataRequestName } from './types.js';

/** How long a data channel request waits for its reply unless told otherwise: 10 seconds. */
export const DEFAULT_TEXTROOM_DATA_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(value: Record<string, unknown>): void;
  reject(error: unknown): void;
  cleanup(): void;
}

/** Sends TextRoom requests over a data channel and matches their replies; hands other messages on. */
export class TextRoomDataLink {
  readonly #send: (text: string) => void;
  readonly #onEvent: (event: TextRoomDataEvent) => void;
  readonly #onStray: (message: Record<string, unknown>) => void;
  readonly #pending = new Map<string, Pending>();
  readonly #prefix = `tr${Math.random().toString(36).slice(2, 7)}-`;
  #counter = 0;
  #closed: JanusError | undefined;

  /**
   * Creates a link over one data channel; it sends nothing until a request is made.
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
    return this.#pending.size;
  }

  /**
   * Sends `{ textroom: name, transaction, ...body }` and resolves with the reply carrying the same
   * transaction. With `expectReply: false` (a `message` with `ack: false`) resolves with `undefined` once
   * sent. Rejects with `PLUGIN_ERROR` (and `janusCode`) on an `error` reply, `TIMEOUT` after `timeoutMs`
   * (default {@link DEFAULT_TEXTROOM_DATA_TIMEOUT_MS}), the signal's reason when aborted, and `CLOSED` when
   * the link closes first.
   */
  request<TResponse>(
    name: TextRoomDataRequestName,
    body: object,
    options: CallOptions & { expectReply?: boolean } = {},
  ): Promise<TResponse> {
    if (this.#closed) return Promise.reject(this.#closed);
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    this.#counter += 1;
    const transaction = `${this.#prefix}${this.#counter}`;
    const text = JSON.stringify({ ...body, textroom: name, transaction });
    if (options.expectReply === false) {
      try {
        this.#send(text);
      } catch (error) {
        return Promise.reject(sendError(name, error));
      }
      return Promise.resolve(undefined as TResponse);
    }
    return new Promise<TResponse>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? DEFAULT_TEXTROOM_DATA_TIMEOUT_MS;
      const timer = setTimeout(() => {
        settle();
        reject(new JanusError('TIMEOUT', `textroom '${name}' timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = (): void => {
        settle();
        reject(abortReason(signal as AbortSignal));
      };
      const settle = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(transaction);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(transaction, {
        resolve: (value) => resolve(value as TResponse),
        reject,
        cleanup: settle,
      });
      try {
        this.#send(text);
      } catch (error) {
        settle();
        reject(sendError(name, error));
      }
    });
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
    const pending = transaction === undefined ? undefined : this.#pending.get(transaction);
    if (pending) {
      pending.cleanup();
      if (typeof data.error_code === 'number' || data.textroom === 'error') {
        const code = typeof data.error_code === 'number' ? data.error_code : undefined;
        pending.reject(
          new JanusError('PLUGIN_ERROR', `${String(data.error ?? 'textroom error')} (${code ?? '?'})`, {
            janusCode: code,
            data,
          }),
        );
      } else pending.resolve(data);
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
    for (const pending of [...this.#pending.values()]) {
      pending.cleanup();
      pending.reject(this.#closed);
    }
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
