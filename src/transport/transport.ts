/**
 * The contract between the client and a transport (WebSocket or HTTP long-poll).
 * @module
 */
import type { JanusMessage, JanusWireRequest } from '../protocol/messages.js';
import type { JanusLogger } from '../util/logger.js';

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
}

/** A live transport. */
export interface Transport {
  /** `ws` or `http`. */
  readonly kind: 'ws' | 'http';
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
