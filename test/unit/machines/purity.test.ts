/**
 * The machines are pure: a file in `machines/` imports only `xstate` and its sibling files, so the
 * statecharts can be drawn, tested and embedded without the client.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const machinesDir = fileURLToPath(new URL('../../../machines/', import.meta.url));

/** Every module specifier a TypeScript file names: static imports, re-exports, `import()` and `require()`. */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const pattern of patterns)
    for (const match of source.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

describe('machines/ purity', () => {
  const files = readdirSync(machinesDir).filter((name) => name.endsWith('.ts'));
  const siblings = new Set(files.map((name) => `./${name.replace(/\.ts$/, '.js')}`));

  it('finds the machine files and reads every kind of import', () => {
    expect(files).toContain('connection.machine.ts');
    expect(
      specifiersOf(
        "import a from 'x';\nimport type { B } from \"y\";\nexport * from './z.js';\nimport 'w';\nawait import('v');\nrequire('u');",
      ),
    ).toEqual(expect.arrayContaining(['x', 'y', './z.js', 'w', 'v', 'u']));
  });

  it.each(files)('%s imports only xstate and its siblings', (file) => {
    const source = readFileSync(join(machinesDir, file), 'utf8');
    const foreign = specifiersOf(source).filter(
      (specifier) => specifier !== 'xstate' && !siblings.has(specifier),
    );
    expect(foreign).toEqual([]);
  });
});
