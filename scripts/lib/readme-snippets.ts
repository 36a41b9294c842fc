/**
 * The README's TypeScript code blocks are files under `examples/readme/`, type-checked and run by tests.
 * In README.md each ```ts block follows a marker line naming its file:
 *
 *     <!-- snippet: examples/readme/connect.ts -->
 *
 * and holds that file's text verbatim. {@link renderReadme} rewrites the blocks from the files;
 * `npm run readme` writes the result, and a test fails when README.md differs from it.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker line before a snippet block; group 1 is the file, relative to the repository. */
export const SNIPPET_MARKER = /^<!-- snippet: (\S+) -->$/;

/** One ```ts block of the README and the file it comes from (`undefined` when it has no marker). */
export interface ReadmeSnippet {
  /** The file named by the marker line before the block. */
  readonly file: string | undefined;
  /** The block's text, without the fences. */
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/** Every ```ts block of `readme`, with the file its marker names. */
export function readmeSnippets(readme: string): ReadmeSnippet[] {
  const lines = readme.split('\n');
  const snippets: ReadmeSnippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed \`\`\`ts block`);
    const file = SNIPPET_MARKER.exec(lines[i - 1] ?? '')?.[1];
    snippets.push({ file, code: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return snippets;
}

/** `readme` with each marked block replaced by its file's text (read from `root`). */
export function renderReadme(readme: string, root: string): string {
  const lines = readme.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    out.push(line);
    const file = SNIPPET_MARKER.exec(line)?.[1];
    if (!file) continue;
    if (lines[i + 1] !== '```ts')
      throw new Error(`README.md:${i + 1}: a snippet marker not followed by \`\`\`ts`);
    const end = lines.indexOf('```', i + 2);
    if (end < 0) throw new Error(`README.md:${i + 2}: unclosed \`\`\`ts block`);
    out.push('```ts', readFileSync(join(root, file), 'utf8').trimEnd(), '```');
    i = end;
  }
  return out.join('\n');
}
