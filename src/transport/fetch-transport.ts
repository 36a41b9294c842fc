/**
 * The HTTP long-poll transport on the platform's `fetch` (the browser's, or Node's global one): the same
 * transport as in Node (`http-long-poll.ts`), each exchange a `fetch` with its own `AbortController`.
 * @module
 */
import { JanusError } from '../errors.js';
import {
  type HttpErrorKind,
  type HttpExchange,
  HttpLongPollTransport,
  type HttpRequest,
  type HttpResponse,
} from './http-long-poll.js';
import type { TransportDefinition } from './registry.js';
import type { Transport, TransportEvents, TransportOptions } from './transport.js';

/** A `fetch` function: the platform's, or one of the application's own (e.g. for tests). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link fetchTransport}. */
export interface FetchTransportOptions {
  /** The `fetch` to use. Defaults to `globalThis.fetch`. */
  fetch?: FetchFunction;
}

/**
 * The HTTP long-poll transport on `fetch`, as a registry entry (kind `http`): pass it as the `transport`
 * option of `connect()`, or register it with `registerTransport('http', fetchTransport())`. The browser
 * entry point registers it for `http:` and `https:`.
 */
export function fetchTransport(options: FetchTransportOptions = {}): TransportDefinition {
  return {
    kind: 'http',
    create: (transportOptions, events) => createFetchTransport(transportOptions, events, options.fetch),
  };
}

/**
 * Opens the HTTP long-poll transport on `fetch` (default `globalThis.fetch`); it is open at once, the first
 * request proves the server is there. Errors carry the codes of the Node transport: `TRANSPORT` when the
 * server was never reached, `DISCONNECTED` when the link was lost, `TIMEOUT` from the request deadline.
 */
export function createFetchTransport(
  options: TransportOptions,
  events: TransportEvents,
  fetchFunction?: FetchFunction,
): Transport {
  const platformFetch = fetchFunction ?? (globalThis.fetch as FetchFunction | undefined);
  if (typeof platformFetch !== 'function') {
    throw new JanusError(
      'INVALID_ARGUMENT',
      'this platform has no fetch(); pass one as fetchTransport({ fetch })',
    );
  }
  return new HttpLongPollTransport(options, events, new FetchExchange(platformFetch));
}

/** HTTP exchanges with `fetch`, each with its own `AbortController` and stall timer. */
class FetchExchange implements HttpExchange {
  readonly #fetch: FetchFunction;

  constructor(fetchFunction: FetchFunction) {
    // Called as a plain function (no receiver): a browser's fetch throws 'Illegal invocation' when its
    // receiver is another object than the window, as `this.#fetch(...)` would make it.
    this.#fetch = (input, init) => fetchFunction(input, init);
  }

  /**
   * `fetch` reports every network failure as a `TypeError` with no reliable code (browsers hide why):
   * before the server ever answered it is a server that cannot be reached (`link`: `TRANSPORT`); after, it
   * is read as one cut exchange (`connection`): the transport then pings the server to tell a cut
   * exchange from a lost link, as it does in Node after a reset.
   */
  classify(error: unknown, reached: boolean): HttpErrorKind {
    if (error instanceof JanusError) return 'other';
    // By name too: a fetch of another realm (a polyfill, a test's sandbox) throws its own TypeError.
    if (error instanceof TypeError || (error as Error | null)?.name === 'TypeError')
      return reached ? 'connection' : 'link';
    return 'other';
  }

  destroy(): void {}

  async send({ url, method, holder, body, stallMs, onResponse }: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const stalled = new JanusError('TIMEOUT', `HTTP ${method} stalled for ${stallMs} ms`);
    // The transport cancels an exchange in flight through its holder: that aborts this fetch.
    const cancel = (): void => controller.abort();
    holder.add(cancel);
    const timer = setTimeout(() => controller.abort(stalled), stallMs);
    try {
      // A string body goes as text/plain: a "simple" cross-origin request, with no CORS preflight (Janus
      // reads the JSON whatever the content type).
      const init: RequestInit = { method, signal: controller.signal, cache: 'no-store' };
      if (body !== undefined) init.body = body;
      const response = await this.#fetch(url, init);
      onResponse();
      const text = await response.text();
      return { statusCode: response.status, text };
    } catch (error) {
      if (controller.signal.reason === stalled) throw stalled;
      throw error;
    } finally {
      clearTimeout(timer);
      holder.delete(cancel);
    }
  }
}
