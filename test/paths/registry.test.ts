/**
 * Every machine exported from a `machines/*.machine.ts` file has a client-driven path suite, registered
 * in `test/paths/registry.ts`, whose model is that very machine, run by `test/paths/<name>.test.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AnyStateMachine, StateMachine } from 'xstate';
import { machines } from '../../machines/index.js';
import { clientPathSuites } from './registry.js';

const machinesDir = fileURLToPath(new URL('../../machines/', import.meta.url));
const pathsDir = fileURLToPath(new URL('./', import.meta.url));

/** Every machine exported by a `*.machine.ts` file, as `file:export`. */
async function exportedMachines(): Promise<Array<{ where: string; machine: AnyStateMachine }>> {
  const found: Array<{ where: string; machine: AnyStateMachine }> = [];
  for (const file of readdirSync(machinesDir)
    .filter((name) => name.endsWith('.machine.ts'))
    .sort()) {
    const module = (await import(`../../machines/${file.replace(/\.ts$/, '.js')}`)) as Record<
      string,
      unknown
    >;
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof StateMachine) found.push({ where: `machines/${file}:${name}`, machine: value });
    }
  }
  return found;
}

describe('client-driven path suites', () => {
  it('exist for every machine exported from machines/*.machine.ts', async () => {
    const exported = await exportedMachines();
    expect(exported.length).toBeGreaterThanOrEqual(Object.keys(machines).length);
    const suites = await Promise.all(Object.values(clientPathSuites).map((load) => load()));
    const missing = exported
      .filter(({ machine }) => !suites.some((suite) => suite.machine === machine))
      .map(({ where }) => where);
    expect(missing, 'machines without a client path suite: add one to test/paths/registry.ts').toEqual([]);
  });

  it('are registered under the name the machine has in machines/index.ts', async () => {
    for (const [name, load] of Object.entries(clientPathSuites)) {
      const suite = await load();
      expect(suite.name, `suite registered as '${name}'`).toBe(name);
      expect(suite.machine, `the '${name}' suite's model is machines.${name}`).toBe(machines[name]);
    }
  });

  it('each run from test/paths/<name>.test.ts', () => {
    for (const name of Object.keys(clientPathSuites)) {
      const file = `${pathsDir}${name}.test.ts`;
      expect(existsSync(file), `test/paths/${name}.test.ts is missing`).toBe(true);
      expect(readFileSync(file, 'utf8'), `test/paths/${name}.test.ts must describeClientPaths`).toMatch(
        /describeClientPaths\(/,
      );
    }
  });
});
