/**
 * The Unix-socket transport for Janus's `pfunix` transport plugin: `unix:///path/to/socket`.
 *
 * Node has no datagram or seqpacket Unix sockets, so this transport uses the optional native module
 * `unix-dgram` (the route janode takes). It is loaded only when a `unix:` URL is opened: an application that
 * never uses one never loads (or needs to build) anything native. The server side must use
 * `type = "SOCK_DGRAM"` (or `admin_type` for the admin API); Janus's default, `SOCK_SEQPACKET`, cannot be
 * reached from Node without a native module of its own. Janus reads at most 8 KB per datagram.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JanusError } from '../errors.js';
import type { JanusWireRequest } from '../protocol/messages.js';
import { parseServerFrame } from '../wire/parse.js';
import type { Transport, TransportEvents, TransportOptions } from './transport.js';

/** The optional native module this transport needs, with the version it was tested with. */
export const UNIX_DGRAM_MODULE = 'unix-dgram@2.0.7';

/** The part of `unix-dgram`'s socket this transport uses. */
interface UnixDgramSocket {
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error & { code?: unknown }) => void): void;
  on(event: 'connect' | 'listening' | 'writable', listener: () => void): void;
  on(event: 'congestion', listener: (data: Buffer) => void): void;
  bind(path: string): void;
  connect(path: string): void;
  send(data: Buffer, callback?: (error?: Error) => void): void;
  close(): void;
  removeAllListeners(): void;
}

interface UnixDgramModule {
  createSocket(type: 'unix_dgram'): UnixDgramSocket;
}

let loaded: UnixDgramModule | undefined;

/**
 * Loads `unix-dgram` (once; `load` replaces Node's `require`, for tests). Throws `MISSING_MODULE` naming what to install when it is not there or its
 * native part was not built.
 */
export function loadUnixDgram(load?: (name: string) => unknown): UnixDgramModule {
  if (loaded && !load) return loaded;
  try {
    const module = (load ?? createRequire(import.meta.url))('unix-dgram') as UnixDgramModule;
    if (typeof module?.createSocket !== 'function') throw new Error('unix-dgram has no createSocket()');
    if (!load) loaded = module;
    return module;
  } catch (cause) {
    throw new JanusError(
      'MISSING_MODULE',
      `unix: URLs need the optional native module 'unix-dgram', which could not be loaded ` +
        `(${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}). ` +
        `Install it with: npm install ${UNIX_DGRAM_MODULE} (it builds with node-gyp: python3, make, a C++ compiler)`,
      { cause },
    );
  }
}

/** The socket path of a `unix:` URL: `unix:///run/janus.sock` → `/run/janus.sock`. */
export function unixSocketPath(url: string): string {
  const parsed = new URL(url);
  const path = decodeURIComponent(parsed.pathname);
  if (parsed.protocol !== 'unix:' || !path.startsWith('/')) {
    throw new JanusError('INVALID_ARGUMENT', `not a unix: URL with an absolute path: ${JSON.stringify(url)}`);
  }
  return path;
}

/** Opens a datagram socket to Janus's `pfunix` socket; `events.onOpen` fires once it is bound and connected. */
export function createUnixTransport(options: TransportOptions, events: TransportEvents): Transport {
  return new UnixTransport(options, events, loadUnixDgram());
}

/** One JSON message per datagram, each way. Janus replies to the address this socket is bound to. */
export class UnixTransport implements Transport {
  readonly kind = 'unix' as const;
  readonly #events: TransportEvents;
  readonly #options: TransportOptions;
  readonly #socket: UnixDgramSocket;
  /** Where this end is bound, so Janus can answer (removed on close). */
  readonly #localPath = join(tmpdir(), `janus-xstate-${process.pid}-${randomBytes(6).toString('hex')}.sock`);
  #open = false;
  #closed = false;

  /** Binds a local socket and connects it to the server's path at once. */
  constructor(options: TransportOptions, events: TransportEvents, dgram: UnixDgramModule) {
    this.#options = options;
    this.#events = events;
    const serverPath = unixSocketPath(options.url);
    this.#socket = dgram.createSocket('unix_dgram');
    this.#socket.on('error', (error) =>
      this.#end(
        new JanusError('DISCONNECTED', `Unix socket ${serverPath}: ${error.message}`, { cause: error }),
      ),
    );
    this.#socket.on('message', (data) => {
      for (const message of parseServerFrame(data.toString('utf8'), options.logger))
        events.onMessage(message);
    });
    this.#socket.on('congestion', () => options.logger.warn('the Unix socket is congested'));
    this.#socket.on('connect', () => {
      if (this.#closed) return;
      this.#open = true;
      events.onOpen();
    });
    // unix-dgram reports bind/connect failures synchronously through 'error'; defer so the caller holds us.
    queueMicrotask(() => {
      if (this.#closed) return;
      this.#socket.bind(this.#localPath);
      if (!this.#closed) this.#socket.connect(serverPath);
    });
  }

  send(request: JanusWireRequest): void {
    if (!this.#open || this.#closed) {
      this.#events.onSendError(
        request.transaction,
        new JanusError('DISCONNECTED', 'the Unix socket is not open'),
      );
      return;
    }
    this.#socket.send(Buffer.from(JSON.stringify(request)), (error) => {
      if (!error) return;
      this.#events.onSendError(
        request.transaction,
        new JanusError('TRANSPORT', `Unix socket send failed: ${error.message}`, { cause: error }),
      );
    });
  }

  sessionStarted(): void {}

  sessionEnded(): void {}

  close(): void {
    this.#end(undefined);
  }

  #end(error: JanusError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#open = false;
    this.#socket.removeAllListeners();
    this.#socket.on('error', () => {});
    try {
      this.#socket.close();
    } catch (closeError) {
      this.#options.logger.debug('closing the Unix socket failed', { error: String(closeError) });
    }
    try {
      unlinkSync(this.#localPath);
    } catch {
      // Never bound, or already gone.
    }
    this.#events.onClose(error);
  }
}
