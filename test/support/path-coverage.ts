/**
 * Model-based path tests with transition coverage for XState v5 machines.
 *
 * 1. {@link listMachineTransitions} enumerates every transition candidate statically.
 * 2. {@link generateMachinePaths} explores the machine with `@xstate/graph` (pure transitions, nothing
 *    runs) over the events the caller supplies, and picks paths that together take every transition
 *    the model can reach.
 * 3. {@link replayMachinePath} replays a path on a real actor (stubbed actors and actions, a
 *    `SimulatedClock`), checks the actor's state after every step against the model, and records the
 *    transitions that actually fired (from `@xstate.microstep` inspection events).
 * 4. {@link checkPathCoverage} / {@link describeMachinePaths} tie it together: `uncovered` lists every
 *    declared transition no replay took.
 *
 * Invoked actors: every actor implementation of the machine is replaced by a *controlled* promise
 * actor that never settles on its own, unless the caller provides that actor. A path step
 * `xstate.done.actor.<id>` resolves the controlled actor with the event's `output`, and
 * `xstate.error.actor.<id>` rejects it with the event's `error`, so completion travels through the
 * real invoke machinery. For caller-provided actors the event is sent to the machine directly.
 * Inline `invoke: { src: fromPromise(...) }` logic cannot be replaced (XState resolves it from the
 * state config, not from `provide`), so it runs for real: declare I/O actors in `setup({ actors })`.
 *
 * Delays: a step `xstate.after.<delay>.<stateId>` advances the simulated clock to the moment the
 * pending timer is due, so it fires for real. If that event carries extra properties (to drive a
 * guard that reads the event), the pending timer is cancelled and that exact event is sent instead.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import {
  type AnyActorRef,
  type AnyEventObject,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  SimulatedClock,
} from 'xstate';
import { formatEventType, transitionKey } from '../../scripts/lib/machine-introspection.js';
import {
  AFTER,
  DONE_ACTOR,
  ERROR_ACTOR,
  formatPathEvent,
  generateMachinePaths,
  hasPayload,
  listMachineTransitions,
  type MachinePath,
  type PathCoverageOptions,
  provideStubs,
  type Serialize,
  serializeMachineSnapshot,
} from './path-generation.js';

export * from './path-generation.js';

/** Result of replaying one path. */
export interface ReplayResult {
  /** Keys of the transitions the real actor took, in order (duplicates kept). */
  readonly fired: readonly string[];
}

