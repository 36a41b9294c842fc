/**
 * Static introspection of XState v5 machine definitions, shared by the diagram renderer
 * (`scripts/lib/mermaid.ts`) and the path-coverage test helper (`test/support/path-coverage.ts`).
 *
 * Everything here reads the machine's resolved state-node tree (`machine.root`); nothing runs the machine.
 *
 * @module
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** How a transition is triggered. */
export type TransitionKind =
  | 'event'
  | 'always'
  | 'after'
  | 'done.actor'
  | 'error.actor'
  | 'snapshot.actor'
  | 'done.state';

/** One statically declared transition candidate of a machine (each guarded candidate is its own entry). */
export interface TransitionInfo {
  /**
   * Stable identity, `sourceStateId --eventLabel[guard]--> targetIds` (targets comma-separated,
   * `(targetless)` when the transition has no target). Suffixed with ` #n` (the candidate index) only
   * when two candidates of the same source and event would otherwise share a key.
   */
  readonly key: string;
  /** Id of the state node declaring the transition (e.g. `connection.connecting`). */
  readonly source: string;
  /** Raw event descriptor; `''` for eventless (`always`) transitions. */
  readonly eventType: string;
  /** Human-readable event, see {@link formatEventType}. */
  readonly eventLabel: string;
  /** Readable guard expression, see {@link formatGuard}; `undefined` when unguarded. */
  readonly guard: string | undefined;
  /** Ids of the target state nodes; empty for targetless transitions. */
  readonly targets: readonly string[];
  /** Whether the transition re-enters its source (`reenter: true`). */
  readonly reenter: boolean;
  /** How the transition is triggered. */
  readonly kind: TransitionKind;
  /** Position of this candidate among the candidates for the same source and event. */
  readonly candidateIndex: number;
  /** The transition definition itself. */
  readonly definition: AnyTransitionDefinition;
}

/** One `invoke` declared on a state node. */
export interface InvokeInfo {
  /** Id of the declaring state node. */
  readonly source: string;
  /** Invoke id (explicit `id`, or XState's generated one). */
  readonly id: string;
  /** Actor source name: the `setup({ actors })` key, or `inline` for inline logic. */
  readonly src: string;
}

const AFTER_PREFIX = 'xstate.after.';
const DONE_ACTOR_PREFIX = 'xstate.done.actor.';
const ERROR_ACTOR_PREFIX = 'xstate.error.actor.';
const SNAPSHOT_PREFIX = 'xstate.snapshot.';
const DONE_STATE_PREFIX = 'xstate.done.state.';
const INLINE_SRC_PREFIX = 'xstate.invoke.';

/**
 * All state nodes of a machine in document order (depth-first, declaration order), root first.
 *
 * @param machine - the machine to walk
 * @returns the root followed by every descendant state node
 */
export function getAllStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const visit = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root);
  return nodes;
}

/**
 * Classifies a raw event descriptor.
 *
 * @param eventType - the transition's event descriptor (`''` for `always`)
 * @returns the kind of trigger
 */
export function getTransitionKind(eventType: string): TransitionKind {
  if (eventType === '') return 'always';
  if (eventType.startsWith(AFTER_PREFIX)) return 'after';
  if (eventType.startsWith(DONE_ACTOR_PREFIX)) return 'done.actor';
  if (eventType.startsWith(ERROR_ACTOR_PREFIX)) return 'error.actor';
  if (eventType.startsWith(SNAPSHOT_PREFIX)) return 'snapshot.actor';
  if (eventType.startsWith(DONE_STATE_PREFIX)) return 'done.state';
  return 'event';
}

/**
 * Makes an event descriptor readable: `xstate.done.actor.X` → `done: X`, `xstate.error.actor.X` →
 * `error: X`, `xstate.snapshot.X` → `snapshot: X`, `xstate.after.DELAY.<stateId>` → `after DELAY`
 * (`after 500ms` for numeric delays), `xstate.done.state.<id>` → `onDone`, `''` → `always`; any
 * other descriptor is returned unchanged.
 *
 * @param eventType - raw event descriptor or event type
 * @param sourceId - id of the declaring state node; lets delays containing dots be parsed exactly
 * @returns the readable label
 */
export function formatEventType(eventType: string, sourceId?: string): string {
  switch (getTransitionKind(eventType)) {
    case 'always':
      return 'always';
    case 'done.actor':
      return `done: ${eventType.slice(DONE_ACTOR_PREFIX.length)}`;
    case 'error.actor':
      return `error: ${eventType.slice(ERROR_ACTOR_PREFIX.length)}`;
    case 'snapshot.actor':
      return `snapshot: ${eventType.slice(SNAPSHOT_PREFIX.length)}`;
    case 'done.state':
      return 'onDone';
    case 'after': {
      const rest = eventType.slice(AFTER_PREFIX.length);
      const suffix = sourceId === undefined ? undefined : `.${sourceId}`;
      const dot = rest.indexOf('.');
      const delay =
        suffix !== undefined && rest.endsWith(suffix)
          ? rest.slice(0, -suffix.length)
          : dot > 0
            ? rest.slice(0, dot)
            : rest;
      return /^\d+$/.test(delay) ? `after ${delay}ms` : `after ${delay}`;
    }
    default:
      return eventType;
  }
}

