/**
 * Rebuilds the sessions and handles of a `JanusSnapshot` in a new client: each lifecycle machine restored
 * from its persisted state (`createActor(machine, { snapshot })`), each handle built with its typed
 * plugin when one is known. The client claims the sessions once its connection opens.
 * @module
 */
import type { HandleMachineInput } from '../../machines/handle.machine.js';
import type { SessionMachineInput } from '../../machines/session.machine.js';
import type { JanusSession, PluginDescriptor } from '../janus-session.js';
import { PluginHandle } from '../plugin-handle.js';
import type { BoundMachines } from '../provide-machines.js';
import { checkSnapshot, restorableState } from './snapshot.js';

/** What a cell is restored from: the machine's input (unused by a restored actor) and its persisted state. */
export interface RestoredCellOptions<TInput> {
  /** The input the machine type asks for; a restored actor ignores it. */
  input: TInput;
  /** The persisted state to restore. */
  snapshot: object;
}

/** What the client gives {@link rebuildSessions}. */
export interface RebuildHost {
  /** The client's bound machines, to check the snapshot's states against. */
  machines: BoundMachines;
  /** The typed plugins to build handles with, matched by package. */
  plugins: readonly PluginDescriptor[];
  /** This client's `recreate` option: it decides what a refused claim does, not the snapshot's. */
  recreate: boolean;
  /** Hosts a restored session machine and its `JanusSession` (added to the live sessions). */
  hostSession(options: RestoredCellOptions<SessionMachineInput>): JanusSession;
  /** Hosts a restored handle machine of `session`. */
  hostHandle(
    session: JanusSession,
    options: RestoredCellOptions<HandleMachineInput>,
  ): Parameters<JanusSession['restoreHandle']>[0];
}

/**
 * Checks `snapshot` (throws `INVALID_ARGUMENT` when it is not one this client can restore) and rebuilds
 * its sessions and handles; returns the sessions, still to be claimed.
 */
export function rebuildSessions(snapshot: unknown, host: RebuildHost): JanusSession[] {
  const checked = checkSnapshot(snapshot, host.machines);
  const byPlugin = new Map(host.plugins.map((descriptor) => [descriptor.plugin, descriptor]));
  return checked.sessions.map((entry) => {
    const context: Record<string, unknown> = { ...entry.machine.context, recreate: host.recreate };
    const session = host.hostSession({
      input: { keepaliveMs: Number(context.keepaliveMs) || 0, recreate: host.recreate },
      snapshot: restorableState(entry.machine, context),
    });
    for (const handle of entry.handles) {
      const cell = host.hostHandle(session, {
        input: { sessionId: entry.id, plugin: handle.plugin, opaqueId: handle.opaqueId },
        snapshot: restorableState(handle.machine, handle.machine.context),
      });
      session.restoreHandle(cell, byPlugin.get(handle.plugin) ?? genericPlugin(handle.plugin));
    }
    return session;
  });
}

function genericPlugin(plugin: string): PluginDescriptor {
  return { plugin, create: (host, cell) => new PluginHandle(host, cell, plugin) };
}
