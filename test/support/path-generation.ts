/**
 * Path generation for the model-based path tests: the events a path may contain, the options, and
 * {@link generateMachinePaths}, which explores a machine with `@xstate/graph` (pure transitions, nothing
 * runs) and picks paths that together take every transition the model can reach. Replaying the paths
 * lives in `path-coverage.ts` (on a stubbed actor) and `client-paths.ts` (on the real client).
 *
 * @module
 */
import { getAdjacencyMap, getShortestPaths, getSimplePaths, type StatePath } from '@xstate/graph';
import {
  __unsafe_getAllOwnEventDescriptors,
  type ActorLogic,
  type AnyActorRef,
  type AnyActorScope,
  type AnyEventObject,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createEmptyActor,
  type EventFromLogic,
  fromPromise,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';
import { formatEventType, listTransitions, transitionKey } from '../../scripts/lib/machine-introspection.js';

/** Internal XState events a path may contain besides the machine's own events. */
export type InternalPathEvent =
  | { type: `xstate.done.actor.${string}`; output?: unknown }
  | { type: `xstate.error.actor.${string}`; error: unknown }
  | { type: `xstate.after.${string}`; [payload: string]: unknown };

/** An event a path may feed to `TMachine`: one of its own events or an internal one. */
export type PathEvent<TMachine extends AnyStateMachine> = EventFromLogic<TMachine> | InternalPathEvent;

/** The events to explore: a fixed list, or a function of the current snapshot. */
export type PathEvents<TMachine extends AnyStateMachine> =
  | readonly PathEvent<TMachine>[]
  | ((snapshot: SnapshotFrom<TMachine>) => readonly PathEvent<TMachine>[]);

/** Implementations overriding the machine's, as accepted by `machine.provide(...)`. */
export type MachineProvide<TMachine extends AnyStateMachine> = Parameters<TMachine['provide']>[0];

/** How paths are generated. */
export type PathStrategy = 'transitions' | 'shortest' | 'simple';

/** Options of {@link generateMachinePaths}, {@link replayMachinePath} and friends. */
export interface PathCoverageOptions<TMachine extends AnyStateMachine> {
  /**
   * Events to try in every state. Only events the current state handles are fed, and
   * `xstate.done.actor.<id>` / `xstate.error.actor.<id>` only while child `<id>` exists. Supply one
   * event per payload variant a guard or action distinguishes.
   */
  readonly events: PathEvents<TMachine>;
  /** Stubbed implementations (`actors`, `actions`, `guards`, `delays`), used for exploring and replaying. */
  readonly provide?: MachineProvide<TMachine>;
  /** Input of the machine. */
  readonly input?: InputFrom<TMachine>;
  /** Several inputs to explore from (e.g. to reach both branches of a guard on input); overrides `input`. */
  readonly inputs?: readonly InputFrom<TMachine>[];
  /** Also feed `xstate.after.*` (no payload) for every pending delayed transition. Default `true`. */
  readonly afterEvents?: boolean;
  /** Replace custom (non built-in) actions not in `provide.actions` by no-ops when replaying. Default `true`. */
  readonly stubActions?: boolean;
  /**
   * `transitions` (default): shortest path to each state plus one outgoing edge, chosen greedily until
   * every transition the model reaches is taken; `shortest`: one shortest path per state;
   * `simple`: every simple path (can explode).
   */
  readonly strategy?: PathStrategy;
  /**
   * Identity of a snapshot, for exploring and for comparing the replayed actor with the model.
   * Default: JSON of `value`, `context` and `status` (errors as name and message). Abstract the
   * context here when it grows without bound.
   */
  readonly serializeState?: (snapshot: SnapshotFrom<TMachine>) => string;
  /** Maximum number of traversal steps (@xstate/graph `limit`) per input. Default 5000. */
  readonly limit?: number;
}

/** One step of a path: the event, and the snapshot the model says it leads to. */
export interface MachinePathStep<TMachine extends AnyStateMachine> {
  /** The event fed (`xstate.init` for the first step). */
  readonly event: PathEvent<TMachine> | { type: 'xstate.init' };
  /** The model's snapshot after the event. */
  readonly state: SnapshotFrom<TMachine>;
}

/** A generated path. */
export interface MachinePath<TMachine extends AnyStateMachine> {
  /** Readable summary, used as the test name. */
  readonly description: string;
  /** Input the machine starts with. */
  readonly input: InputFrom<TMachine> | undefined;
  /** Steps; the first is the initial state (`xstate.init`). */
  readonly steps: readonly MachinePathStep<TMachine>[];
  /** Transition keys the model predicts this path takes, in order. */
  readonly expectedTransitions: readonly string[];
}

/** Prefix of internal XState events (shared with the replay). */
export const DONE_ACTOR = 'xstate.done.actor.';
/** Prefix of internal XState events (shared with the replay). */
export const ERROR_ACTOR = 'xstate.error.actor.';
/** Prefix of internal XState events (shared with the replay). */
export const AFTER = 'xstate.after.';

/**
 * Builds `xstate.done.actor.<id>`: the invoked actor `<id>` completed with `output`.
 *
 * @param id - invoke id
 * @param output - the actor's output
 * @returns the event
 */
export function doneEvent<TOutput>(
  id: string,
  output?: TOutput,
): { type: `xstate.done.actor.${string}`; output: TOutput | undefined } {
  return { type: `${DONE_ACTOR}${id}`, output };
}

/**
 * Builds `xstate.error.actor.<id>`: the invoked actor `<id>` failed with `error`.
 *
 * @param id - invoke id
 * @param error - the failure
 * @returns the event
 */
export function errorEvent(
  id: string,
  error: unknown,
): { type: `xstate.error.actor.${string}`; error: unknown } {
  return { type: `${ERROR_ACTOR}${id}`, error };
}

/**
 * Builds `xstate.after.<delay>.<stateId>`: the delayed transition of `stateId` with delay `delay` is due.
 *
 * @param delay - delay name (or number of milliseconds) as written in `after`
 * @param stateId - id of the state node declaring it, e.g. `session.active.waiting`
 * @param payload - extra properties; when present the replay sends this exact event instead of waiting
 * @returns the event
 */
export function afterEvent(
  delay: string | number,
  stateId: string,
  payload: Record<string, unknown> = {},
): { type: `xstate.after.${string}`; [payload: string]: unknown } {
  return { ...payload, type: `${AFTER}${delay}.${stateId}` };
}

/**
 * Every transition candidate the machine declares, as keys (`source --event[guard]--> targets`).
 *
 * @param machine - the machine
 * @returns the keys, in document order
 */
export function listMachineTransitions(machine: AnyStateMachine): string[] {
  return listTransitions(machine).map((transition) => transition.key);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { ...value, name: value.name, message: value.message };
  if (typeof value === 'bigint') return `${value}n`;
  return value;
}

/**
 * The default snapshot identity: JSON of `value`, `context` and `status`.
 *
 * @param snapshot - a machine snapshot
 * @returns the serialized snapshot
 */
export function serializeMachineSnapshot(snapshot: AnyMachineSnapshot): string {
  return JSON.stringify(
    { value: snapshot.value, context: snapshot.context, status: snapshot.status },
    jsonReplacer,
  );
}

function serializeEvent(event: AnyEventObject): string {
  return JSON.stringify(event, jsonReplacer);
}

/** Whether an event carries properties besides `type`. */
export function hasPayload(event: AnyEventObject): boolean {
  return Object.keys(event).some((key) => key !== 'type');
}

function formatStateValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const parts = Object.entries(value).map(([key, child]) => {
    const inner = formatStateValue(child);
    return typeof child === 'string' ? `${key}.${inner}` : `${key}.{${inner}}`;
  });
  return parts.join(', ');
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const json = JSON.stringify(value, jsonReplacer) ?? String(value);
  return json.length > 48 ? `${json.slice(0, 45)}...` : json;
}

