/**
 * A Janus session: attach plugin handles, keepalive runs by itself, destroy.
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachineInput } from '../machines/handle.machine.js';
import type { SessionMachine } from '../machines/session.machine.js';
import type { CellSnapshot, MachineCell } from './client/machine-cell.js';
import { JanusError } from './errors.js';
import { type HandleCell, type HandleHost, PluginHandle } from './plugin-handle.js';
import type { JanusMessage, JanusRequestBody } from './protocol/messages.js';
import type { CallOptions } from './util/abort.js';
import { TypedEmitter } from './util/typed-emitter.js';
import { waitForSnapshot } from './util/wait-for-snapshot.js';
import { assertState, type RequestOptions, type Wire } from './wire/wire.js';

/**
 * The session's lifecycle state; `closed` means the connection closed under it. `reclaiming` and
 * `recreating` happen after a reconnection (see `ConnectOptions.reconnect` and `recreate`).
 */
export type SessionState =
  | 'creating'
  | 'active'
  | 'reclaiming'
  | 'recreating'
  | 'destroying'
  | 'destroyed'
  | 'timedOut'
  | 'lost'
  | 'failed'
  | 'closed';

/** One handle re-attached after its session was re-created. */
export interface RecreatedHandle {
  /** The handle object (it keeps working; requests go to the new id). */
  handle: PluginHandle;
  /** The server id it had. */
  oldId: number;
  /** The server id it has now. */
  newId: number;
}

/** What `recreated` reports: the server lost the session and a new one replaced it. */
export interface RecreatedEvent {
  /** The id the server lost. */
  oldSessionId: number;
  /** The id of the new session (now `session.id`). */
  sessionId: number;
  /**
   * The handles re-attached (same plugin and opaque id). Their plugin state is gone: renegotiate their
   * PeerConnections, rejoin rooms.
   */
  handles: RecreatedHandle[];
  /** Handles that could not be re-attached; they have ended (`detached`). */
  failed: PluginHandle[];
}

/** Listener arguments of every event a session emits. */
export type SessionEventMap = {
  /** The server timed the session out (no request within its `session_timeout`). */
  timeout: [];
  /** The session was claimed on a new transport after a reconnection: its handles kept their ids. */
  reclaimed: [];
  /**
   * The server no longer knows the session (it restarted, or the reclaim timeout ran out): the session
   * has ended, with its handles. Not emitted when `recreate` is on and the re-creation succeeded.
   */
  lost: [JanusError];
  /** The server lost the session and a new one replaced it (`recreate: true`). */
  recreated: [RecreatedEvent];
  /** The session's lifecycle state changed. */
  state: [SessionState];
};

/**
 * Describes a plugin for `attach`: its package name and how to wrap the generic handle. Typed plugins
 * (`EchoTest`, `VideoRoom`, ...) are descriptors.
 */
export interface PluginDescriptor<THandle extends PluginHandle = PluginHandle> {
  /** The plugin package, e.g. `janus.plugin.echotest`. */
  readonly plugin: string;
  /**
   * Builds the typed handle; `actor` is the handle's machine as the session hosts it, to pass on to the
   * {@link PluginHandle} constructor.
   */
  create(host: HandleHost, actor: PluginHandle['actor']): THandle;
}

/** Options of `attach`. */
export interface AttachOptions extends CallOptions {
  /** An opaque id the server reports in event handlers and admin queries. */
  opaqueId?: string;
}

/** The session machine as the client hosts it (see `client/machine-cell.ts`). */
export type SessionCell = MachineCell<SessionMachine>;

