/**
 * `npm run diagrams`: renders every machine registered in `machines/index.ts` to
 * `visualizations/<name>.md` (a Mermaid `stateDiagram-v2` in a fenced block, which GitHub renders).
 *
 * Usage: `tsx scripts/render-diagrams.ts [--check] [--machines <module>] [--out <dir>]`
 *
 * - `--check`: write nothing; exit 1 listing every stale, missing or orphaned file.
 * - `--machines`: module exporting `machines` (default `machines/index.ts`).
 * - `--out`: output directory (default `visualizations`).
 *
 * @module
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkDiagramFiles,
  displayPath,
  loadMachineRegistry,
  writeDiagramFiles,
} from './lib/diagram-files.js';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      machines: { type: 'string', default: 'machines/index.ts' },
      out: { type: 'string', default: 'visualizations' },
    },
  });
  const machines = await loadMachineRegistry(values.machines, root);
  const outDir = resolve(root, values.out);
  const show = (path: string): string => displayPath(path, root);

  if (values.check) {
    const { stale, missing, orphaned } = checkDiagramFiles(machines, outDir);
    const problems = [
      ...stale.map((path) => `  ${show(path)} (out of date)`),
      ...missing.map((path) => `  ${show(path)} (missing)`),
      ...orphaned.map((path) => `  ${show(path)} (no machine of that name; delete it)`),
    ];
    if (problems.length > 0) {
      console.error(
        `Machine diagrams differ from the machines; run \`npm run diagrams\`:\n${problems.join('\n')}`,
      );
      return 1;
    }
    console.log(`${Object.keys(machines).length} machine diagrams up to date.`);
    return 0;
  }

  const { written, unchanged, orphaned } = writeDiagramFiles(machines, outDir);
  for (const path of written) console.log(`wrote ${show(path)}`);
  console.log(`${written.length} written, ${unchanged.length} unchanged.`);
  for (const path of orphaned) console.warn(`warning: ${show(path)} has no machine of that name; delete it`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