/** Formats a path event for messages: its type, plus its payload when it has one. */
export function formatPathEvent(event: AnyEventObject): string {
  const label = formatEventType(event.type);
  const { type, ...payload } = event;
  if (type.startsWith(DONE_ACTOR))
    return payload.output === undefined ? label : `${label}(${formatValue(payload.output)})`;
  if (type.startsWith(ERROR_ACTOR)) return `${label}(${formatValue(payload.error)})`;
  return Object.keys(payload).length === 0 ? label : `${label} ${formatValue(payload)}`;
}

function matchesDescriptor(type: string, descriptor: string): boolean {
  if (descriptor === type || descriptor === '*') return true;
  return descriptor.endsWith('.*') && type.startsWith(descriptor.slice(0, -1));
}

/** A snapshot's identity. */
export type Serialize = (snapshot: AnyMachineSnapshot) => string;

interface ResolvedOptions {
  readonly machine: AnyStateMachine;
  readonly events: (snapshot: AnyMachineSnapshot) => readonly AnyEventObject[];
  readonly inputs: readonly unknown[];
  readonly afterEvents: boolean;
  readonly strategy: PathStrategy;
  readonly serialize: Serialize;
  readonly limit: number;
}

/** The machine with stubbed actors (controlled promises unless provided), actions, and the caller's overrides. */
/** The machine with every actor controlled (see the module documentation), for exploring and replaying. */
export function provideStubs(
  machine: AnyStateMachine,
  provide: Record<string, unknown> | undefined,
  stubActions: boolean,
  controller: Map<AnyActorRef, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>,
): AnyStateMachine {
  const implementations = machine.implementations as {
    actors: Record<string, unknown>;
    actions: Record<string, unknown>;
  };
  const provided = (provide ?? {}) as {
    actors?: Record<string, unknown>;
    actions?: Record<string, unknown>;
  };
  const actors: Record<string, unknown> = {};
  for (const src of Object.keys(implementations.actors)) {
    actors[src] = fromPromise<unknown, unknown>(
      ({ self }) => new Promise((resolve, reject) => controller.set(self, { resolve, reject })),
    );
  }
  const actions: Record<string, unknown> = {};
  if (stubActions) {
    for (const [name, action] of Object.entries(implementations.actions)) {
      // Built-in action creators (assign, raise, sendTo, enqueueActions, ...) carry `resolve`: keep them.
      if (typeof action === 'function' && !('resolve' in action)) actions[name] = () => {};
    }
  }
  return machine.provide({
    ...(provide ?? {}),
    actors: { ...actors, ...provided.actors },
    actions: { ...actions, ...provided.actions },
  } as MachineProvide<AnyStateMachine>);
}

