/**
 * The client for one Janus server: `info`, `createSession`, a raw `request`, and `close`. Its root actor
 * (the connection machine) holds every session and handle actor as descendants.
 * @module
 */
import { type Actor, type AnyActorRef, type AnyStateMachine, createActor, type SnapshotFrom } from 'xstate';
import type { HandleMachineInput } from '../machines/handle.machine.js';
import { MachineCell, type MachineCellOptions } from './client/machine-cell.js';
import { rebuildSessions } from './client/restore.js';
import { type JanusSnapshot, takeSnapshot } from './client/snapshot.js';
import { JanusError } from './errors.js';
import { JanusSession, type RecreatedEvent, type SessionHost } from './janus-session.js';
import {
  type ConnectOptions,
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './options.js';
import type { HandleCell, PluginHandle } from './plugin-handle.js';
import type { JanusMessage, JanusRequestBody, ServerInfo } from './protocol/messages.js';
import {
  type BoundConnectionMachine,
  type BoundMachines,
  bindToClient,
  fromMachineError,
  type MachineBindings,
  provideMachines,
} from './provide-machines.js';
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from './reconnect/policy.js';
import { resolveTransport } from './transport/registry.js';
import type { TransportKind } from './transport/transport.js';
import type { CallOptions } from './util/abort.js';
import { ChildIds } from './util/child-ids.js';
import { type JanusLogger, safeLogger } from './util/logger.js';
import { TypedEmitter } from './util/typed-emitter.js';
import { leafState, waitForSnapshot } from './util/wait-for-snapshot.js';
import { assertState, type RequestOptions, Wire } from './wire/wire.js';

/**
 * The default keepalive interval as a share of the server's `session-timeout`: 27 s for 60 s. With the
 * scheduler's tick (a twelfth of the timeout) the longest silence the server sees is about 0.53 of it.
 */
const KEEPALIVE_SHARE_OF_TIMEOUT = 0.45;

/**
 * The connection's lifecycle state. After a loss of the link (reconnect on): `reconnecting` (waiting
 * for the next attempt), then `connecting` → `handshaking` → `reclaiming` (claiming the sessions) →
 * `open`. `disconnected`: the link was lost for good; `failed`: it never opened.
 */
export type ConnectionState =
  | 'connecting'
  | 'handshaking'
  | 'reclaiming'
  | 'open'
  | 'reconnecting'
  | 'closing'
  | 'closed'
  | 'failed'
  | 'disconnected';

/** What `reconnecting` reports before each attempt. */
export interface ReconnectingEvent {
  /** The attempt about to be made, 1 for the first. */
  attempt: number;
  /** How long the client waits before it. */
  delayMs: number;
  /** Why the link was lost, or why the previous attempt failed. */
  error: unknown;
}

/** What `reconnected` reports. */
export interface ReconnectedEvent {
  /** The server URL now in use (another one than before after a failover). */
  url: string;
  /** Attempts it took. */
  attempts: number;
  /** Sessions claimed back with their handles. */
  claimed: number;
  /** Sessions the server had lost and that were re-created. */
  recreated: number;
  /** Sessions the server had lost and that ended. */
  lost: number;
}

/** Listener arguments of every event a client emits. */
export type ClientEventMap = {
  /** The connection's lifecycle state changed. */
  state: [ConnectionState];
  /** The link was lost (or an attempt failed) and the client will try again after `delayMs`. */
  reconnecting: [ReconnectingEvent];
  /** The link is back and the sessions were claimed (or re-created, or found lost). */
  reconnected: [ReconnectedEvent];
  /** The reconnect policy gave up: the client is `disconnected`. */
  'reconnect-failed': [JanusError];
  /** The server no longer knows a session; it has ended with its handles. */
  'session-lost': [JanusSession, JanusError];
  /** The server lost a session and a new one replaced it (`recreate: true`). */
  'session-recreated': [JanusSession, RecreatedEvent];
};

/** What `connect(url, { restore })` made of the snapshot's sessions: read it as `janus.restored`. */
export interface RestoreReport {
  /**
   * Sessions the server gave back with their handles (same ids). A claim cut by a loss of the link also
   * leaves its session here: it stays, and the reconnection claims it again.
   */
  claimed: JanusSession[];
  /** Sessions the server had lost, re-created under new ids with their handles re-attached (`recreate: true`). */
  recreated: JanusSession[];
  /** Sessions the server had lost (the claim was refused), with why; they are not in `janus.sessions`. */
  lost: { sessionId: number; error: JanusError }[];
}

/** Options of `createSession`. */
export interface CreateSessionOptions extends CallOptions {
  /** Overrides the client's keepalive interval for this session (`false`/0: no keepalive). */
  keepaliveMs?: number | false;
}

/** A connection to a Janus server (one of several, with failover). Get one with `connect()`. */
export class JanusClient extends TypedEmitter<ClientEventMap> {
  /**
   * The root XState actor: the connection machine. Sessions and handles are hosted beside it (each
   * `session.actor` and `handle.actor` on demand); with `inspect` on they are its descendants in the
   * inspector's tree.
   */
  readonly actor: Actor<BoundConnectionMachine>;
  /** Every server URL this client may use, in failover order. */
  readonly urls: readonly string[];
  readonly #options: ConnectOptions;
  readonly #logger: Required<JanusLogger>;
  #reconnectStats = { claimed: 0, recreated: 0, lost: 0 };
  readonly #wire: Wire;
  readonly #sessions = new Map<number, JanusSession>();
  readonly #liveSessions = new Set<JanusSession>();
  readonly #handles = new Map<number, PluginHandle>();
  readonly #sessionIds = new ChildIds('session');
  readonly #handleIds = new ChildIds('handle');
  readonly #machines: BoundMachines;
  /** Binds an actor of this client's machines (before it starts) to its wire: see `bindToClient`. */
  readonly #bind: (actor: AnyActorRef) => void;
  readonly #inspected: boolean;
  readonly #host: SessionHost;
  #attempts = 0;
  #lastState: ConnectionState = 'connecting';
  /** Sessions rebuilt from `restore`, claimed once the connection first opens. */
  #toClaim: JanusSession[] | undefined;
  #restoring: Promise<void> | undefined;
  #restored: RestoreReport | undefined;

  /**
   * Starts connecting at once to `url` (the first of the list when given several; the others are used
   * when reconnecting cannot reach the current one); `connect()` is the usual way in.
   */
  constructor(url: string | readonly string[], options: ConnectOptions = {}) {
    // A listener that throws is reported to the (redacting) logger, never to the code that emitted.
    super((error, event) => this.#wire.logErrorInListener(error, event));
    const urls = typeof url === 'string' ? [url] : [...url];
    if (urls.length === 0) throw new JanusError('INVALID_ARGUMENT', 'a client needs at least one URL');
    for (const candidate of urls) resolveTransport(candidate, options.transport);
    this.urls = urls;
    this.#options = options;
    const secrets = [options.apiSecret, options.token, options.tls?.passphrase];
    const logger = safeLogger(options.logger, secrets);
    this.#logger = logger;
    const auth: Record<string, string> = {};
    if (options.apiSecret !== undefined) auth.apisecret = options.apiSecret;
    if (options.token !== undefined) auth.token = options.token;
    this.#wire = new Wire(
      {
        auth,
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
    const policy = reconnectPolicy(options.reconnect);
    const bindings: MachineBindings = {
      wire: this.#wire,
      connectTimeoutMs,
      openTransport: (target, events) =>
        resolveTransport(target, options.transport).create(
          {
            url: target,
            apiSecret: options.apiSecret,
            token: options.token,
            logger,
            connectTimeoutMs,
            api: 'janus',
            tls: options.tls,
          },
          events,
        ),
      drain: () => this.#drain(),
      reclaim: () => this.#reclaim(),
      recreate: (sessionId) => this.#recreate(sessionId),
      keepaliveTick: () => this.#keepaliveTick(),
      linkDead: (error) => {
        logger.warn('a keepalive timed out: the link is considered dead', {
          error: error instanceof Error ? error.message : String(error),
        });
        queueMicrotask(() => this.actor.send({ type: 'link.dead', error }));
      },
      policy,
      onSchedule: (attempt, delayMs, error) => {
        if (delayMs === null) return;
        logger.info('reconnecting', {
          attempt,
          delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
        this.emit('reconnecting', { attempt, delayMs, error });
      },
    };
    const machines = provideMachines();
    this.#machines = machines;
    this.#bind = (actor) => bindToClient(actor, bindings);
    this.#inspected = options.inspect !== undefined;
    this.#host = this.#sessionHost();
    this.actor = createActor(machines.connection, {
      id: 'connection',
      input: {
        url: urls[0] as string,
        urls,
        reconnect: policy !== undefined,
        connectTimeoutMs,
        closeTimeoutMs: options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
        // A caller-chosen interval is checked four times per interval; otherwise the machine derives the
        // tick from the server's session-timeout.
        keepaliveTickMs:
          typeof options.keepaliveMs === 'number' && options.keepaliveMs > 0
            ? Math.min(5_000, Math.max(50, Math.floor(options.keepaliveMs / 4)))
            : undefined,
      },
      ...(options.inspect ? { inspect: options.inspect } : {}),
    });
    this.#bind(this.actor);
    this.actor.subscribe({ next: (snapshot) => this.#onSnapshot(snapshot), error: () => {} });
    if (options.restore !== undefined) {
      this.#toClaim = rebuildSessions(options.restore, {
        machines: machines,
        plugins: options.plugins ?? [],
        recreate: options.recreate === true,
        hostSession: (cellOptions) => {
          const cell = new MachineCell(machines.session, {
            ...cellOptions,
            id: this.#sessionIds.take(),
            ...this.#hosting(),
          });
          const session = new JanusSession(this.#host, cell);
          this.#liveSessions.add(session);
          return session;
        },
        hostHandle: (session, cellOptions) =>
          new MachineCell(machines.handle, {
            ...cellOptions,
            id: this.#handleIds.take(),
            ...this.#hosting(session),
          }),
      });
    }
    this.actor.start();
  }

  /**
   * The live sessions and their attached handles as plain JSON, to restore in another process with
   * `connect(url, { restore: snapshot })`: the server URL and transport kind, session and handle ids,
   * plugins and opaque ids, and each session's and handle's machine state (XState's persisted snapshot,
   * without children). It holds no secret. Sessions being created or destroyed, and handles not
   * attached, are left out.
   */
  snapshot(): JanusSnapshot {
    return takeSnapshot({
      url: this.url,
      transport: this.transportKind,
      reclaimSessionTimeoutS: this.serverInfo?.['reclaim-session-timeout'],
      sessions: [...this.#liveSessions],
    });
  }

  /**
   * What the restore made of the snapshot's sessions (claimed, re-created, lost) once `connect(url,
   * { restore })` resolved; `undefined` without `restore` or before the claims settled.
   */
  get restored(): RestoreReport | undefined {
    return this.#restored;
  }

  /** The server URL in use (or being tried). */
  get url(): string {
    const { urls, urlIndex } = this.actor.getSnapshot().context;
    return urls[urlIndex] ?? (this.urls[0] as string);
  }

  /** The kind of transport the URL in use maps to (`ws`, `http`, `unix`, or a registered one's). */
  get transportKind(): TransportKind {
    return resolveTransport(this.url, this.#options.transport).kind;
  }

  /** The lifecycle state. */
  get state(): ConnectionState {
    return leafState(this.actor.getSnapshot().value) as ConnectionState;
  }

  /** Requests waiting for the link to come back (for diagnostics). */
  get queuedRequests(): number {
    return this.#wire.queued;
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
    if (this.#restoring) await this.#restoring;
    return this;
  }

  /**
   * Asks the server to describe itself (`server_info`). During an outage it waits for the link, up to
   * `timeoutMs` (see `ConnectOptions.reconnect`).
   */
  async info(options: CallOptions = {}): Promise<ServerInfo> {
    this.#assertUsable('info');
    return (await this.#wire.request({ janus: 'info' }, options)) as unknown as ServerInfo;
  }

  /**
   * Creates a session; its keepalive runs by itself. During an outage the `create` request waits for the
   * link, up to `timeoutMs`.
   */
  async createSession(options: CreateSessionOptions = {}): Promise<JanusSession> {
    this.#assertUsable('createSession');
    const cell = new MachineCell(this.#machines.session, {
      id: this.#sessionIds.take(),
      input: {
        keepaliveMs: this.#keepaliveMs(options.keepaliveMs),
        timeoutMs: options.timeoutMs,
        recreate: this.#options.recreate === true,
      },
      ...this.#hosting(),
    });
    const session = new JanusSession(this.#host, cell);
    this.#liveSessions.add(session);
    try {
      await session.ready({ signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) cell.send({ type: 'destroy' });
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
      this.#assertUsable('request');
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#wire.request({ ...body }, options);
  }

  /**
   * Destroys the live sessions (within `closeTimeoutMs`), closes the transport and stops every actor.
   * Requests still in flight reject with `CLOSED`. Safe to call more than once.
   *
   * Once it resolves the client keeps nothing alive: a process that has nothing else to do exits on its
   * own within 2 s. Over WebSocket the socket's closing handshake may hold it up to 1 s (the client cuts
   * it then if the server does not answer); the rest is process teardown.
   */
  async close(): Promise<void> {
    this.#wire.closing(new JanusError('CLOSED', 'the client was closed'));
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
    return timeoutS > 0 ? Math.max(500, Math.floor(timeoutS * 1000 * KEEPALIVE_SHARE_OF_TIMEOUT)) : 0;
  }

  /**
   * One tick of the keepalive scheduler: a `keepalive` for every active session that sent nothing for its
   * interval, straight over the wire (no actor per keepalive); a failure goes to that session's machine.
   */
  #keepaliveTick(): void {
    for (const session of this.#liveSessions) {
      const snapshot = session.cell.getSnapshot();
      if (snapshot.status !== 'active' || !snapshot.matches({ active: 'keptAlive' })) continue;
      const { sessionId, keepaliveMs } = snapshot.context;
      if (sessionId === undefined || this.#wire.idleMs(sessionId) < keepaliveMs) continue;
      this.#wire.request({ janus: 'keepalive', session_id: sessionId }).catch((error: unknown) => {
        session.cell.send({ type: 'keepalive.failed', error });
      });
    }
  }

  /** Open, or (once it has been open) restoring a lost link: requests are accepted and may wait. */
  #assertUsable(what: string): void {
    const snapshot = this.actor.getSnapshot();
    const state = this.state;
    if (state === 'open') return;
    const restoring =
      snapshot.status === 'active' && snapshot.context.everOpen && state !== 'closing' && state !== 'closed';
    assertState(what, state, restoring ? [state] : ['open']);
  }

  async #reclaim(): Promise<void> {
    const live = [...this.#liveSessions].filter((session) => session.state === 'active' && session.id !== 0);
    const outcome = await this.#claim(live);
    this.#reconnectStats = {
      claimed: outcome.claimed.length,
      recreated: outcome.recreated.length,
      lost: outcome.lost.length,
    };
  }

  /**
   * Claims `sessions` on the current transport (each session machine's `reclaiming`); a refused claim
   * leaves the session lost or re-created, by the session's `recreate` rule.
   */
  async #claim(sessions: readonly JanusSession[]): Promise<RestoreReport> {
    const outcome: RestoreReport = { claimed: [], recreated: [], lost: [] };
    await Promise.all(
      sessions.map(async (session) => {
        const sessionId = session.id;
        let wasRecreated = false;
        const onRecreated = (): void => {
          wasRecreated = true;
        };
        session.once('recreated', onRecreated);
        session.cell.send({ type: 'session.reclaim' });
        await waitForSnapshot(session.cell, 'reclaim', settledAfterClaim).catch(() => undefined);
        session.off('recreated', onRecreated);
        if (session.state === 'active') {
          if (wasRecreated) outcome.recreated.push(session);
          else outcome.claimed.push(session);
        } else {
          const error = toJanusError(session.cell.getSnapshot().context.error, 'the claim was refused');
          outcome.lost.push({ sessionId, error });
        }
      }),
    );
    // HTTP: the long-polls of the old transport ended with it; start them on the new one.
    const transport = this.#wire.transport;
    for (const session of this.#liveSessions) {
      if (session.state === 'active' && session.id !== 0) transport?.sessionStarted(session.id);
    }
    return outcome;
  }

  async #recreate(sessionId: number): Promise<number> {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new JanusError('INVALID_STATE', `session ${sessionId} is not known`);
    return session.recreateOnServer();
  }

  /**
   * How a session's (no `session`) or a handle's cell hosts its actors: bound to this client's wire and, when
   * inspected, resident under its parent (the connection, or the session) so that the inspector draws the
   * same tree.
   */
  #hosting(
    session?: JanusSession,
  ): Pick<MachineCellOptions<AnyStateMachine>, 'parent' | 'resident' | 'bind'> {
    if (!this.#inspected) return { bind: this.#bind };
    return { parent: session ? session.cell.actor : this.actor, resident: true, bind: this.#bind };
  }

  #hostHandle(session: JanusSession, input: HandleMachineInput): HandleCell {
    return new MachineCell(this.#machines.handle, {
      id: this.#handleIds.take(),
      input,
      ...this.#hosting(session),
    });
  }

  #sessionHost(): SessionHost {
    const wire = this.#wire;
    return {
      wire,
      logErrorInListener: (error, event) => wire.logErrorInListener(error, event),
      hostHandle: (session, input) => this.#hostHandle(session, input),
      handleCellEnded: (cell) => this.#handleIds.release(cell.id),
      sessionCellEnded: (cell) => this.#sessionIds.release(cell.id),
      registerHandle: (handle: PluginHandle) => this.#handles.set(handle.id, handle),
      unregisterHandle: (handleId: number) => {
        this.#handles.delete(this.#wire.resolveId('handle', handleId));
        this.#handles.delete(handleId);
        this.#wire.forgetAlias('handle', handleId);
      },
      sessionStarted: (session: JanusSession) => {
        this.#sessions.set(session.id, session);
        // The `create` carried no session id: without this the first tick would find it idle forever.
        this.#wire.touch(session.id);
        this.#wire.transport?.sessionStarted(session.id);
      },
      sessionStopping: (session: JanusSession) => this.#wire.transport?.sessionEnded(session.id),
      sessionEnded: (session: JanusSession) => {
        const id = session.id;
        this.#sessions.delete(id);
        this.#liveSessions.delete(session);
        this.#wire.transport?.sessionEnded(id);
        if (session.state === 'lost' || session.state === 'timedOut') {
          // Requests still waiting for this session (e.g. queued during an outage) would only get 458.
          this.#wire.table.rejectAll(
            new JanusError(
              'SESSION_LOST',
              `session ${id} ended (${session.state === 'lost' ? 'the server no longer knows it' : 'the server timed it out'}) before the request was answered`,
            ),
            id,
          );
        }
        this.#wire.forgetSession(id);
        if (session.state === 'lost') {
          const error = session.cell.getSnapshot().context.error;
          this.emit('session-lost', session, toJanusError(error, 'the server no longer knows the session'));
        }
      },
      sessionReplaced: (session: JanusSession, oldId: number, newId: number) => {
        this.#sessions.delete(oldId);
        this.#sessions.set(newId, session);
        this.#wire.transport?.sessionEnded(oldId);
        this.#wire.forgetSession(oldId);
        this.#wire.alias('session', oldId, newId);
        this.#wire.transport?.sessionStarted(newId);
        session.once('recreated', (event) => this.emit('session-recreated', session, event));
      },
      handleReplaced: (handle: PluginHandle, oldId: number, newId: number) => {
        this.#handles.delete(oldId);
        this.#handles.set(newId, handle);
        this.#wire.alias('handle', handle.id, newId);
      },
    };
  }

  /**
   * Destroys every live session: active ones, and those being claimed or re-created after a
   * reconnection (`close()` during `reclaiming`): the server forgets none of them otherwise until its
   * reclaim timeout.
   */
  async #drain(): Promise<void> {
    const live = [...this.#liveSessions].filter((session) => DRAINED_STATES.has(session.state));
    await Promise.allSettled(live.map((session) => session.destroy()));
  }

  #onSnapshot(snapshot: SnapshotFrom<BoundConnectionMachine>): void {
    const state = leafState(snapshot.value) as ConnectionState;
    const previous = this.#lastState;
    if (state !== previous) {
      this.#lastState = state;
      if (state === 'open') this.#wire.release();
      const toClaim = this.#toClaim;
      if (state === 'open' && toClaim) {
        this.#toClaim = undefined;
        this.#restoring = this.#claim(toClaim).then((report) => {
          this.#restored = report;
          this.#logger.info('restored', {
            claimed: report.claimed.length,
            recreated: report.recreated.length,
            lost: report.lost.length,
          });
        });
      }
      this.emit('state', state);
      if (state === 'open' && previous === 'reclaiming') {
        const stats = this.#reconnectStats;
        this.#reconnectStats = { claimed: 0, recreated: 0, lost: 0 };
        this.#logger.info('reconnected', { url: this.url, ...stats });
        this.emit('reconnected', { url: this.url, attempts: this.#attempts, ...stats });
      }
      if (state === 'reconnecting') this.#attempts = snapshot.context.attempt;
      if (state === 'disconnected' && previous === 'reconnecting') {
        this.emit('reconnect-failed', toJanusError(snapshot.context.error, 'the reconnect policy gave up'));
      }
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

/** Session states `close()` destroys. */
const DRAINED_STATES: ReadonlySet<string> = new Set(['active', 'reclaiming', 'recreating']);

/** Settled after `session.reclaim`: active again (claimed or re-created) or ended. */
function settledAfterClaim(snapshot: { matches(state: 'reclaiming' | 'recreating'): boolean }): boolean {
  return !snapshot.matches('reclaiming') && !snapshot.matches('recreating');
}

function reconnectPolicy(option: ReconnectPolicy | boolean | undefined): ReconnectPolicy | undefined {
  if (option === false) return undefined;
  if (option === undefined || option === true) return DEFAULT_RECONNECT_POLICY;
  return option;
}

function toJanusError(recorded: unknown, fallback: string): JanusError {
  const error = fromMachineError(recorded);
  if (error instanceof JanusError) return error;
  return new JanusError('DISCONNECTED', fallback, { cause: error });
}
