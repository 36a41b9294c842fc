/**
 * Chooses the transport from the URL scheme, through the registry.
 * @module
 */
import { resolveTransport } from './registry.js';
import type { TransportFactory } from './transport.js';

/**
 * The factory the registry holds for `url`'s scheme (`ws:`/`wss:` → WebSocket, `http:`/`https:` → HTTP
 * long-poll, `unix:` → Unix datagram socket, plus any registered with `registerTransport`); anything else
 * is an `INVALID_ARGUMENT`.
 */
export function transportForUrl(url: string): TransportFactory {
  return resolveTransport(url).create;
}