function resolveOptions<TMachine extends AnyStateMachine>(
  machine: TMachine,
  options: PathCoverageOptions<TMachine>,
): ResolvedOptions {
  const model = provideStubs(
    machine,
    options.provide as Record<string, unknown> | undefined,
    options.stubActions ?? true,
    new Map(),
  );
  const afterEvents = options.afterEvents ?? true;
  const supplied = options.events as
    | readonly AnyEventObject[]
    | ((snapshot: AnyMachineSnapshot) => readonly AnyEventObject[]);
  const events = (snapshot: AnyMachineSnapshot): readonly AnyEventObject[] => {
    const descriptors = __unsafe_getAllOwnEventDescriptors(snapshot) as string[];
    const list = typeof supplied === 'function' ? supplied(snapshot) : supplied;
    const result = list.filter((event) => {
      if (!descriptors.some((descriptor) => matchesDescriptor(event.type, descriptor))) return false;
      for (const prefix of [DONE_ACTOR, ERROR_ACTOR]) {
        if (event.type.startsWith(prefix))
          return snapshot.children[event.type.slice(prefix.length)] !== undefined;
      }
      return true;
    });
    if (afterEvents) {
      for (const descriptor of descriptors) {
        if (descriptor.startsWith(AFTER) && !result.some((event) => event.type === descriptor)) {
          result.push({ type: descriptor });
        }
      }
    }
    return result;
  };
  return {
    machine: model,
    events,
    inputs: options.inputs ?? [options.input],
    afterEvents,
    strategy: options.strategy ?? 'transitions',
    serialize: (options.serializeState as Serialize | undefined) ?? serializeMachineSnapshot,
    limit: options.limit ?? 5000,
  };
}

