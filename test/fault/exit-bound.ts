/**
 * The one bound every "exits by itself after close()" check uses, and the claim it checks.
 * @module
 */

/**
 * After `close()` resolves, a process that did nothing else exits on its own within this many ms. The
 * claim (see `JanusClient.close`): the client keeps nothing alive except, over WebSocket, the closing
 * handshake, which it cuts after 1 s when the server does not answer; the rest is process teardown.
 * Measured here under the suite's load (load average ~20, 8 agents on 2 cores): 38-399 ms, a 5x margin.
 */
export const EXIT_AFTER_CLOSE_MS = 2000;
