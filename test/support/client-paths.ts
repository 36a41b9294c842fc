/**
 * Client-driven model-based path tests. The machine is the MODEL; the production client is the system
 * under test. Paths are generated from the model with `@xstate/graph` (via {@link generateMachinePaths});
 * every step of every path is then played on the real client (`connect` → `JanusClient`, `JanusSession`,
 * `PluginHandle`) against a scripted fake Janus, and a driver checks, from outside the client, what must
 * be true after that step: which request went to the wire, which promise settled and how, which public
 * event fired, whether keepalive runs.
 *
 * A driver's `stimulate` may depend on the event and on the state the model is in BEFORE the step, never
 * on the model's target: what the client does in answer is the behaviour under test. Its `observe` holds
 * the expectations of each model state, written down independently of the machine, so a machine whose
 * transition goes to the wrong state fails here even though client and model agree on the state's name.
 *
 * Coverage: a transition counts as covered when a path predicted to take it passed on the client. A
 * suite may declare transitions it does not drive (with the reason: not causable from outside the client,
 * or driven by another suite); every other transition must be covered.
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, InputFrom, SnapshotFrom } from 'xstate';
import {
  formatPathEvent,
  generateMachinePaths,
  listMachineTransitions,
  type MachinePath,
  type PathCoverageOptions,
  type PathEvent,
} from './path-coverage.js';

/** One step as the driver sees it. */
export interface ClientStep<TMachine extends AnyStateMachine> {
  /** Index in the path; 0 is the initial state. */
  readonly index: number;
  /** The event the model takes (`xstate.init` for step 0). */
  readonly event: PathEvent<TMachine> | { type: 'xstate.init' };
  /** The model's snapshot before the step (undefined for step 0). */
  readonly before: SnapshotFrom<TMachine> | undefined;
  /** The model's snapshot after the step: the state whose expectations `observe` checks. */
  readonly after: SnapshotFrom<TMachine>;
}

/** Checked facts of one step, for the test output and the report. */
export class Facts {
  readonly #checked: string[] = [];

  /** Everything checked so far. */
  get checked(): readonly string[] {
    return this.#checked;
  }

  /** Asserts that `actual` deep-equals `expected`; `what` names the fact. */
  equal(what: string, actual: unknown, expected: unknown): void {
    this.#checked.push(what);
    expect(actual, what).toEqual(expected);
  }

  /** Asserts that `condition` holds; `what` names the fact. */
  hold(what: string, condition: boolean): void {
    this.#checked.push(what);
    expect(condition, what).toBe(true);
  }
}

/** Plays model steps on the system under test and checks them from outside. */
export interface ClientPathDriver<TMachine extends AnyStateMachine, TWorld> {
  /** Builds the system under test for a path whose model starts with `input` (and checks step 0). */
  start(input: InputFrom<TMachine> | undefined): Promise<TWorld>;
  /**
   * Does to the client (or makes the fake server do) what the model event stands for, and waits for the
   * event's own evidence. May read `step.event` and `step.before`, never `step.after`.
   */
  stimulate(world: TWorld, step: ClientStep<TMachine>): Promise<void>;
  /** Checks what must be true after the step, recording each fact in `facts`; throws when one is false. */
  observe(world: TWorld, step: ClientStep<TMachine>, facts: Facts): Promise<void>;
  /** Releases everything `start` made. */
  stop(world: TWorld): Promise<void>;
}

/** A client-driven path suite of one machine. */
export interface ClientPathSuite<TMachine extends AnyStateMachine, TWorld = unknown> {
  /** The machine's name in `machines/index.ts`. */
  readonly name: string;
  /** The model. */
  readonly machine: TMachine;
  /** How paths are generated from the model (events, inputs, serializeState). */
  readonly paths: PathCoverageOptions<TMachine>;
  /** Plays the paths on the client. */
  readonly driver: ClientPathDriver<TMachine, TWorld>;
  /**
   * Transitions this suite does not drive on the client (key → why: not causable from outside, or
   * driven by another suite). Every other transition must be covered by a client-driven path.
   */
  readonly notDriven?: Readonly<Record<string, string>>;
}