/**
 * Wraps the machine as plain actor logic whose every transition runs in a fresh inert actor scope
 * (so invokes with a `systemId` never collide, which they do in @xstate/graph's shared mock scope)
 * and records the transitions each (state, event) pair takes.
 */
function createProbe(machine: AnyStateMachine, serialize: Serialize) {
  const fired = new Map<string, string[]>();
  const scope = (collect: string[]): AnyActorScope => {
    const self = createEmptyActor();
    self.system.inspect((inspectionEvent) => {
      if (inspectionEvent.type === '@xstate.microstep') {
        for (const transition of inspectionEvent._transitions) collect.push(transitionKey(transition));
      }
    });
    return {
      self,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      system: self.system,
      stopChild: () => {},
      actionExecutor: () => {},
    };
  };
  const edgeKey = (snapshot: AnyMachineSnapshot, event: AnyEventObject): string =>
    `${serialize(snapshot)}\n${serializeEvent(event)}`;
  let initialFired: string[] = [];
  const logic: ActorLogic<AnyMachineSnapshot, AnyEventObject, unknown> = {
    transition: (snapshot, event) => {
      const collect: string[] = [];
      const next = machine.transition(snapshot, event, scope(collect)) as AnyMachineSnapshot;
      fired.set(edgeKey(snapshot, event), collect);
      return next;
    },
    getInitialSnapshot: (_scope, input) => {
      const collect: string[] = [];
      const snapshot = machine.getInitialSnapshot(scope(collect), input) as AnyMachineSnapshot;
      initialFired = collect;
      return snapshot;
    },
    getPersistedSnapshot: (snapshot) => machine.getPersistedSnapshot(snapshot),
  };
  return {
    logic,
    initialFired: () => initialFired,
    firedBy: (snapshot: AnyMachineSnapshot, event: AnyEventObject): readonly string[] =>
      fired.get(edgeKey(snapshot, event)) ?? [],
  };
}

type GraphPath = StatePath<AnyMachineSnapshot, AnyEventObject>;

function toMachinePath<TMachine extends AnyStateMachine>(
  graphPath: GraphPath,
  input: unknown,
  inputLabel: string,
  probe: ReturnType<typeof createProbe>,
): MachinePath<TMachine> {
  const steps = graphPath.steps;
  const expected = [...probe.initialFired()];
  for (let i = 1; i < steps.length; i++)
    expected.push(...probe.firedBy(steps[i - 1]!.state, steps[i]!.event));
  const events = steps.slice(1).map((step) => formatPathEvent(step.event));
  const target = formatStateValue(graphPath.state.value);
  const route = events.length === 0 ? 'initial state' : events.join(' → ');
  return {
    description: `${inputLabel}${route} ⇒ ${target}`,
    input: input as InputFrom<TMachine> | undefined,
    steps: steps as unknown as MachinePathStep<TMachine>[],
    expectedTransitions: expected,
  };
}

function eventSequence(path: MachinePath<AnyStateMachine>): string[] {
  return path.steps.slice(1).map((step) => serializeEvent(step.event));
}

/** Drops paths whose event sequence is a prefix of another path's (same input). */
function dropPrefixPaths<TMachine extends AnyStateMachine>(
  paths: MachinePath<TMachine>[],
): MachinePath<TMachine>[] {
  const sequences = paths.map((path) => eventSequence(path as MachinePath<AnyStateMachine>));
  const isPrefix = (short: string[], long: string[]): boolean => short.every((event, k) => event === long[k]);
  return paths.filter((path, i) => {
    const mine = sequences[i]!;
    return !paths.some((other, j) => {
      const theirs = sequences[j]!;
      if (j === i || other.input !== path.input || !isPrefix(mine, theirs)) return false;
      // A strictly longer path subsumes this one; of two equal sequences only the first is kept.
      return theirs.length > mine.length || j < i;
    });
  });
}

