/**
 * `connect()`: the entry point.
 * @module
 */
import { JanusError } from './errors.js';
import { JanusClient } from './janus-client.js';
import type { ConnectOptions } from './options.js';
import type { CallOptions } from './util/abort.js';

/**
 * Connects to a Janus server, over WebSocket (`ws://`, `wss://`) or HTTP long-poll (`http://`, `https://`,
 * the API base path such as `http://127.0.0.1:8088/janus`), and resolves once the `info` handshake is done.
 * Given several URLs, tries them in order and resolves with the first that opens.
 */
export async function connect(
  url: string | readonly string[],
  options: ConnectOptions & Pick<CallOptions, 'signal'> = {},
): Promise<JanusClient> {
  const urls = typeof url === 'string' ? [url] : [...url];
  if (urls.length === 0) throw new JanusError('INVALID_ARGUMENT', 'connect() needs at least one URL');
  let lastError: unknown;
  for (const candidate of urls) {
    const client = new JanusClient(candidate, options);
    try {
      return await client.ready({ signal: options.signal });
    } catch (error) {
      lastError = error;
      await client.close();
      if (options.signal?.aborted) throw error;
    }
  }
  throw lastError;
}
