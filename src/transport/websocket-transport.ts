/**
 * The WebSocket transport on `ws`, subprotocol `janus-protocol`.
 * @module
 */
import WebSocket from 'ws';
import { JanusError } from '../errors.js';
import type { JanusMessage, JanusWireRequest } from '../protocol/messages.js';
import { parseServerFrame } from '../wire/parse.js';
import type { Transport, TransportEvents, TransportOptions } from './transport.js';

/** The subprotocol Janus requires on its API WebSocket. */
export const JANUS_WS_PROTOCOL = 'janus-protocol';

/** Opens a WebSocket to Janus; `events.onOpen` fires once the handshake completes. */
export function createWebSocketTransport(options: TransportOptions, events: TransportEvents): Transport {
  return new WebSocketTransport(options, events, JANUS_WS_PROTOCOL);
}

/** A WebSocket carrying JSON text frames, one Janus message each. */
export class WebSocketTransport implements Transport {
  readonly kind = 'ws' as const;
  readonly #socket: WebSocket;
  readonly #events: TransportEvents;
  readonly #options: TransportOptions;
  #closed = false;

  /** Opens the socket at once. */
  constructor(options: TransportOptions, events: TransportEvents, protocol: string) {
    this.#options = options;
    this.#events = events;
    this.#socket = new WebSocket(options.url, protocol, {
      handshakeTimeout: options.connectTimeoutMs,
      perMessageDeflate: false,
    });
    this.#socket.on('open', () => events.onOpen());
    this.#socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    this.#socket.on('error', (error) =>
      this.#fail(new JanusError('TRANSPORT', error.message, { cause: error })),
    );
    this.#socket.on('close', (code, reason) => {
      const text = reason.toString();
      this.#fail(new JanusError('DISCONNECTED', `WebSocket closed (${code}${text ? ` ${text}` : ''})`));
    });
  }

  send(request: JanusWireRequest): void {
    if (this.#socket.readyState !== WebSocket.OPEN) {
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
    this.#socket.removeAllListeners();
    this.#socket.on('error', () => {});
    if (this.#socket.readyState === WebSocket.CONNECTING) this.#socket.terminate();
    else {
      this.#socket.close(1000);
      // A server that does not answer the close frame must not keep the process alive.
      setTimeout(() => this.#socket.terminate(), 1000).unref();
    }
    this.#events.onClose(undefined);
  }

  #receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary) {
      this.#options.logger.warn('ignored a binary frame');
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
    const messages = parseServerFrame(text, this.#options.logger);
    for (const message of messages) this.#deliver(message);
  }

  #deliver(message: JanusMessage): void {
    this.#events.onMessage(message);
  }

  #fail(error: JanusError): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.removeAllListeners();
    this.#socket.on('error', () => {});
    this.#socket.terminate();
    this.#events.onClose(error);
  }
}