/** Greedy set cover: picks candidate paths until every transition any candidate takes is taken. */
function selectCoveringPaths<TMachine extends AnyStateMachine>(
  candidates: MachinePath<TMachine>[],
): MachinePath<TMachine>[] {
  const goal = new Set(candidates.flatMap((candidate) => candidate.expectedTransitions));
  const taken = new Set<string>();
  const selected: MachinePath<TMachine>[] = [];
  while (taken.size < goal.size) {
    let best: MachinePath<TMachine> | undefined;
    let bestGain = 0;
    for (const candidate of candidates) {
      const gain = new Set(candidate.expectedTransitions.filter((key) => !taken.has(key))).size;
      const shorter = best !== undefined && candidate.steps.length < best.steps.length;
      if (gain > bestGain || (gain > 0 && gain === bestGain && shorter)) {
        best = candidate;
        bestGain = gain;
      }
    }
    if (!best) break;
    selected.push(best);
    for (const key of best.expectedTransitions) taken.add(key);
  }
  return selected;
}

/**
 * Generates paths through the machine with `@xstate/graph`, over the supplied events (see
 * {@link PathCoverageOptions}). Explores pure transitions only: no actor is started, no action runs.
 *
 * @param machine - the machine
 * @param options - events, stubs, inputs and strategy
 * @returns the paths, shortest first
 */
export function generateMachinePaths<TMachine extends AnyStateMachine>(
  machine: TMachine,
  options: PathCoverageOptions<TMachine>,
): MachinePath<TMachine>[] {
  const resolved = resolveOptions(machine, options);
  const all: MachinePath<TMachine>[] = [];
  const candidates: MachinePath<TMachine>[] = [];
  const initialPaths: MachinePath<TMachine>[] = [];
  resolved.inputs.forEach((input, inputIndex) => {
    const inputLabel = resolved.inputs.length > 1 ? `[input ${inputIndex + 1}] ` : '';
    const probe = createProbe(resolved.machine, resolved.serialize);
    const fromState = probe.logic.getInitialSnapshot(undefined as unknown as AnyActorScope, input);
    const traversal = {
      events: resolved.events,
      serializeState: (snapshot: AnyMachineSnapshot) => resolved.serialize(snapshot),
      serializeEvent: (event: AnyEventObject) => serializeEvent(event),
      fromState,
      limit: resolved.limit,
    };
    const make = (graphPath: GraphPath) => toMachinePath<TMachine>(graphPath, input, inputLabel, probe);
    try {
      if (resolved.strategy === 'simple') {
        all.push(...dropPrefixPaths(getSimplePaths(probe.logic, traversal).map(make)));
        return;
      }
      const shortest = getShortestPaths(probe.logic, traversal);
      if (resolved.strategy === 'shortest') {
        all.push(...dropPrefixPaths(shortest.map(make)));
        return;
      }
      initialPaths.push(...shortest.slice(0, 1).map(make));
      // Candidate per edge that takes a transition: shortest path to its state, then the edge.
      const byState = new Map(shortest.map((path) => [resolved.serialize(path.state), path]));
      for (const { state, transitions } of Object.values(getAdjacencyMap(probe.logic, traversal))) {
        const prefix = byState.get(resolved.serialize(state));
        if (!prefix) continue;
        const edges = Object.values(transitions) as Array<{
          event: AnyEventObject;
          state: AnyMachineSnapshot;
        }>;
        for (const { event, state: next } of edges) {
          if (probe.firedBy(state, event).length === 0) continue;
          candidates.push(make({ state: next, steps: [...prefix.steps, { state: next, event }], weight: 0 }));
        }
      }
    } catch (error) {
      if (error instanceof Error && error.message === 'Traversal limit exceeded') {
        throw new Error(
          `exploring ${machine.id} exceeded ${resolved.limit} traversal steps: abstract the context with ` +
            '`serializeState`, restrict `events`, or raise `limit`',
        );
      }
      throw error;
    }
  });
  if (resolved.strategy === 'transitions') {
    const selected = selectCoveringPaths(candidates);
    all.push(...(selected.length > 0 ? dropPrefixPaths(selected) : initialPaths));
  }
  return all.sort((a, b) => a.steps.length - b.steps.length || a.description.localeCompare(b.description));
}
