// @ts-check
/**
 * The README's bootstrap: `npm test` and `npm run demo` run this first (`pretest`, `predemo`).
 * Checks the system programs the purpose needs; as root installs what is missing with one
 * `apt-get install`; otherwise exits 1 at once with one line naming the command to run.
 *
 * Plain `node`, no TypeScript loader, so that the non-root answer comes within npm's own start-up.
 *
 * Usage: node scripts/bootstrap.mjs demo|test|cli-media
 */
import { ensureSystemDependencies } from '../src/system/system-deps.js';

const purposes = ['demo', 'test', 'cli-media'];
const purpose = process.argv[2];
if (purpose === undefined || !purposes.includes(purpose)) {
  process.stderr.write(`usage: node scripts/bootstrap.mjs ${purposes.join('|')}\n`);
  process.exit(2);
}
try {
  ensureSystemDependencies(/** @type {'demo' | 'test' | 'cli-media'} */ (purpose));
} catch (error) {
  process.stderr.write(`janus-xstate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
