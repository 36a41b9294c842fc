/**
 * Compiles janus-xstate (`src/`, `machines/`) to plain JavaScript for the bench, the way `npm run build`
 * ships it, into `node_modules/.cache/janus-xstate-bench/pid-<pid>/`. Running the TypeScript through tsx instead
 * would measure tsx: its esbuild `keepNames` wraps every named function in a `__name()` call
 * (`Object.defineProperty` on `name`), which costs a call per closure created and turns each such function
 * into a dictionary-mode object (~250 bytes more each). janode and xstate are plain JavaScript already.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules/.cache/janus-xstate-bench');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Transpiles every `.ts` file of `src/` and `machines/` (no type check: the code is written for
 * `isolatedModules`) into a folder of this process (bench runs may overlap), removes the folders of
 * processes that are gone, and returns the `file:` URL of the compiled `src/index.js`.
 */
export function buildJanusXstate(): string {
  mkdirSync(CACHE, { recursive: true });
  for (const name of readdirSync(CACHE)) {
    const pid = Number(name.replace(/^pid-/, ''));
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) {
      rmSync(join(CACHE, name), { recursive: true, force: true });
    }
  }
  const OUT = join(CACHE, `pid-${process.pid}`);
  rmSync(OUT, { recursive: true, force: true });
  for (const file of [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'machines'))]) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        verbatimModuleSyntax: true,
        sourceMap: false,
      },
    });
    const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // Package scope lookup stops at node_modules: say that these files are ES modules.
  writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n');
  return pathToFileURL(join(OUT, 'src/index.js')).href;
}