type GuardFunction = ((...args: never[]) => unknown) & {
  guards?: unknown[];
  stateValue?: unknown;
  check?: unknown;
};

const INLINE_NAMES = new Set(['', 'guard', 'anonymous']);

function formatGuardOperand(guard: unknown): string {
  const text = formatGuard(guard) ?? 'true';
  return /\s/.test(text) ? `(${text})` : text;
}

/**
 * Renders a transition guard as a readable expression: named guards by name (parameters omitted),
 * `not(g)` → `!g`, `and([a, b])` → `a && b`, `or([a, b])` → `a || b`, `stateIn(x)` → `in(x)`, and
 * inline guard functions as their function name, or `inline` when anonymous.
 *
 * @param guard - the `guard` of a transition definition
 * @returns the expression, or `undefined` when there is no guard
 */
export function formatGuard(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  if (typeof guard === 'function') {
    const fn = guard as GuardFunction;
    if ('check' in fn && Array.isArray(fn.guards)) {
      if (fn.name === 'not') return `!${formatGuardOperand(fn.guards[0])}`;
      if (fn.name === 'and') return fn.guards.map(formatGuardOperand).join(' && ');
      if (fn.name === 'or') return fn.guards.map(formatGuardOperand).join(' || ');
    }
    if ('check' in fn && 'stateValue' in fn) {
      const value = typeof fn.stateValue === 'string' ? fn.stateValue : JSON.stringify(fn.stateValue);
      return `in(${value})`;
    }
    return INLINE_NAMES.has(fn.name) ? 'inline' : fn.name;
  }
  return 'inline';
}

function candidatesOf(transition: AnyTransitionDefinition): readonly AnyTransitionDefinition[] {
  const source = transition.source as AnyStateNode;
  if (transition.eventType === '') return (source.always ?? []) as AnyTransitionDefinition[];
  return (source.transitions.get(transition.eventType) ?? []) as AnyTransitionDefinition[];
}

function baseKey(transition: AnyTransitionDefinition): string {
  const source = transition.source.id;
  const guard = formatGuard(transition.guard);
  const targets = (transition.target ?? []).map((target) => target.id);
  const event = formatEventType(transition.eventType, source);
  const to = targets.length > 0 ? targets.join(',') : '(targetless)';
  return `${source} --${event}${guard === undefined ? '' : `[${guard}]`}--> ${to}`;
}

/**
 * The stable identity of a transition (see {@link TransitionInfo.key}). Works equally on transitions
 * of a machine and of any `machine.provide(...)` clone of it, so transitions observed at run time
 * (e.g. from `@xstate.microstep` inspection events) can be matched with {@link listTransitions}.
 *
 * @param transition - a transition definition taken from a state node
 * @returns the key
 */
export function transitionKey(transition: AnyTransitionDefinition): string {
  const key = baseKey(transition);
  const candidates = candidatesOf(transition);
  const index = candidates.indexOf(transition);
  const ambiguous = candidates.filter((candidate) => baseKey(candidate) === key).length > 1;
  return ambiguous ? `${key} #${index}` : key;
}

/**
 * Enumerates every transition a machine declares, in document order: for each state node its
 * `on` transitions, `onDone`, invoke `onDone`/`onError`/`onSnapshot`, `after` transitions, then
 * `always`; every guarded candidate is a separate entry.
 *
 * @param machine - the machine to enumerate
 * @returns one entry per transition candidate
 */
export function listTransitions(machine: AnyStateMachine): TransitionInfo[] {
  const result: TransitionInfo[] = [];
  for (const node of getAllStateNodes(machine)) {
    const groups: AnyTransitionDefinition[][] = [...node.transitions.values()] as AnyTransitionDefinition[][];
    if (node.always) groups.push(node.always as AnyTransitionDefinition[]);
    for (const group of groups) {
      group.forEach((definition, candidateIndex) => {
        result.push({
          key: transitionKey(definition),
          source: node.id,
          eventType: definition.eventType,
          eventLabel: formatEventType(definition.eventType, node.id),
          guard: formatGuard(definition.guard),
          targets: (definition.target ?? []).map((target) => target.id),
          reenter: definition.reenter,
          kind: getTransitionKind(definition.eventType),
          candidateIndex,
          definition,
        });
      });
    }
  }
  return result;
}

/**
 * Lists the `invoke`s of every state node, in document order.
 *
 * @param machine - the machine to inspect
 * @returns one entry per invoke
 */
export function listInvokes(machine: AnyStateMachine): InvokeInfo[] {
  return getAllStateNodes(machine).flatMap((node) =>
    (node.invoke as ReadonlyArray<{ id: string; src: unknown }>).map((invoke) => ({
      source: node.id,
      id: invoke.id,
      src:
        typeof invoke.src === 'string' && !invoke.src.startsWith(INLINE_SRC_PREFIX) ? invoke.src : 'inline',
    })),
  );
}
