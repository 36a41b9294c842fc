/**
 * The transports every integration suite runs over.
 * @module
 */
import type { TestServer } from '../harness/servers.js';

/** A transport and how to get its URL from a server. */
export interface TransportCase {
  /** `ws` or `http`. */
  name: 'ws' | 'http';
  /** The API URL of `server` for this transport. */
  url(server: TestServer): string;
}

/** WebSocket and HTTP long-poll: each suite runs once over each. */
export const TRANSPORTS: readonly TransportCase[] = [
  { name: 'ws', url: (server) => server.wsUrl },
  { name: 'http', url: (server) => server.httpUrl },
];
