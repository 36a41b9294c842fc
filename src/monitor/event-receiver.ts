/**
 * `listenForEvents()`: a receiver for Janus's event handlers. One HTTP server takes both `sampleevh`'s
 * POSTs (JSON, gzip or not, one event or a batch) and `wsevh`'s WebSocket (any subprotocol; Janus's default
 * is `janus-event-handlers`), and hands out typed events as listeners and as an async iterator.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzip, inflate } from 'node:zlib';
import { WebSocketServer } from 'ws';
import { JanusError } from '../errors.js';
import { abortReason } from '../util/abort.js';
import { type JanusLogger, safeLogger } from '../util/logger.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { type JanusEvent, toJanusEvents } from './event-types.js';

/** The largest POST body accepted. Defaults to 16 MiB. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Options of {@link listenForEvents}. */
export interface EventReceiverOptions {
  /** The port to listen on (0: any free one). Ignored with `server`. Defaults to 0. */
  port?: number;
  /** The address to listen on. Ignored with `server`. Defaults to `127.0.0.1`. */
  host?: string;
  /** An HTTP server of yours to attach to instead (its `request` and `upgrade` events are used). */
  server?: Server;
  /** Where diagnostics go. Defaults to nowhere. */
  logger?: JanusLogger;
  /** Stops listening when aborted; an already-aborted signal rejects at once. */
  signal?: AbortSignal;
}

/** What an {@link EventReceiver} emits. */
export type EventReceiverEventMap = {
  /** One event (batches are split). */
  event: [JanusEvent];
  /** Something arrived that could not be read (bad JSON, too large). */
  error: [JanusError];
};

/** A running receiver. Iterate it (`for await (const event of receiver)`) or listen with `on('event')`. */
export class EventReceiver extends TypedEmitter<EventReceiverEventMap> implements AsyncIterable<JanusEvent> {
  readonly #server: Server;
  readonly #ownServer: boolean;
  readonly #wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => first(protocols) });
  readonly #logger: Required<JanusLogger>;
  readonly #onRequest = (request: IncomingMessage, response: ServerResponse) =>
    this.#receivePost(request, response);
  readonly #onUpgrade = (request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) =>
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        this.#deliverText(Buffer.isBuffer(data) ? data.toString('utf8') : String(data), 'wsevh');
      });
      ws.on('error', () => {});
    });
  #closed = false;
  /** Events received so far (`kind` → count), for diagnostics. */
  readonly counts = new Map<string, number>();

  /** Use {@link listenForEvents}. */
  constructor(server: Server, ownServer: boolean, logger: JanusLogger | undefined) {
    // A listener that throws is reported to the logger; it never breaks the receiver.
    super((error, event) =>
      this.#logger.error(`a '${event}' listener threw`, {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    this.#server = server;
    this.#ownServer = ownServer;
    this.#logger = safeLogger(logger, []);
    server.on('request', this.#onRequest);
    server.on('upgrade', this.#onUpgrade);
  }

  /** The port the server listens on. */
  get port(): number {
    return (this.#server.address() as AddressInfo | null)?.port ?? 0;
  }

  /** The URL to give `sampleevh` as `backend`. */
  get url(): string {
    return `http://${hostOf(this.#server)}:${this.port}/`;
  }

  /** The URL to give `wsevh` as `backend`. */
  get wsUrl(): string {
    return `ws://${hostOf(this.#server)}:${this.port}/`;
  }

  /** Every event from now on, until {@link EventReceiver.close} (or the loop is left). */
  async *[Symbol.asyncIterator](): AsyncGenerator<JanusEvent> {
    const queue: JanusEvent[] = [];
    let wake: (() => void) | undefined;
    const onEvent = (event: JanusEvent) => {
      queue.push(event);
      wake?.();
    };
    const onClose = () => wake?.();
    this.on('event', onEvent);
    this.#closeListeners.add(onClose);
    try {
      while (true) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.#closed) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      this.off('event', onEvent);
      this.#closeListeners.delete(onClose);
    }
  }

  readonly #closeListeners = new Set<() => void>();

  /** Stops receiving: closes the WebSockets and (if it started it) the server. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.#closeListeners) listener();
    this.#server.off('request', this.#onRequest);
    this.#server.off('upgrade', this.#onUpgrade);
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
    if (this.#ownServer) {
      await new Promise<void>((resolve) => {
        this.#server.close(() => resolve());
        this.#server.closeAllConnections();
      });
    }
  }

  #receivePost(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        this.#reportError(`an event POST exceeded ${MAX_BODY_BYTES} bytes`);
        response.writeHead(413).end();
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', () => {});
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const encoding = String(request.headers['content-encoding'] ?? '').toLowerCase();
      const decode = encoding === 'gzip' ? gunzip : encoding === 'deflate' ? inflate : undefined;
      // Answer at once: Janus's sampleevh waits for the reply before its next POST.
      response.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      if (!decode) {
        this.#deliverText(body.toString('utf8'), 'sampleevh');
        return;
      }
      decode(body, (error, text) => {
        if (error) this.#reportError(`an event POST could not be decompressed: ${error.message}`);
        else this.#deliverText(text.toString('utf8'), 'sampleevh');
      });
    });
  }

  #deliverText(text: string, from: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.#reportError(`${from} sent something that is not JSON (${text.length} bytes)`);
      return;
    }
    for (const event of toJanusEvents(value)) {
      this.counts.set(event.kind, (this.counts.get(event.kind) ?? 0) + 1);
      this.emit('event', event);
    }
  }

  #reportError(message: string): void {
    this.#logger.warn(message);
    this.emit('error', new JanusError('PROTOCOL', message));
  }
}

/**
 * Starts a receiver for Janus's event handlers on `port` (loopback by default), or on your `server`, and
 * resolves once it listens. Point `sampleevh`'s `backend` at `receiver.url` and `wsevh`'s at
 * `receiver.wsUrl`.
 */
export async function listenForEvents(options: EventReceiverOptions = {}): Promise<EventReceiver> {
  const { signal } = options;
  if (signal?.aborted) throw abortReason(signal);
  const server = options.server ?? createServer();
  const receiver = new EventReceiver(server, options.server === undefined, options.logger);
  if (!options.server) {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) =>
        reject(new JanusError('TRANSPORT', `cannot listen for events: ${error.message}`, { cause: error }));
      server.once('error', onError);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    }).catch(async (error: unknown) => {
      await receiver.close();
      throw error;
    });
  }
  signal?.addEventListener('abort', () => void receiver.close(), { once: true });
  return receiver;
}

function first(protocols: Set<string>): string | false {
  for (const protocol of protocols) return protocol;
  return false;
}

function hostOf(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (!address) return '127.0.0.1';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