/** Result of {@link checkPathCoverage}. */
export interface PathCoverageResult<TMachine extends AnyStateMachine> {
  /** Every declared transition key, in document order. */
  readonly transitions: readonly string[];
  /** Keys some replay took, in document order. */
  readonly covered: readonly string[];
  /** Keys no replay took, in document order. */
  readonly uncovered: readonly string[];
  /** The generated paths. */
  readonly paths: readonly MachinePath<TMachine>[];
  /** Paths whose replay diverged from the model or failed. */
  readonly failures: ReadonlyArray<{ readonly path: string; readonly error: Error }>;
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Replays a path on a real actor and checks, after every step, that the actor's snapshot equals the
 * model's (per `serializeState`). Actors are stubbed as described in the module documentation;
 * timers run on a `SimulatedClock`.
 *
 * @param machine - the machine (as passed to {@link generateMachinePaths})
 * @param path - a path from {@link generateMachinePaths}
 * @param options - the same options the path was generated with
 * @param onFired - called with each transition key as it fires (also before a failure)
 * @returns the transitions that fired
 * @throws when the actor diverges from the model, errors, or a step cannot be delivered
 */
export async function replayMachinePath<TMachine extends AnyStateMachine>(
  machine: TMachine,
  path: MachinePath<TMachine>,
  options: PathCoverageOptions<TMachine>,
  onFired?: (key: string) => void,
): Promise<ReplayResult> {
  const serialize = (options.serializeState as Serialize | undefined) ?? serializeMachineSnapshot;
  const controller = new Map<
    AnyActorRef,
    { resolve: (value: unknown) => void; reject: (error: unknown) => void }
  >();
  const provided = provideStubs(
    machine,
    options.provide as Record<string, unknown> | undefined,
    options.stubActions ?? true,
    controller,
  );
  const clock = new SimulatedClock();
  const fired: string[] = [];
  let firedInStep: string[] = [];
  let actorError: { error: unknown } | undefined;
  const actor = createActor(provided, {
    input: path.input,
    clock,
    inspect: (inspectionEvent) => {
      if (inspectionEvent.type !== '@xstate.microstep') return;
      if (inspectionEvent.actorRef.sessionId !== inspectionEvent.rootId) return;
      for (const transition of inspectionEvent._transitions) {
        const key = transitionKey(transition);
        fired.push(key);
        firedInStep.push(key);
        onFired?.(key);
      }
    },
  });
  actor.subscribe({ error: (error) => (actorError = { error }) });
  const timerStarts = new WeakMap<object, number>();
  const trackTimers = (): void => {
    for (const scheduled of Object.values(actor.system.getSnapshot()._scheduledEvents)) {
      if (!timerStarts.has(scheduled)) timerStarts.set(scheduled, clock.now());
    }
  };
  const fail = (index: number, message: string): never => {
    const step =
      index === 0 ? 'initial state' : `step ${index} (${formatPathEvent(path.steps[index]!.event)})`;
    const taken = `\n  transitions taken in this step: ${firedInStep.length > 0 ? firedInStep.join('; ') : 'none'}`;
    const extra = actorError ? `\n  actor error: ${describeError(actorError.error)}` : '';
    throw new Error(`path "${path.description}" failed at ${step}: ${message}${taken}${extra}`);
  };
  const compare = (index: number): void => {
    const expected = serialize(path.steps[index]!.state as AnyMachineSnapshot);
    const actual = serialize(actor.getSnapshot() as AnyMachineSnapshot);
    if (expected !== actual)
      fail(index, `state differs from the model\n  expected ${expected}\n  actual   ${actual}`);
  };
  const deliver = (index: number, event: AnyEventObject): void => {
    const isDone = event.type.startsWith(DONE_ACTOR);
    if (isDone || event.type.startsWith(ERROR_ACTOR)) {
      const id = event.type.slice((isDone ? DONE_ACTOR : ERROR_ACTOR).length);
      const child = (actor.getSnapshot() as AnyMachineSnapshot).children[id];
      const pending = child ? controller.get(child) : undefined;
      if (!child || !pending) {
        // A caller-provided actor: deliver the completion to the machine directly.
        actor.send(event);
        return;
      }
      controller.delete(child);
      if (isDone) pending.resolve(event.output);
      else pending.reject(event.error);
      return;
    }
    if (event.type.startsWith(AFTER)) {
      const scheduled = Object.values(actor.system.getSnapshot()._scheduledEvents).find(
        (candidate) => candidate.event.type === event.type && candidate.target === actor,
      );
      if (!scheduled) {
        fail(index, `no "${formatEventType(event.type)}" timer is pending`);
        return;
      }
      const due = (timerStarts.get(scheduled) ?? clock.now()) + scheduled.delay;
      if (hasPayload(event)) {
        actor.system.scheduler.cancel(actor, scheduled.id);
        clock.set(Math.max(due, clock.now()));
        actor.send(event);
      } else {
        clock.set(Math.max(due, clock.now()));
      }
      return;
    }
    actor.send(event);
  };

  try {
    actor.start();
    await settle();
    trackTimers();
    compare(0);
    for (let index = 1; index < path.steps.length; index++) {
      firedInStep = [];
      deliver(index, path.steps[index]!.event as AnyEventObject);
      await settle();
      trackTimers();
      compare(index);
    }
  } finally {
    actor.stop();
  }
  return { fired };
}

/**
 * Generates paths, replays them all, and reports transition coverage.
 *
 * @param machine - the machine
 * @param options - events, stubs, inputs and strategy
 * @returns covered and uncovered transition keys, the paths, and replay failures
 */
export async function checkPathCoverage<TMachine extends AnyStateMachine>(
  machine: TMachine,
  options: PathCoverageOptions<TMachine>,
): Promise<PathCoverageResult<TMachine>> {
  const transitions = listMachineTransitions(machine);
  const paths = generateMachinePaths(machine, options);
  const fired = new Set<string>();
  const failures: Array<{ path: string; error: Error }> = [];
  for (const path of paths) {
    try {
      await replayMachinePath(machine, path, options, (key) => fired.add(key));
    } catch (error) {
      failures.push({
        path: path.description,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  }
  return {
    transitions,
    covered: transitions.filter((key) => fired.has(key)),
    uncovered: transitions.filter((key) => !fired.has(key)),
    paths,
    failures,
  };
}

/**
 * Formats the failure message of the coverage test.
 *
 * @param name - machine name
 * @param uncovered - keys of transitions no path took
 * @returns the message
 */
export function formatUncovered(name: string, uncovered: readonly string[]): string {
  return (
    `${uncovered.length} transition(s) of the ${name} machine were never taken; supply events ` +
    `(with the payloads guards need) that reach them:\n${uncovered.map((key) => `  ${key}`).join('\n')}`
  );
}

/**
 * Declares a vitest suite `<name> machine paths` with one test per generated path (replayed on a real
 * actor) and a final test `covers every transition` that fails listing the transitions no path took.
 * Call it at the top level of a test file (or inside a `describe`).
 *
 * @param name - machine name, used in test names
 * @param machine - the machine
 * @param options - events, stubs, inputs and strategy
 */
export function describeMachinePaths<TMachine extends AnyStateMachine>(
  name: string,
  machine: TMachine,
  options: PathCoverageOptions<TMachine>,
): void {
  describe(`${name} machine paths`, () => {
    const paths = generateMachinePaths(machine, options);
    const fired = new Set<string>();
    const replayed = new Set<MachinePath<TMachine>>();
    for (const path of paths) {
      it(path.description, async () => {
        replayed.add(path);
        await replayMachinePath(machine, path, options, (key) => fired.add(key));
      });
    }
    it('covers every transition', async () => {
      // Paths filtered out of this run (e.g. `-t`) are replayed here only to collect coverage.
      for (const path of paths) {
        if (replayed.has(path)) continue;
        await replayMachinePath(machine, path, options, (key) => fired.add(key)).catch(() => undefined);
      }
      const uncovered = listMachineTransitions(machine).filter((key) => !fired.has(key));
      expect(uncovered, formatUncovered(name, uncovered)).toEqual([]);
    });
  });
}
