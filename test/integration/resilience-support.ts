/**
 * Helpers shared by the resilience suites.
 * @module
 */
import type { ConnectionState, JanusClient } from '../../src/index.js';

/** Resolves when the client is in `state` (at once if it is); rejects after `timeoutMs`. */
export function waitForState(client: JanusClient, state: ConnectionState, timeoutMs = 5000): Promise<void> {
  if (client.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const listener = (next: ConnectionState): void => {
      if (next !== state) return;
      clearTimeout(timer);
      client.off('state', listener);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off('state', listener);
      reject(new Error(`client not '${state}' within ${timeoutMs} ms (it is '${client.state}')`));
    }, timeoutMs);
    client.on('state', listener);
  });
}
