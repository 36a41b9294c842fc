/**
 * Makes sure no private Janus outlives this process: on exit (and on SIGINT/SIGTERM/SIGHUP when nobody
 * else handles them) every registered child is SIGKILLed and its config folder removed.
 *
 * @module
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/** A live child and the folder to remove with it. */
interface Reapable {
  child: ChildProcess;
  folder: string | undefined;
}

const live = new Set<Reapable>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let exitHookInstalled = false;
let signalHooksInstalled = false;

/** Registers a child; returns the function that unregisters it (call it once the child has exited). */
export function reapOnExit(child: ChildProcess, folder?: string): () => void {
  const entry: Reapable = { child, folder };
  live.add(entry);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', reapAll);
  }
  installSignalHooks();
  return () => {
    live.delete(entry);
    if (live.size === 0) removeSignalHooks();
  };
}

function reapAll(): void {
  for (const { child, folder } of live) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  reapAll();
  removeSignalHooks();
  // Keep the default behaviour (terminate) unless the application handles the signal itself.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installSignalHooks(): void {
  if (signalHooksInstalled) return;
  signalHooksInstalled = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function removeSignalHooks(): void {
  if (!signalHooksInstalled) return;
  signalHooksInstalled = false;
  for (const signal of SIGNALS) process.off(signal, onSignal);
}