/** What the client gives each session. */
export interface SessionHost {
  /** The wire requests go on. */
  readonly wire: Wire;
  /** Reports an exception thrown by an application's listener (one function shared by the client). */
  readonly logErrorInListener: (error: unknown, event: string) => void;
  /** Hosts a new handle machine for `session` (the handle's actor has the session's as parent when inspected). */
  hostHandle(session: JanusSession, input: HandleMachineInput): HandleCell;
  /** Gives the actor id of a handle that ended back. */
  handleCellEnded(cell: HandleCell): void;
  /** Gives the actor id of a session whose machine ended back. */
  sessionCellEnded(cell: SessionCell): void;
  /** Registers a handle id → handle, so events reach it. */
  registerHandle(handle: PluginHandle): void;
  /** Forgets a handle id. */
  unregisterHandle(handleId: number): void;
  /** The session has its server id; HTTP starts polling it. */
  sessionStarted(session: JanusSession): void;
  /** The session is being destroyed: HTTP stops polling it. */
  sessionStopping(session: JanusSession): void;
  /** The session is gone. */
  sessionEnded(session: JanusSession): void;
  /** The server lost the session and `newId` replaces `oldId`. */
  sessionReplaced(session: JanusSession, oldId: number, newId: number): void;
  /** A re-attached handle now has the server id `newId` instead of `oldId`. */
  handleReplaced(handle: PluginHandle, oldId: number, newId: number): void;
}

/** A session on the Janus server. Create with `JanusClient.createSession()`. */
export class JanusSession extends TypedEmitter<SessionEventMap> {
  /**
   * The session's lifecycle machine as the client hosts it: its current snapshot and `send`, without
   * keeping an actor alive between transitions. For a live actor, read {@link JanusSession.actor}.
   */
  readonly cell: SessionCell;
  readonly #host: SessionHost;
  readonly #handles = new Set<PluginHandle>();
  /** The descriptor each handle was built with, so that `handle(id, VideoRoom)` can check its type. */
  readonly #descriptors = new WeakMap<PluginHandle, PluginDescriptor>();
  #handleHost: SessionHandleHost | undefined;
  #closed = false;
  #started = false;
  #lastState: SessionState = 'creating';
  #recreated: RecreatedEvent | undefined;

  /** Created by `JanusClient.createSession`; not meant to be constructed by applications. */
  constructor(host: SessionHost, cell: SessionCell) {
    super(host.logErrorInListener);
    this.#host = host;
    this.cell = cell;
    cell.start(this);
  }

  /** Told by the session's cell of each new snapshot; not meant to be called by applications. */
  cellChanged(snapshot: CellSnapshot<SessionMachine>): void {
    this.#onSnapshot(snapshot);
  }

  /**
   * The session's XState actor, created on demand and from then on the one that runs every transition
   * of this session (with `inspect` on it is the connection actor's child in the inspector's tree).
   */
  get actor(): ActorRefFrom<SessionMachine> {
    return this.cell.actor;
  }

  /** The server's session id (0 until created). */
  get id(): number {
    return this.cell.getSnapshot().context.sessionId ?? 0;
  }

