/**
 * The admin client's link: one transport from the registry (WebSocket with `janus-admin-protocol`, HTTP on
 * the admin base path, a Unix socket, or the application's own) bound to the same {@link Wire} and
 * transaction table the Janus API client uses, with `admin_secret` as its authentication field.
 * @module
 */
import { JanusError } from '../errors.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS } from '../options.js';
import { resolveTransport, type TransportOption } from '../transport/registry.js';
import type { TlsOptions } from '../transport/tls.js';
import type { Transport, TransportKind } from '../transport/transport.js';
import type { CallOptions } from '../util/abort.js';
import { withDeadline } from '../util/deadline.js';
import { type JanusLogger, safeLogger } from '../util/logger.js';
import { Wire } from '../wire/wire.js';

/** Options of `connectAdmin()`. */
export interface AdminOptions {
  /** The server's `admin_secret`, sent with every request; never logged. Defaults to none. */
  adminSecret?: string;
  /** How long a request waits for its reply before rejecting with `TIMEOUT`. Defaults to 10,000 ms. */
  requestTimeoutMs?: number;
  /** How long opening the transport and the `info` handshake may take. Defaults to 10,000 ms. */
  connectTimeoutMs?: number;
  /** Where diagnostics go; `admin_secret` and tokens are removed first. Defaults to nowhere. */
  logger?: JanusLogger;
  /** TLS settings for `wss://` and `https://`. Defaults to Node's trust store, certificates checked. */
  tls?: TlsOptions;
  /** A transport instead of the registry's entry for the URL's scheme. Defaults to the registry. */
  transport?: TransportOption;
}

/** Where an admin link is: `connecting`, `open`, `closed` (by `close()`), `disconnected` (the link died). */
export type AdminLinkState = 'connecting' | 'open' | 'closed' | 'disconnected';

/** One admin transport on one wire. */
export class AdminLink {
  readonly wire: Wire;
  readonly kind: TransportKind;
  readonly #transport: Transport;
  #state: AdminLinkState = 'connecting';
  #opened: Promise<void>;

  constructor(
    readonly url: string,
    options: AdminOptions,
  ) {
    const definition = resolveTransport(url, options.transport);
    this.kind = definition.kind;
    const logger = safeLogger(options.logger, [options.adminSecret, options.tls?.passphrase]);
    this.wire = new Wire(
      {
        auth: options.adminSecret === undefined ? {} : { admin_secret: options.adminSecret },
        requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        logger,
        debug: typeof options.logger?.debug === 'function',
      },
      // The admin API sends nothing but replies.
      { toHandle: () => false, toSession: () => false },
    );
    let settleOpen: { resolve(): void; reject(error: unknown): void } | undefined;
    this.#opened = new Promise<void>((resolve, reject) => {
      settleOpen = { resolve, reject };
    });
    this.#opened.catch(() => {});
    this.#transport = definition.create(
      {
        url,
        logger,
        connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        api: 'admin',
        tls: options.tls,
      },
      {
        onOpen: () => {
          if (this.#state !== 'connecting') return;
          this.#state = 'open';
          this.wire.release();
          settleOpen?.resolve();
        },
        onMessage: (message) => this.wire.dispatch(message),
        onSendError: (transaction, error) => this.wire.table.reject(transaction, error),
        onClose: (error) => {
          const reason =
            error instanceof JanusError
              ? error
              : new JanusError('DISCONNECTED', `the admin link to ${url} closed`, { cause: error });
          if (this.#state === 'connecting') settleOpen?.reject(reason);
          if (this.#state === 'connecting' || this.#state === 'open') this.#state = 'disconnected';
          this.wire.shutDown(reason);
        },
      },
    );
    this.wire.bind(this.#transport);
  }

  /** Where the link is. */
  get state(): AdminLinkState {
    return this.#state;
  }

  /** Resolves once the transport is open; rejects with why not, on `timeoutMs` (default 10,000 ms) or `signal`. */
  opened(options: CallOptions = {}): Promise<void> {
    return withDeadline<void>(
      `opening the admin link to ${this.url}`,
      { ...options, defaultTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS },
      (settle) => {
        this.#opened.then(
          () => settle.resolve(),
          (error: unknown) => settle.reject(error),
        );
        return undefined;
      },
    );
  }

  /** Closes the transport; requests in flight reject with `CLOSED`. Safe to call twice. */
  close(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.wire.shutDown(new JanusError('CLOSED', 'the admin client was closed'));
    this.#transport.close();
  }
}
