/**
 * Mutants of a machine for the mutation tests of the path suites: one transition retargeted, or its
 * actions dropped, in a copy of the machine's config (the original is untouched), rebuilt with the
 * machine's own implementations.
 * @module
 */
import { type AnyStateMachine, createMachine } from 'xstate';

/** Where the transition is in the config, and what changes. */
export interface TransitionMutation {
  /**
   * Keys from the machine's config down to the transition, e.g.
   * `['states', 'attached', 'states', 'active', 'on', 'janus.hangup']` or `[..., 'invoke', 'onDone']`.
   */
  readonly at: readonly string[];
  /** Which candidate, when the transition is a guarded array. Default 0. */
  readonly candidate?: number;
  /** The new target (as written in a config: `'sibling'`, `'.child'`, `'#machine.state'`). */
  readonly target?: string;
  /** Removes the transition's actions. */
  readonly dropActions?: boolean;
}

type ConfigNode = Record<string, unknown>;

function mutateCandidate(candidate: unknown, mutation: TransitionMutation): unknown {
  const base: ConfigNode =
    typeof candidate === 'string' ? { target: candidate } : { ...(candidate as ConfigNode) };
  if (mutation.target !== undefined) base.target = mutation.target;
  if (mutation.dropActions) delete base.actions;
  return base;
}

function mutateAt(node: unknown, keys: readonly string[], mutation: TransitionMutation): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) {
    if (Array.isArray(node)) {
      const index = mutation.candidate ?? 0;
      if (index >= node.length) throw new Error(`no candidate ${index} in the transition`);
      return node.map((candidate, at) => (at === index ? mutateCandidate(candidate, mutation) : candidate));
    }
    return mutateCandidate(node, mutation);
  }
  if (node === null || typeof node !== 'object' || !(key in node)) {
    throw new Error(`the machine config has no '${key}' on the way to the transition`);
  }
  return { ...(node as ConfigNode), [key]: mutateAt((node as ConfigNode)[key], rest, mutation) };
}

/** A copy of `machine` with one transition mutated; `machine` itself is unchanged. */
export function mutateTransition<TMachine extends AnyStateMachine>(
  machine: TMachine,
  mutation: TransitionMutation,
): TMachine {
  const config = mutateAt(machine.config, mutation.at, mutation);
  return createMachine(config as never, machine.implementations as never) as unknown as TMachine;
}