  /** The lifecycle state. */
  get state(): SessionState {
    if (this.#closed) return 'closed';
    const value = this.cell.getSnapshot().value;
    return (typeof value === 'string' ? value : Object.keys(value)[0]) as SessionState;
  }

  /** The handles attached on this session. */
  get handles(): readonly PluginHandle[] {
    return [...this.#handles];
  }

  /**
   * The attached handle with server id `id`, e.g. one rebuilt by `connect(url, { restore })`. Given a
   * typed plugin descriptor (`session.handle(id, VideoRoom)`), returns it typed, and throws
   * `INVALID_ARGUMENT` unless it was built with that descriptor (attached with it, or restored with it:
   * see `ConnectOptions.plugins`). Throws `INVALID_ARGUMENT` when the session has no such handle.
   */
  handle(id: number): PluginHandle;
  handle<THandle extends PluginHandle>(id: number, plugin: PluginDescriptor<THandle>): THandle;
  handle(id: number, plugin?: PluginDescriptor): PluginHandle {
    let found: PluginHandle | undefined;
    for (const handle of this.#handles) if (handle.id === id) found = handle;
    if (!found) throw new JanusError('INVALID_ARGUMENT', `session ${this.id} has no handle ${id}`);
    if (plugin && this.#descriptors.get(found) !== plugin) {
      throw new JanusError(
        'INVALID_ARGUMENT',
        `handle ${id} (${found.plugin}) was not built as a typed ${plugin.plugin} handle by this descriptor`,
      );
    }
    return found;
  }

  /**
   * Rebuilds a handle restored from a snapshot around its restored machine (`cell`), with `descriptor`,
   * and routes its events; called by the client during `connect(url, { restore })`.
   */
  restoreHandle(cell: HandleCell, descriptor: PluginDescriptor): PluginHandle {
    this.#handleHost ??= new SessionHandleHost(this, this.#host);
    const handle = descriptor.create(this.#handleHost, cell as unknown as PluginHandle['actor']);
    this.#handles.add(handle);
    this.#descriptors.set(handle, descriptor);
    this.#host.registerHandle(handle);
    return handle;
  }

  /** Resolves once the session is created; rejects with the creation error. */
  async ready(options: CallOptions = {}): Promise<this> {
    const snapshot = await waitForSnapshot(
      this.cell,
      'create session',
      (s) => s.matches('active') || s.status === 'done',
      options,
    );
    if (!snapshot.matches('active')) {
      throw (
        snapshot.context.error ?? new JanusError('INVALID_STATE', `session ended in state '${this.state}'`)
      );
    }
    return this;
  }

  /**
   * Attaches a plugin: a package name gives a generic {@link PluginHandle}; a descriptor such as `EchoTest`
   * gives its typed handle. Rejects with the server's error (e.g. 460 plugin not found).
   */
  attach(plugin: string, options?: AttachOptions): Promise<PluginHandle>;
  attach<THandle extends PluginHandle>(
    plugin: PluginDescriptor<THandle>,
    options?: AttachOptions,
  ): Promise<THandle>;
  async attach(plugin: string | PluginDescriptor, options: AttachOptions = {}): Promise<PluginHandle> {
    assertState('attach', this.state, ['active']);
    const descriptor = typeof plugin === 'string' ? genericDescriptor(plugin) : plugin;
    const cell = this.#host.hostHandle(this, {
      sessionId: this.id,
      plugin: descriptor.plugin,
      opaqueId: options.opaqueId,
      timeoutMs: options.timeoutMs,
    });
    this.#handleHost ??= new SessionHandleHost(this, this.#host);
    // The hosted machine stands in for the handle's actor (see the PluginHandle constructor).
    const handle = descriptor.create(this.#handleHost, cell as unknown as PluginHandle['actor']);
    this.#handles.add(handle);
    this.#descriptors.set(handle, descriptor);
    try {
      const snapshot = await waitForSnapshot(
        cell,
        'attach',
        (s) => s.matches('attached') || s.status === 'done',
        { signal: options.signal },
      );
      if (!snapshot.matches('attached')) throw snapshot.context.error;
    } catch (error) {
      if (options.signal?.aborted) cell.send({ type: 'detach' });
      this.#handles.delete(handle);
      throw error;
    }
    this.#host.registerHandle(handle);
    return handle;
  }

  /**
   * Destroys the session on the server; resolves when done (a second call resolves too). While the
   * session is being re-created after a reconnection, waits for that first.
   */
  async destroy(options: CallOptions = {}): Promise<void> {
    if (this.state === 'recreating') {
      await waitForSnapshot(this.cell, 'recreate session', (s) => !s.matches('recreating'), options);
    }
    const state = this.state;
    if (state !== 'active' && state !== 'destroying' && state !== 'reclaiming') return;
    this.cell.send({ type: 'destroy' });
    await waitForSnapshot(this.cell, 'destroy session', (s) => s.status === 'done', options);
  }

  /**
   * Routes a session-level message: the server's `timeout`, or an `error` 458 from an HTTP long-poll
   * (the server no longer knows the session).
   */
  receive(message: JanusMessage): void {
    if (message.janus === 'timeout') {
      this.cell.send({ type: 'janus.timeout' });
      this.emit('timeout');
    } else if (message.janus === 'error' && message.error?.code === 458) {
      this.cell.send({ type: 'session.gone', error: JanusError.fromServer(message.error) });
    }
  }

  /**
   * Creates a session to replace the one the server lost and re-attaches every attached handle (same
   * plugin, same opaque id); resolves with the new id. Called by the client for the session machine's
   * `recreate` actor; the `recreated` event follows once the session is active again.
   */
  async recreateOnServer(): Promise<number> {
    const wire = this.#host.wire;
    const oldSessionId = this.id;
    const reply = await wire.request({ janus: 'create' }, { urgent: true });
    const sessionId = reply.data?.id;
    if (typeof sessionId !== 'number') throw new JanusError('PROTOCOL', 'the reply carries no numeric id');
    this.#host.sessionReplaced(this, oldSessionId, sessionId);
    const event: RecreatedEvent = { oldSessionId, sessionId, handles: [], failed: [] };
    for (const handle of [...this.#handles]) {
      if (handle.state !== 'attached') continue;
      const oldId = wire.resolveId('handle', handle.id);
      try {
        const request: Record<string, unknown> & { janus: string } = {
          janus: 'attach',
          session_id: sessionId,
          plugin: handle.plugin,
        };
        const opaqueId = handle.cell.getSnapshot().context.opaqueId;
        if (opaqueId !== undefined) request.opaque_id = opaqueId;
        const attached = await wire.request(request, { urgent: true });
        const newId = attached.data?.id;
        if (typeof newId !== 'number') throw new JanusError('PROTOCOL', 'the reply carries no numeric id');
        this.#host.handleReplaced(handle, oldId, newId);
        handle.reattached(sessionId, newId);
        event.handles.push({ handle, oldId, newId });
      } catch {
        event.failed.push(handle);
        handle.sessionEnded('could not be re-attached after the session was re-created');
      }
    }
    this.#recreated = event;
    return sessionId;
  }

  /** The connection closed under the session: end it and its handles. */
  connectionEnded(): void {
    if (this.#closed) return;
    const wasDone = this.cell.getSnapshot().status === 'done';
    if (!wasDone) this.#closed = true;
    this.#end(this.state);
    this.cell.stop();
  }

  /** A handle of this session ended: forget it. Called by the handles' host. */
  handleEnded(handle: PluginHandle): void {
    this.#handles.delete(handle);
    this.#host.unregisterHandle(handle.id);
    this.#host.handleCellEnded(handle.cell);
  }

  #onSnapshot(snapshot: CellSnapshot<SessionMachine>): void {
    if (!this.#started && snapshot.context.sessionId !== undefined && snapshot.matches('active')) {
      this.#started = true;
      this.#host.sessionStarted(this);
    }
    const state = this.state;
    const previous = this.#lastState;
    if (state !== previous) {
      this.#lastState = state;
      // HTTP: no long-poll of a session being destroyed (the server would answer it with 458).
      if (state === 'destroying') this.#host.sessionStopping(this);
      this.emit('state', state);
      if (state === 'active' && previous === 'reclaiming') this.emit('reclaimed');
      if (state === 'active' && previous === 'recreating' && this.#recreated) {
        const event = this.#recreated;
        this.#recreated = undefined;
        this.emit('recreated', event);
      }
      if (state === 'lost') {
        const error = snapshot.context.error;
        this.emit(
          'lost',
          error instanceof JanusError
            ? error
            : new JanusError('SESSION_NOT_FOUND', 'the server no longer knows the session', {
                janusCode: 458,
                cause: error,
              }),
        );
      }
    }
    if (snapshot.status !== 'active') {
      // Reported once: a hosted machine ends (done, stopped or failed) only once.
      this.#host.sessionCellEnded(this.cell);
      if (snapshot.status === 'done') this.#end(state);
    }
  }

  #end(reason: string): void {
    for (const handle of [...this.#handles]) handle.sessionEnded(`session ${reason}`);
    this.#handles.clear();
    if (this.#started) {
      this.#started = false;
      this.#host.sessionEnded(this);
    }
  }
}

/** What a session gives its handles: one object per session, shared by its handles. */
class SessionHandleHost implements HandleHost {
  readonly logErrorInListener: (error: unknown, event: string) => void;
  readonly #session: JanusSession;
  readonly #wire: Wire;

  constructor(session: JanusSession, host: SessionHost) {
    this.#session = session;
    this.#wire = host.wire;
    this.logErrorInListener = host.logErrorInListener;
  }

  get sessionId(): number {
    return this.#session.id;
  }

  request(body: JanusRequestBody, options: RequestOptions): Promise<JanusMessage> {
    return this.#wire.request(body, options);
  }

  handleEnded(handle: PluginHandle): void {
    this.#session.handleEnded(handle);
  }
}

function genericDescriptor(plugin: string): PluginDescriptor {
  return { plugin, create: (host, cell) => new PluginHandle(host, cell, plugin) };
}
