/**
 * `connect()`: the entry point.
 * @module
 */
import { JanusError } from './errors.js';
import { JanusClient } from './janus-client.js';
import type { ConnectOptions } from './options.js';
import { builtInPlugins } from './plugins/built-in.js';
import type { CallOptions } from './util/abort.js';

/**
 * Connects to a Janus server, over WebSocket (`ws://`, `wss://`) or HTTP long-poll (`http://`, `https://`,
 * the API base path such as `http://127.0.0.1:8088/janus`), and resolves once the `info` handshake is done.
 * Given several URLs, tries them in order and resolves with the first that opens; later, when the link
 * is lost and the current server cannot be reached again, reconnection fails over to the next URL in the
 * list (wrapping around). See `ConnectOptions.reconnect` for the reconnection policy and what happens to
 * requests during an outage.
 *
 * With `restore: snapshot` (what `janus.snapshot()` returned, possibly in another process), it also
 * claims the snapshot's sessions and rebuilds their handles before it resolves; see
 * `ConnectOptions.restore` and `JanusClient.restored`.
 */
export async function connect(
  url: string | readonly string[],
  options: ConnectOptions & Pick<CallOptions, 'signal'> = {},
): Promise<JanusClient> {
  const urls = typeof url === 'string' ? [url] : [...url];
  if (urls.length === 0) throw new JanusError('INVALID_ARGUMENT', 'connect() needs at least one URL');
  let lastError: unknown;
  for (let index = 0; index < urls.length; index += 1) {
    // The list rotated so that this URL comes first and the others follow for failover.
    const client = new JanusClient([...urls.slice(index), ...urls.slice(0, index)], {
      ...options,
      plugins: options.plugins ?? builtInPlugins,
    });
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
