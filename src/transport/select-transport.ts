/**
 * Chooses the transport from the URL scheme.
 * @module
 */
import { JanusError } from '../errors.js';
import { createHttpTransport } from './http-transport.js';
import type { TransportFactory } from './transport.js';
import { createWebSocketTransport } from './websocket-transport.js';

/** `ws:`/`wss:` → WebSocket, `http:`/`https:` → HTTP long-poll; anything else is an `INVALID_ARGUMENT`. */
export function transportForUrl(url: string): TransportFactory {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new JanusError('INVALID_ARGUMENT', `Not a URL: ${JSON.stringify(url)}`, { cause });
  }
  switch (parsed.protocol) {
    case 'ws:':
    case 'wss:':
      return createWebSocketTransport;
    case 'http:':
    case 'https:':
      return createHttpTransport;
    default:
      throw new JanusError(
        'INVALID_ARGUMENT',
        `Unsupported URL scheme '${parsed.protocol}' (use ws:, wss:, http: or https:)`,
      );
  }
}
