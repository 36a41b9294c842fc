import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { machines } from '../../machines/index.js';
import { checkDiagramFiles, planDiagramFiles } from '../../scripts/lib/diagram-files.js';

const outDir = fileURLToPath(new URL('../../visualizations/', import.meta.url));

describe('machine diagrams (visualizations/*.md)', () => {
  for (const file of planDiagramFiles(machines, outDir)) {
    it(`visualizations/${file.name}.md matches the ${file.name} machine`, () => {
      const actual = existsSync(file.path) ? readFileSync(file.path, 'utf8') : '(missing)';
      expect(actual, `visualizations/${file.name}.md is out of date: run \`npm run diagrams\``).toBe(
        file.content,
      );
    });
  }

  it('has no generated diagram of a machine that no longer exists', () => {
    const { orphaned } = checkDiagramFiles(machines, outDir);
    expect(orphaned, 'delete these diagrams (or run `npm run diagrams` to list them)').toEqual([]);
  });
});
