/**
 * The README's bootstrap: `npm test` and `npm run demo` run this first (`pretest`, `predemo`).
 * Checks the system programs the purpose needs; as root installs what is missing with one
 * `apt-get install`; otherwise exits 1 at once with one line naming the command to run.
 *
 * Usage: tsx scripts/bootstrap.ts demo|test|cli-media
 */
import { ensureSystemDependencies, type SystemPurpose } from '../src/system/system-deps.js';

const purposes: readonly SystemPurpose[] = ['demo', 'test', 'cli-media'];
const purpose = process.argv[2] as SystemPurpose | undefined;
if (!purpose || !purposes.includes(purpose)) {
  process.stderr.write(`usage: tsx scripts/bootstrap.ts ${purposes.join('|')}\n`);
  process.exit(2);
}
try {
  ensureSystemDependencies(purpose);
} catch (error) {
  process.stderr.write(`janus-xstate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
