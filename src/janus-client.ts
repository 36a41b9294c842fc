/**
 * The client for one Janus server: `info`, `createSession`, a raw `request`, and `close`. Its root actor
 * (the connection machine) holds every session and handle actor as descendants.
 * @module
 */
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { JanusError } from './errors.js';
import { JanusSession } from './janus-session.js';
import {
  type ConnectOptions,
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './options.js';
import type { PluginHandle } from './plugin-handle.js';
import type { JanusMessage, JanusRequestBody, ServerInfo } from './protocol/messages.js';
import { type BoundConnectionMachine, provideMachines } from './provide-machines.js';
import { transportForUrl } from './transport/select-transport.js';
import type { CallOptions } from './util/abort.js';
import { safeLogger } from './util/logger.js';
import { TypedEmitter } from './util/typed-emitter.js';
import { leafState, waitForSnapshot } from './util/wait-for-snapshot.js';
import { assertState, type RequestOptions, Wire } from './wire.js';

/** The connection's lifecycle state. */
export type ConnectionState =
  | 'connecting'
  | 'handshaking'
  | 'open'
  | 'closing'
  | 'closed'
  | 'failed'
  | 'disconnected';

/** Listener arguments of every event a client emits. */
export type ClientEventMap = {
  /** The connection's lifecycle state changed. */
  state: [ConnectionState];
};

/** Options of `createSession`. */
export interface CreateSessionOptions extends CallOptions {
  /** Overrides the client's keepalive interval for this session (`false`/0: no keepalive). */
  keepaliveMs?: number | false;
}

/** A connection to one Janus server. Get one with `connect()`. */
export class JanusClient extends TypedEmitter<ClientEventMap> {
  /** The root XState actor: the connection machine, with sessions and handles as descendants. */
  readonly actor: Actor<BoundConnectionMachine>;
  /** The server URL. */
  readonly url: string;
  /** `ws` or `http`, from the URL. */
  readonly transportKind: 'ws' | 'http';
  readonly #options: ConnectOptions;
  readonly #wire: Wire;
  readonly #sessions = new Map<number, JanusSession>();
  readonly #liveSessions = new Set<JanusSession>();
  readonly #handles = new Map<number, PluginHandle>();
  #sessionCounter = 0;
  #lastState: ConnectionState = 'connecting';

  /** Starts connecting at once; `connect()` is the usual way in. */
  constructor(url: string, options: ConnectOptions = {}) {
    super();
    this.url = url;
    this.#options = options;
    const factory = transportForUrl(url);
    this.transportKind = url.startsWith('ws') ? 'ws' : 'http';
    const secrets = [options.apiSecret, options.token];
    const logger = safeLogger(options.logger, secrets);
    this.#wire = new Wire(
      {
        apiSecret: options.apiSecret,
        token: options.token,
        requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        logger,
        debug: typeof options.logger?.debug === 'function',
      },
      {
        toHandle: (handleId, message) => {
          const handle = this.#handles.get(handleId);
          if (!handle) return false;
          handle.receive(message);
          return true;
        },
        toSession: (sessionId, message) => {
          const session = this.#sessions.get(sessionId);
          if (!session) return false;
          session.receive(message);
          return true;
        },
      },
    );
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const machine = provideMachines({
      wire: this.#wire,
      connectTimeoutMs,
      openTransport: (events) =>
        factory(
          { url, apiSecret: options.apiSecret, token: options.token, logger, connectTimeoutMs },
          events,
        ),
      drain: () => this.#drain(),
    });
    this.actor = createActor(machine, {
      id: 'connection',
      input: { url, connectTimeoutMs, closeTimeoutMs: options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS },
      ...(options.inspect ? { inspect: options.inspect } : {}),
    });
    this.actor.subscribe({ next: (snapshot) => this.#onSnapshot(snapshot), error: () => {} });
    this.actor.start();
  }

  /** The lifecycle state. */
  get state(): ConnectionState {
    return leafState(this.actor.getSnapshot().value) as ConnectionState;
  }

  /** The `info` reply received when the connection opened. */
  get serverInfo(): ServerInfo | undefined {
    return this.actor.getSnapshot().context.serverInfo;
  }

  /** The sessions alive on this connection. */
  get sessions(): readonly JanusSession[] {
    return [...this.#liveSessions];
  }

  /** Requests in flight (for diagnostics and leak checks). */
  get pendingRequests(): number {
    return this.#wire.table.size;
  }

  /** Resolves when the connection is open; rejects with why it could not open. */
  async ready(options: CallOptions = {}): Promise<this> {
    const snapshot = await waitForSnapshot(
      this.actor,
      'connect',
      (s) => s.matches({ running: 'open' }) || s.status === 'done',
      options,
    );
    if (!snapshot.matches({ running: 'open' })) {
      throw toJanusError(snapshot.context.error, `could not connect to ${this.url}`);
    }
    return this;
  }

  /** Asks the server to describe itself (`server_info`). */
  async info(options: CallOptions = {}): Promise<ServerInfo> {
    assertState('info', this.state, ['open']);
    return (await this.#wire.request({ janus: 'info' }, options)) as unknown as ServerInfo;
  }

  /** Creates a session; its keepalive runs by itself. */
  async createSession(options: CreateSessionOptions = {}): Promise<JanusSession> {
    assertState('createSession', this.state, ['open']);
    this.#sessionCounter += 1;
    const id = `session-${this.#sessionCounter}`;
    this.actor.send({
      type: 'session.spawn',
      id,
      input: { keepaliveMs: this.#keepaliveMs(options.keepaliveMs), timeoutMs: options.timeoutMs },
    });
    const actor = this.actor.getSnapshot().children[id] as JanusSession['actor'] | undefined;
    if (!actor) throw new JanusError('INVALID_STATE', 'the connection could not spawn a session');
    const session = new JanusSession(this.#sessionHost(), actor);
    this.#liveSessions.add(session);
    try {
      await session.ready({ signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) actor.send({ type: 'destroy' });
      this.#liveSessions.delete(session);
      throw error;
    }
    return session;
  }

  /**
   * Sends any Janus API request as is (plus transaction and secrets) and resolves with the message that
   * settles it. `kind: 'plugin'` waits past the `ack` for the plugin's event. An `error` reply rejects.
   */
  request(body: JanusRequestBody, options: RequestOptions = {}): Promise<JanusMessage> {
    try {
      assertState('request', this.state, ['open']);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#wire.request({ ...body }, options);
  }

  /**
   * Destroys the live sessions (within `closeTimeoutMs`), closes the transport and stops every actor.
   * Requests still in flight reject with `CLOSED`. Safe to call more than once.
   */
  async close(): Promise<void> {
    if (this.actor.getSnapshot().status === 'active') {
      this.actor.send({ type: 'close' });
      await waitForSnapshot(this.actor, 'close', (s) => s.status === 'done').catch(() => {});
    }
    this.#wire.shutDown(new JanusError('CLOSED', 'the client was closed'));
    this.actor.stop();
  }

  #keepaliveMs(override: number | false | undefined): number {
    const chosen = override ?? this.#options.keepaliveMs;
    if (chosen === false) return 0;
    if (typeof chosen === 'number') return Math.max(0, chosen);
    const timeoutS = this.serverInfo?.['session-timeout'] ?? 60;
    return timeoutS > 0 ? Math.max(500, Math.floor((timeoutS * 1000) / 3)) : 0;
  }

  #sessionHost() {
    return {
      wire: this.#wire,
      registerHandle: (handle: PluginHandle) => this.#handles.set(handle.id, handle),
      unregisterHandle: (handleId: number) => this.#handles.delete(handleId),
      sessionStarted: (session: JanusSession) => {
        this.#sessions.set(session.id, session);
        this.#wire.transport?.sessionStarted(session.id);
      },
      sessionEnded: (session: JanusSession) => {
        const id = session.id;
        this.#sessions.delete(id);
        this.#liveSessions.delete(session);
        this.#wire.transport?.sessionEnded(id);
        this.#wire.forgetSession(id);
      },
    };
  }

  async #drain(): Promise<void> {
    const live = [...this.#liveSessions].filter((session) => session.state === 'active');
    await Promise.allSettled(live.map((session) => session.destroy()));
  }

  #onSnapshot(snapshot: SnapshotFrom<BoundConnectionMachine>): void {
    const state = leafState(snapshot.value) as ConnectionState;
    if (state !== this.#lastState) {
      this.#lastState = state;
      this.emit('state', state);
    }
    if (snapshot.status === 'done') {
      this.#wire.shutDown(
        state === 'closed'
          ? new JanusError('CLOSED', 'the client was closed')
          : toJanusError(snapshot.context.error, 'the connection was lost'),
      );
      for (const session of [...this.#liveSessions]) session.connectionEnded();
      this.#liveSessions.clear();
      this.#sessions.clear();
      this.#handles.clear();
    }
  }
}

function toJanusError(error: unknown, fallback: string): JanusError {
  if (error instanceof JanusError) return error;
  return new JanusError('DISCONNECTED', fallback, { cause: error });
}