/** What one path run found. */
export interface ClientPathRun {
  /** Steps played (including the initial state). */
  readonly steps: number;
  /** Facts checked, per step. */
  readonly facts: readonly (readonly string[])[];
}

/** What a whole suite run found. */
export interface ClientSuiteResult {
  /** Paths generated. */
  readonly paths: number;
  /** Steps played over all paths. */
  readonly steps: number;
  /** Facts checked over all paths. */
  readonly facts: number;
  /** Distinct fact names checked, in first-seen order. */
  readonly factNames: readonly string[];
  /** Transitions covered by a passing path. */
  readonly covered: readonly string[];
  /** Transitions neither covered nor declared not driven. */
  readonly uncovered: readonly string[];
  /** Paths that failed, with the error. */
  readonly failures: ReadonlyArray<{ readonly path: string; readonly error: Error }>;
}

/** Plays one path on the client; throws (naming the step) when a fact fails. */
export async function runClientPath<TMachine extends AnyStateMachine, TWorld>(
  suite: ClientPathSuite<TMachine, TWorld>,
  path: MachinePath<TMachine>,
): Promise<ClientPathRun> {
  const { driver } = suite;
  const world = await driver.start(path.input);
  const perStep: string[][] = [];
  try {
    for (let index = 0; index < path.steps.length; index += 1) {
      const current = path.steps[index];
      if (!current) break;
      const step: ClientStep<TMachine> = {
        index,
        event: current.event,
        before: index === 0 ? undefined : (path.steps[index - 1]?.state as SnapshotFrom<TMachine>),
        after: current.state as SnapshotFrom<TMachine>,
      };
      const facts = new Facts();
      try {
        if (index > 0) await driver.stimulate(world, step);
        await driver.observe(world, step, facts);
      } catch (error) {
        const where = index === 0 ? 'initial state' : `step ${index} (${formatPathEvent(current.event)})`;
        const state = JSON.stringify((current.state as { value: unknown }).value);
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`path "${path.description}" failed at ${where}, model state ${state}:\n${message}`, {
          cause: error,
        });
      }
      perStep.push([...facts.checked]);
    }
  } finally {
    await driver.stop(world);
  }
  return { steps: path.steps.length, facts: perStep };
}

/** Generates the paths of a suite and plays them all on the client. */
export async function checkClientPaths<TMachine extends AnyStateMachine, TWorld>(
  suite: ClientPathSuite<TMachine, TWorld>,
  options: { readonly stopAtFirstFailure?: boolean } = {},
): Promise<ClientSuiteResult> {
  const paths = generateMachinePaths(suite.machine, suite.paths);
  const covered = new Set<string>();
  const failures: Array<{ path: string; error: Error }> = [];
  const factNames: string[] = [];
  let steps = 0;
  let facts = 0;
  for (const path of paths) {
    try {
      const run = await runClientPath(suite, path);
      steps += run.steps;
      for (const stepFacts of run.facts) {
        facts += stepFacts.length;
        for (const name of stepFacts) if (!factNames.includes(name)) factNames.push(name);
      }
      for (const key of path.expectedTransitions) covered.add(key);
    } catch (error) {
      failures.push({
        path: path.description,
        error: error instanceof Error ? error : new Error(String(error)),
      });
      if (options.stopAtFirstFailure) break;
    }
  }
  const all = listMachineTransitions(suite.machine);
  return {
    paths: paths.length,
    steps,
    facts,
    factNames,
    covered: all.filter((key) => covered.has(key)),
    uncovered: all.filter((key) => !covered.has(key) && !(key in (suite.notDriven ?? {}))),
    failures,
  };
}

