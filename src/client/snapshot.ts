/**
 * `janus.snapshot()` and what `connect(url, { restore })` reads back: the sessions and handles of a
 * client as plain JSON (server URL, ids, plugins, and each lifecycle machine's persisted state), so that
 * another process can claim them. Secrets are never part of it.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { JanusError } from '../errors.js';
import type { TransportKind } from '../transport/transport.js';

/** The `format` tag of every snapshot. */
export const JANUS_SNAPSHOT_FORMAT = 'janus-xstate.snapshot';
/** The version of the snapshot layout this client writes and reads. */
export const JANUS_SNAPSHOT_VERSION = 1;

/**
 * A lifecycle machine's persisted state as XState restores it with `createActor(machine, { snapshot })`:
 * its state value and context. Children (a handle's JSEP negotiation) are not kept: a PeerConnection does
 * not outlive its process.
 */
export interface PersistedMachineState {
  /** Always `active`: only live sessions and handles are written. */
  status: 'active';
  /** The machine's state value, e.g. `{ active: 'keptAlive' }` or `{ attached: 'inactive' }`. */
  value: string | Record<string, unknown>;
  /** The machine's context (serialisable by design); the `error` field is not kept. */
  context: Record<string, unknown>;
  /** XState's history value (empty for these machines). */
  historyValue: Record<string, unknown>;
}

/** One plugin handle in a {@link JanusSnapshot}. */
export interface HandleSnapshot {
  /** The server's handle id. */
  id: number;
  /** The plugin package, e.g. `janus.plugin.videoroom`. */
  plugin: string;
  /** The opaque id given to `attach`, if any. */
  opaqueId?: string;
  /** The handle machine's persisted state. */
  machine: PersistedMachineState;
}

/** One session in a {@link JanusSnapshot}. */
export interface SessionSnapshot {
  /** The server's session id. */
  id: number;
  /** The session machine's persisted state. */
  machine: PersistedMachineState;
  /** The session's attached handles. */
  handles: HandleSnapshot[];
}

/**
 * What `janus.snapshot()` returns: plain JSON (`JSON.stringify` it to a file), versioned. It holds no
 * secret (`apiSecret`, `token`, TLS keys): give them to `connect()` again when restoring.
 */
export interface JanusSnapshot {
  /** Always {@link JANUS_SNAPSHOT_FORMAT}. */
  format: typeof JANUS_SNAPSHOT_FORMAT;
  /** The layout version, {@link JANUS_SNAPSHOT_VERSION}. */
  version: typeof JANUS_SNAPSHOT_VERSION;
  /** The server URL the client was using (without any user name or password in it). */
  url: string;
  /** The transport kind that URL maps to (`ws`, `http`, `unix`, or a registered one). */
  transport: TransportKind;
  /** When it was taken, ISO 8601. */
  takenAt: string;
  /** The server's `reclaim-session-timeout` in seconds, as its `info` reported it (a restore must claim within it). */
  reclaimSessionTimeoutS?: number;
  /** The live sessions, with their handles. */
  sessions: SessionSnapshot[];
}

/** A session or handle, as the snapshot reads it. */
export interface SnapshotSource {
  /** The server id. */
  readonly id: number;
  /** Its lifecycle state's name. */
  readonly state: string;
  /** The hosted machine's persisted state. */
  readonly cell: { persisted(): { value: unknown; context: unknown; historyValue?: unknown } };
}

/** A session as the snapshot reads it. */
export interface SnapshotSessionSource extends SnapshotSource {
  /** Its handles. */
  readonly handles: readonly (SnapshotSource & { readonly plugin: string })[];
}

/** Builds a {@link JanusSnapshot} of `sessions` (live ones only: `active` or `reclaiming`; attached handles). */
export function takeSnapshot(params: {
  url: string;
  transport: TransportKind;
  reclaimSessionTimeoutS: number | undefined;
  sessions: readonly SnapshotSessionSource[];
}): JanusSnapshot {
  const sessions: SessionSnapshot[] = [];
  for (const session of params.sessions) {
    if ((session.state !== 'active' && session.state !== 'reclaiming') || session.id === 0) continue;
    const machine = persistedState(session.cell.persisted());
    // A claim in flight is not a resting state: the restored session is active and claims again.
    if (session.state === 'reclaiming') {
      machine.value = { active: Number(machine.context.keepaliveMs) > 0 ? 'keptAlive' : 'keepaliveOff' };
    }
    const handles: HandleSnapshot[] = [];
    for (const handle of session.handles) {
      if (handle.state !== 'attached' || handle.id === 0) continue;
      const handleMachine = persistedState(handle.cell.persisted());
      const entry: HandleSnapshot = { id: handle.id, plugin: handle.plugin, machine: handleMachine };
      const opaqueId = handleMachine.context.opaqueId;
      if (typeof opaqueId === 'string') entry.opaqueId = opaqueId;
      handles.push(entry);
    }
    sessions.push({ id: session.id, machine, handles });
  }
  const snapshot: JanusSnapshot = {
    format: JANUS_SNAPSHOT_FORMAT,
    version: JANUS_SNAPSHOT_VERSION,
    url: withoutCredentials(params.url),
    transport: params.transport,
    takenAt: new Date().toISOString(),
    sessions,
  };
  if (params.reclaimSessionTimeoutS !== undefined) {
    snapshot.reclaimSessionTimeoutS = params.reclaimSessionTimeoutS;
  }
  return snapshot;
}

