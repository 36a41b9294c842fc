/**
 * `npm run readme`: rewrites README.md's ```ts blocks from the files under `examples/readme/` that their
 * marker lines name (see `scripts/lib/readme-snippets.ts`). With `--check`, only says whether it would
 * change anything (exit 1 if so).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderReadme } from './lib/readme-snippets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const path = `${root}README.md`;
const readme = readFileSync(path, 'utf8');
const rendered = renderReadme(readme, root);
if (process.argv.includes('--check')) {
  if (rendered !== readme) {
    process.stderr.write('README.md differs from its snippet files: run npm run readme\n');
    process.exit(1);
  }
} else if (rendered !== readme) {
  writeFileSync(path, rendered);
  process.stdout.write('README.md: snippets rewritten from examples/readme/\n');
}
