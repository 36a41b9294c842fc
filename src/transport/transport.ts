/**
 * The contract between the client and a transport (WebSocket, HTTP long-poll, Unix datagram socket, or
 * one of the application's own, see `registerTransport` and the `transport` option).
 *
 * A transport carries JSON messages to and from one Janus endpoint:
 * - the factory returns at once and opens in the background; it calls `events.onOpen()` once it can carry
 *   requests, or `events.onClose(error)` if it cannot;
 * - `send(request)` delivers one request (`request` is the whole JSON object, `transaction` included); a
 *   request it cannot deliver is reported with `events.onSendError(transaction, error)`;
 * - every message the server sends (a reply or an event) goes to `events.onMessage(message)`;
 * - `sessionStarted`/`sessionEnded` tell it which sessions exist (HTTP long-polls per session; most
 *   transports ignore them);
 * - `close()` releases everything and calls `events.onClose(undefined)`; a link that dies by itself calls
 *   `events.onClose(error)`, once.
 * @module
 */
import type { JanusMessage, JanusWireRequest } from '../protocol/messages.js';
import type { JanusLogger } from '../util/logger.js';
import type { TlsOptions } from './tls.js';

/** Which API a transport talks to: the Janus API, or the Admin/Monitor API. */
export type JanusApi = 'janus' | 'admin';

/** A transport's kind: `ws`, `http`, `unix`, or the name of an application's own transport. */
export type TransportKind = 'ws' | 'http' | 'unix' | (string & {});

/** What a transport reports to its owner. */
export interface TransportEvents {
  /** The transport can carry requests. */
  onOpen(): void;
  /** A message arrived from the server (a reply or an event). */
  onMessage(message: JanusMessage): void;
  /** A request could not be delivered; its transaction must be rejected with `error`. */
  onSendError(transaction: string, error: unknown): void;
  /** The transport is gone for good (`error` is undefined when closed on purpose). */
  onClose(error: unknown): void;
}

/** Settings every transport gets. */
export interface TransportOptions {
  /** The server URL. */
  url: string;
  /** Sent with every request when the server requires it; never logged. */
  apiSecret?: string | undefined;
  /** Sent with every request under token auth; never logged. */
  token?: string | undefined;
  /** Where to log. */
  logger: Required<JanusLogger>;
  /** How long opening the transport may take. */
  connectTimeoutMs: number;
  /** The API at the other end (WebSocket subprotocol `janus-protocol` or `janus-admin-protocol`). Defaults to `janus`. */
  api?: JanusApi | undefined;
  /** TLS settings for `wss:`/`https:`. Defaults to Node's trust store, certificates checked. */
  tls?: TlsOptions | undefined;
}

/** A live transport. */
export interface Transport {
  /** `ws`, `http`, `unix`, or the name of an application's own transport. */
  readonly kind: TransportKind;
  /** Sends one request; failures come back through `onSendError`. */
  send(request: JanusWireRequest): void;
  /** A session now exists: HTTP starts its long-poll; WebSocket does nothing. */
  sessionStarted(sessionId: number): void;
  /** A session is gone: HTTP stops its long-poll. */
  sessionEnded(sessionId: number): void;
  /** Closes the transport and releases every socket and timer. */
  close(): void;
}

/** Creates a transport bound to `events`. */
export type TransportFactory = (options: TransportOptions, events: TransportEvents) => Transport;