/** The machines a snapshot is checked against. */
export interface SnapshotMachines {
  /** The session machine. */
  session: AnyStateMachine;
  /** The handle machine. */
  handle: AnyStateMachine;
}

/**
 * Checks that `value` is a snapshot this client can restore (format, version, ids, plugins, and states
 * that exist in the machines: sessions `active`, handles `attached`) and returns it. Anything else
 * throws `INVALID_ARGUMENT` naming what is wrong; nothing is sent to the server.
 */
export function checkSnapshot(value: unknown, machines: SnapshotMachines): JanusSnapshot {
  const bad = (what: string): never => {
    throw new JanusError('INVALID_ARGUMENT', `restore: not a janus-xstate snapshot: ${what}`);
  };
  if (!isRecord(value)) return bad('expected an object');
  if (value.format !== JANUS_SNAPSHOT_FORMAT) return bad(`format is not '${JANUS_SNAPSHOT_FORMAT}'`);
  if (value.version !== JANUS_SNAPSHOT_VERSION) {
    return bad(`version ${String(value.version)} is not ${JANUS_SNAPSHOT_VERSION}`);
  }
  if (typeof value.url !== 'string') return bad('url is not a string');
  if (!Array.isArray(value.sessions)) return bad('sessions is not an array');
  for (const [index, session] of value.sessions.entries()) {
    const where = `sessions[${index}]`;
    if (!isRecord(session) || !isServerId(session.id)) return bad(`${where}.id is not a server id`);
    checkState(session.machine, machines.session, 'active', `${where}.machine`, bad);
    if ((session.machine as PersistedMachineState).context.sessionId !== session.id) {
      bad(`${where}.machine.context.sessionId is not the session's id`);
    }
    if (!Array.isArray(session.handles)) return bad(`${where}.handles is not an array`);
    for (const [h, handle] of session.handles.entries()) {
      const at = `${where}.handles[${h}]`;
      if (!isRecord(handle) || !isServerId(handle.id)) return bad(`${at}.id is not a server id`);
      if (typeof handle.plugin !== 'string' || handle.plugin === '') return bad(`${at}.plugin is not a name`);
      checkState(handle.machine, machines.handle, 'attached', `${at}.machine`, bad);
      const context = (handle.machine as PersistedMachineState).context;
      if (context.handleId !== handle.id || context.sessionId !== session.id) {
        bad(`${at}.machine.context does not name handle ${handle.id} of session ${session.id}`);
      }
    }
  }
  return value as unknown as JanusSnapshot;
}

/** The persisted state XState restores a hosted machine from (`createActor(machine, { snapshot })`). */
export function restorableState(machine: PersistedMachineState, context: Record<string, unknown>): object {
  return {
    status: 'active',
    value: machine.value,
    context,
    historyValue: machine.historyValue ?? {},
    children: {},
    output: undefined,
    error: undefined,
  };
}

/** The URL without user name and password (`wss://user:pass@host` → `wss://host`): no secret in a snapshot. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function persistedState(persisted: { value: unknown; context: unknown; historyValue?: unknown }) {
  const { error: _dropped, ...context } = persisted.context as Record<string, unknown>;
  // A deep, plain-JSON copy: nothing of the live machine is shared with (or mutated through) the snapshot.
  return JSON.parse(
    JSON.stringify({
      status: 'active',
      value: persisted.value,
      context,
      historyValue: persisted.historyValue ?? {},
    }),
  ) as PersistedMachineState;
}

function checkState(
  value: unknown,
  machine: AnyStateMachine,
  expected: string,
  where: string,
  bad: (what: string) => never,
): void {
  if (!isRecord(value) || !isRecord(value.context)) {
    bad(`${where} has no context`);
    return;
  }
  if (typeof value.value !== 'string' && !isRecord(value.value)) bad(`${where}.value is not a state`);
  let matches = false;
  try {
    const resolved = machine.resolveState({
      value: value.value as never,
      context: value.context as never,
    });
    matches = resolved.matches(expected as never);
  } catch (error) {
    bad(`${where}.value is not a state of the ${machine.id} machine (${(error as Error).message})`);
  }
  if (!matches) bad(`${where}.value is not in '${expected}'`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isServerId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
