/**
 * The WebSocket transport on the platform's `WebSocket` (the browser's, or any constructor with the same
 * API, e.g. the `ws` package's in Node tests), subprotocol `janus-protocol`.
 * @module
 */
import { JanusError } from '../errors.js';
import type { JanusWireRequest } from '../protocol/messages.js';
import { parseServerFrame } from '../wire/parse.js';
import type { TransportDefinition } from './registry.js';
import type { Transport, TransportEvents, TransportOptions } from './transport.js';

/** The subprotocol Janus requires on its API WebSocket. */
const JANUS_PROTOCOL = 'janus-protocol';
/** The subprotocol Janus requires on its Admin/Monitor API WebSocket. */
const JANUS_ADMIN_PROTOCOL = 'janus-admin-protocol';
/** `WebSocket.CONNECTING` / `OPEN`, as numbers (a passed-in constructor may not have the statics). */
const CONNECTING = 0;
const OPEN = 1;

/** The part of the WHATWG `WebSocket` the transport uses. */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Sends a text frame. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Open handler. */
  onopen: ((event: unknown) => void) | null;
  /** Message handler; `data` is a string for text frames. */
  onmessage: ((event: { data: unknown }) => void) | null;
  /** Error handler (browsers give no detail). */
  onerror: ((event: unknown) => void) | null;
  /** Close handler. */
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

/** A `WebSocket` constructor: the platform's, or one with the same API (e.g. the `ws` package's). */
export type WebSocketConstructor = new (url: string, protocols: string | string[]) => WebSocketLike;

/** Options of {@link browserWebSocketTransport}. */
export interface BrowserWebSocketOptions {
  /** The `WebSocket` constructor to use. Defaults to `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
}

/**
 * The WebSocket transport on the platform's `WebSocket`, as a registry entry (kind `ws`): pass it as the
 * `transport` option of `connect()`, or register it. The browser entry point registers it for `ws:` and
 * `wss:`.
 */
export function browserWebSocketTransport(options: BrowserWebSocketOptions = {}): TransportDefinition {
  return {
    kind: 'ws',
    create: (transportOptions, events) =>
      createBrowserWebSocketTransport(transportOptions, events, options.WebSocket),
  };
}

/**
 * Opens a WebSocket to Janus (subprotocol `janus-protocol`, or `janus-admin-protocol` when `options.api` is
 * `admin`) with `WebSocket` (default `globalThis.WebSocket`). Errors carry the codes of the Node transport:
 * `TRANSPORT` when it never opens (refused, or not open within `connectTimeoutMs`), `DISCONNECTED` when an
 * open socket closes.
 */
export function createBrowserWebSocketTransport(
  options: TransportOptions,
  events: TransportEvents,
  WebSocketClass?: WebSocketConstructor,
): Transport {
  const platformWebSocket =
    WebSocketClass ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? undefined;
  if (typeof platformWebSocket !== 'function') {
    throw new JanusError(
      'INVALID_ARGUMENT',
      'this platform has no WebSocket; pass one as browserWebSocketTransport({ WebSocket })',
    );
  }
  return new BrowserWebSocketTransport(options, events, platformWebSocket);
}

/** A WebSocket carrying JSON text frames, one Janus message each. */
class BrowserWebSocketTransport implements Transport {
  readonly kind = 'ws' as const;
  readonly #socket: WebSocketLike;
  readonly #events: TransportEvents;
  readonly #options: TransportOptions;
  #opened = false;
  #closed = false;
  #openTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: TransportOptions, events: TransportEvents, WebSocketClass: WebSocketConstructor) {
    this.#options = options;
    this.#events = events;
    const protocol = options.api === 'admin' ? JANUS_ADMIN_PROTOCOL : JANUS_PROTOCOL;
    let socket: WebSocketLike;
    try {
      socket = new WebSocketClass(options.url, protocol);
    } catch (cause) {
      throw new JanusError('TRANSPORT', `could not open a WebSocket to ${options.url}`, { cause });
    }
    this.#socket = socket;
    this.#openTimer = setTimeout(
      () =>
        this.#fail(
          new JanusError('TRANSPORT', `the WebSocket did not open within ${options.connectTimeoutMs} ms`),
        ),
      options.connectTimeoutMs,
    );
    socket.onopen = () => {
      clearTimeout(this.#openTimer);
      this.#opened = true;
      events.onOpen();
    };
    socket.onmessage = (event) => this.#receive(event.data);
    // Browsers say nothing about why; the close event that follows has the code.
    socket.onerror = () => {
      if (!this.#opened)
        this.#fail(new JanusError('TRANSPORT', `could not open a WebSocket to ${options.url}`));
    };
    socket.onclose = (event) => {
      const text = event.reason ? ` ${event.reason}` : '';
      this.#fail(
        this.#opened
          ? new JanusError('DISCONNECTED', `WebSocket closed (${event.code}${text})`)
          : new JanusError(
              'TRANSPORT',
              `could not open a WebSocket to ${options.url} (${event.code}${text})`,
            ),
      );
    };
  }

  send(request: JanusWireRequest): void {
    if (this.#socket.readyState !== OPEN) {
      this.#events.onSendError(request.transaction, new JanusError('DISCONNECTED', 'WebSocket is not open'));
      return;
    }
    this.#socket.send(JSON.stringify(request));
  }

  sessionStarted(): void {}

  sessionEnded(): void {}

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
    this.#events.onClose(undefined);
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') {
      this.#options.logger.warn('ignored a binary frame');
      return;
    }
    for (const message of parseServerFrame(data, this.#options.logger)) this.#events.onMessage(message);
  }

  #fail(error: JanusError): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
    this.#events.onClose(error);
  }

  /** Drops the handlers (an error handler stays, as a no-op) and closes the socket. */
  #release(): void {
    clearTimeout(this.#openTimer);
    const socket = this.#socket;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = () => {};
    if (socket.readyState === CONNECTING || socket.readyState === OPEN) {
      try {
        socket.close(1000);
      } catch {
        // A socket that cannot close any more is closed enough.
      }
    }
  }
}
