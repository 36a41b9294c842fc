import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkDiagramFiles,
  loadMachineRegistry,
  planDiagramFiles,
  writeDiagramFiles,
} from '../../../scripts/lib/diagram-files.js';
import { GENERATED_MARKER } from '../../../scripts/lib/mermaid.js';
import { machines } from '../../support/fixtures/machines.js';

describe('diagram files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diagrams-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one file per machine, then finds nothing to do', () => {
    expect(checkDiagramFiles(machines, dir)).toEqual({
      stale: [],
      missing: [join(dir, 'connection.md'), join(dir, 'layout.md')],
      orphaned: [],
    });
    expect(writeDiagramFiles(machines, dir).written).toEqual([
      join(dir, 'connection.md'),
      join(dir, 'layout.md'),
    ]);
    expect(checkDiagramFiles(machines, dir)).toEqual({ stale: [], missing: [], orphaned: [] });
    expect(writeDiagramFiles(machines, dir).written).toEqual([]);
    const [connection] = planDiagramFiles(machines, dir);
    expect(readFileSync(join(dir, 'connection.md'), 'utf8')).toBe(connection?.content);
  });

  it('reports stale files and generated files whose machine is gone, not hand-written ones', () => {
    writeDiagramFiles(machines, dir);
    writeFileSync(join(dir, 'layout.md'), 'edited by hand');
    writeFileSync(join(dir, 'removed.md'), `${GENERATED_MARKER}\n`);
    writeFileSync(join(dir, 'README.md'), '# notes\n');
    expect(checkDiagramFiles(machines, dir)).toEqual({
      stale: [join(dir, 'layout.md')],
      missing: [],
      orphaned: [join(dir, 'removed.md')],
    });
  });

  it('loads a registry module and rejects modules without machines', async () => {
    const registry = await loadMachineRegistry('test/support/fixtures/machines.ts');
    expect(Object.keys(registry)).toEqual(['connection', 'layout']);
    await expect(loadMachineRegistry('scripts/lib/mermaid.ts')).rejects.toThrow(/must export `machines/);
  });
});