/**
 * Declares `<name> machine, played on the client`: one test per generated path, then a test that every
 * transition not declared unreachable was covered by a passing path, and that every declared one exists.
 */
export function describeClientPaths<TMachine extends AnyStateMachine, TWorld>(
  suite: ClientPathSuite<TMachine, TWorld>,
): void {
  describe(`${suite.name} machine, played on the client`, () => {
    const paths = generateMachinePaths(suite.machine, suite.paths);
    const passed = new Set<MachinePath<TMachine>>();
    for (const path of paths) {
      it(path.description, async () => {
        await runClientPath(suite, path);
        passed.add(path);
      });
    }
    const all = listMachineTransitions(suite.machine);
    const predicted = new Set(paths.flatMap((path) => path.expectedTransitions));
    const steps = paths.reduce((sum, path) => sum + path.steps.length, 0);
    const notDrivenCount = Object.keys(suite.notDriven ?? {}).length;
    const figures = `${paths.length} paths, ${steps} steps, ${all.filter((key) => predicted.has(key)).length} of ${all.length} transitions, ${notDrivenCount} not driven`;
    it(`covers every transition the client can be made to take (${figures})`, async () => {
      for (const path of paths) {
        if (passed.has(path)) continue;
        await runClientPath(suite, path);
        passed.add(path);
      }
      const covered = new Set([...passed].flatMap((path) => path.expectedTransitions));
      const notDriven = suite.notDriven ?? {};
      const uncovered = all.filter((key) => !covered.has(key) && !(key in notDriven));
      expect(uncovered, `transitions of the ${suite.name} machine no client path took`).toEqual([]);
      const stale = Object.keys(notDriven).filter((key) => !all.includes(key) || covered.has(key));
      expect(stale, 'declared not driven, but covered or no longer in the machine').toEqual([]);
    });
  });
}

/** Waits until `condition()` is true (checked every 5 ms), or throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets queued callbacks and promise reactions run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise whose outcome can be read synchronously. */
export interface Tracked<T> {
  /** `pending`, `resolved` or `rejected`. */
  readonly status: 'pending' | 'resolved' | 'rejected';
  /** The value once resolved. */
  readonly value: T | undefined;
  /** The reason once rejected. */
  readonly error: unknown;
  /** The promise (never rejects). */
  readonly settled: Promise<void>;
}

/** Tracks `promise`'s outcome. */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const state: { status: Tracked<T>['status']; value: T | undefined; error: unknown } = {
    status: 'pending',
    value: undefined,
    error: undefined,
  };
  const settled = promise.then(
    (value) => {
      state.status = 'resolved';
      state.value = value;
    },
    (error: unknown) => {
      state.status = 'rejected';
      state.error = error;
    },
  );
  return {
    get status() {
      return state.status;
    },
    get value() {
      return state.value;
    },
    get error() {
      return state.error;
    },
    settled,
  };
}

/** The `code` of a JanusError (or undefined). */
export function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null | undefined)?.code;
}

/** Records the public events of an emitter, by name, with their arguments. */
export class EventLog {
  readonly entries: Array<{ readonly name: string; readonly args: readonly unknown[] }> = [];

  /** Listens to `names` on `emitter` (a client, session or handle). */
  listen<TEmitter extends { on(event: never, listener: never): unknown }>(
    emitter: TEmitter,
    names: readonly Parameters<TEmitter['on']>[0][],
  ): this {
    const on = emitter.on as (event: string, listener: (...args: unknown[]) => void) => unknown;
    for (const name of names) {
      on.call(emitter, name, (...args: unknown[]) => {
        this.entries.push({ name, args });
      });
    }
    return this;
  }

  /** Entries named `name` from position `from`. */
  since(from: number, name?: string): Array<{ readonly name: string; readonly args: readonly unknown[] }> {
    return this.entries.slice(from).filter((entry) => name === undefined || entry.name === name);
  }

  /** Entries so far. */
  get size(): number {
    return this.entries.length;
  }
}
