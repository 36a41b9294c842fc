/**
 * Mutation tests of the client-driven path suites: a machine module is replaced, for the client AND the
 * model alike (as if its file had been edited), by a copy with one transition retargeted (or its actions
 * dropped); the machine's path suite, played on the real client, must then fail. A suite that only
 * proved coverage would pass here, since client and model agree on the mutant's state names.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { checkClientPaths } from '../support/client-paths.js';
import { mutateTransition, type TransitionMutation } from '../support/mutate-machine.js';
import { clientPathSuites } from './registry.js';

interface MachineMutant {
  /** The machine's name in `machines/index.ts` (and of its suite). */
  readonly machine: string;
  /** The module that exports it, relative to this file. */
  readonly module: string;
  /** Its export. */
  readonly exportName: string;
  /** The transition mutated (a key of `listMachineTransitions`), for the test name. */
  readonly transition: string;
  /** The event of the paths that must fail. */
  readonly event: string;
  readonly mutation: TransitionMutation;
}

// The handle and JSEP suites negotiate with the stub peer.
vi.mock('../../src/media/janus-peer.js', () => import('../support/stub-peer.js'));

const MUTANTS: readonly MachineMutant[] = [
  {
    machine: 'connection',
    module: '../../machines/connection.machine.js',
    exportName: 'connectionMachine',
    transition:
      'connection.running.open --transport.closed[canReconnect]--> connection.closed (was reconnecting)',
    event: 'transport.closed',
    mutation: {
      at: ['states', 'running', 'states', 'open', 'on', 'transport.closed'],
      candidate: 0,
      target: '#connection.closed',
    },
  },
  {
    machine: 'handle',
    module: '../../machines/handle.machine.js',
    exportName: 'handleMachine',
    transition: 'handle.attached.active --janus.hangup--> handle.failed (was attached.inactive)',
    event: 'janus.hangup',
    mutation: {
      at: ['states', 'attached', 'states', 'active', 'on', 'janus.hangup'],
      target: '#handle.failed',
    },
  },
  {
    machine: 'session',
    module: '../../machines/session.machine.js',
    exportName: 'sessionMachine',
    transition: 'session.active --janus.timeout--> session.lost (was timedOut)',
    event: 'janus.timeout',
    mutation: { at: ['states', 'active', 'on', 'janus.timeout'], target: 'lost' },
  },
  {
    machine: 'jsep',
    module: '../../machines/jsep.machine.js',
    exportName: 'jsepMachine',
    transition: 'jsep.open.awaitingAnswer --remote.answer--> jsep.open.ready.stable (was applyingAnswer)',
    event: 'remote.answer',
    mutation: {
      at: ['states', 'open', 'states', 'awaitingAnswer', 'on', 'remote.answer'],
      target: 'ready.stable',
    },
  },
  {
    machine: 'reconnect',
    module: '../../machines/reconnect.machine.js',
    exportName: 'reconnectMachine',
    transition: 'reconnect.waiting --after retryDelay--> reconnect.gaveUp (was ready)',
    event: 'after retryDelay',
    mutation: { at: ['states', 'waiting', 'after', 'retryDelay'], target: 'gaveUp' },
  },
  {
    machine: 'keepalive',
    module: '../../machines/keepalive.machine.js',
    exportName: 'keepaliveMachine',
    // Its one state leaves no other target: the mutant drops the tick's action instead.
    transition: 'keepalive.ticking --after tick--> keepalive.ticking without its `tick` action',
    event: 'after tick',
    mutation: { at: ['states', 'ticking', 'after', 'tick'], dropActions: true },
  },
];

afterEach(() => {
  for (const mutant of MUTANTS) vi.doUnmock(mutant.module);
  vi.resetModules();
});

/** Loads the machine's suite with the machine module replaced by `mutant`'s copy. */
async function loadMutatedSuite(mutant: MachineMutant) {
  vi.resetModules();
  let original: AnyStateMachine | undefined;
  vi.doMock(mutant.module, async (importOriginal) => {
    const module = await importOriginal<Record<string, unknown>>();
    original = module[mutant.exportName] as AnyStateMachine;
    return { ...module, [mutant.exportName]: mutateTransition(original, mutant.mutation) };
  });
  const load = clientPathSuites[mutant.machine];
  if (!load) throw new Error(`no client path suite for '${mutant.machine}'`);
  const suite = await load();
  return { suite, original };
}

describe('a mutated machine fails its client-driven path suite', () => {
  it('control: the unmutated handle suite passes through the same loader', async () => {
    vi.resetModules();
    const suite = await (clientPathSuites.handle as NonNullable<(typeof clientPathSuites)['handle']>)();
    const result = await checkClientPaths(suite);
    expect(result.failures).toEqual([]);
    expect(result.uncovered).toEqual([]);
  });

  for (const mutant of MUTANTS) {
    it(`${mutant.machine}: ${mutant.transition}`, async () => {
      const { suite, original } = await loadMutatedSuite(mutant);
      expect(original, 'the machine module was replaced').toBeDefined();
      expect(suite.machine, 'the suite models the mutant').not.toBe(original);
      const result = await checkClientPaths(suite, { stopAtFirstFailure: true });
      const [failure] = result.failures;
      expect(failure, 'a path of the mutant fails on the client').toBeDefined();
      expect(failure?.path, 'the failing path takes the mutated transition').toContain(mutant.event);
      // The failure is an expectation of the state, not a disagreement about the state's name.
      expect(failure?.error.message).not.toMatch(/state is the model state/);
    });
  }
});
