/**
 * The package as a user gets it: `npm pack`, then a scratch app in a temporary folder that installs the
 * tarball, copies the shipped examples in, type-checks them as a strict consumer (`strict`,
 * `skipLibCheck: false`) and runs one against a private Janus.
 *
 * The install is offline and quick, laid out as npm lays it out: the tarball unpacked as
 * `node_modules/janus-xstate`, and next to it the dependencies its packed `package.json` declares and
 * everything they depend on (the closure, read from this checkout's `package-lock.json`), hard-linked from
 * this checkout's `node_modules` after checking each declared one has the pinned version. Nothing else is
 * there, so a package the published code or types need but do not declare fails here as it would for a
 * user (copies, not symlinks: a symlink would resolve from this checkout's `node_modules`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JanusServer, startJanus } from '../../src/testing/index.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const repoModules = join(repo, 'node_modules');

let scratch: string;
let app: string;
let installed: string;
let packedFiles: string[];
let server: JanusServer;

/** `npm pack` (its `prepack` builds `dist/`) into `dir`; returns the tarball path and the packed file list. */
async function pack(dir: string): Promise<{ tarball: string; files: string[] }> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: repo,
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  // `npm pack --json` prints the build's output first when prepack runs; the JSON array is last.
  const json = JSON.parse(stdout.slice(stdout.lastIndexOf('\n[') + 1)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const [entry] = json;
  if (!entry) throw new Error(`npm pack printed no package: ${stdout}`);
  return { tarball: join(dir, entry.filename), files: entry.files.map((file) => file.path) };
}

/** The version of `name` in this checkout's `node_modules`. */
async function installedVersion(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(repoModules, name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** `names` and everything they depend on, as npm installed them here (top-level lock entries). */
async function dependencyClosure(names: readonly string[]): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<
      string,
      { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }
    >;
  };
  const closure = new Set<string>();
  const queue = [...names];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const entry = lock.packages[`node_modules/${name}`];
    if (closure.has(name) || !entry) continue; // absent: an optional dependency npm did not install
    closure.add(name);
    queue.push(...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }));
  }
  return [...closure];
}

/** Copies `node_modules/<name>` (with its own nested `node_modules`) into the app, as hard links. */
async function copyPackage(name: string): Promise<void> {
  const target = join(app, 'node_modules', name);
  await mkdir(dirname(target), { recursive: true });
  await run('cp', ['-rl', join(repoModules, name), target]).catch(() =>
    run('cp', ['-r', join(repoModules, name), target]),
  );
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'janus-xstate-scratch-'));
  app = join(scratch, 'app');
  installed = join(app, 'node_modules', 'janus-xstate');
  const [{ tarball, files }, janus] = await Promise.all([
    pack(scratch),
    startJanus({ plugins: ['echotest'] }),
  ]);
  server = janus;
  packedFiles = files;
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const [name, version] of Object.entries(manifest.dependencies))
    expect(await installedVersion(name), `${name} in this checkout`).toBe(version);
  for (const name of await dependencyClosure(Object.keys(manifest.dependencies))) await copyPackage(name);
  // The app's own devDependencies: the compiler and Node's types, as a TypeScript user has them (unless
  // the closure brought them already: werift's types depend on @types/node).
  for (const name of ['typescript', '@types/node']) {
    const target = join(app, 'node_modules', name);
    if (existsSync(target)) continue;
    await mkdir(dirname(target), { recursive: true });
    await symlink(join(repoModules, name), target, 'dir');
  }
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the packed package in a scratch app', () => {
  it('ships the built code, its sources for the source maps, the examples and scripts/netns-run.sh', async () => {
    for (const path of [
      'package.json',
      'README.md',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/testing/index.js',
      'dist/machines/index.js',
      'dist/src/cli/main.js',
      'dist/src/browser.js',
      'dist/src/browser.d.ts',
      'dist/browser/janus-xstate.js',
      'dist/browser/janus-xstate.js.map',
      'examples/quickstart.ts',
      'scripts/netns-run.sh',
    ])
      expect(packedFiles, path).toContain(path);
    expect(packedFiles.filter((path) => path.startsWith('test/') || path.startsWith('bench/'))).toEqual([]);
    // Every source map names files that are in the package, or carries their content (the browser bundle
    // embeds the XState sources it was built from).
    const maps = packedFiles.filter((path) => path.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(await readFile(join(installed, map), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      sources.forEach((source, index) => {
        if (typeof sourcesContent?.[index] === 'string') return;
        const path = resolve(dirname(join(installed, map)), source);
        if (!packedFiles.includes(path.slice(installed.length + 1))) missing.push(`${map} → ${source}`);
      });
    }
    expect(missing).toEqual([]);
    // The namespace script keeps its executable bit.
    expect((await stat(join(installed, 'scripts/netns-run.sh'))).mode & 0o111).toBe(0o111);
  });

  it('type-checks the shipped examples and every entry point in a strict consumer (skipLibCheck: false)', async () => {
    const src = join(app, 'src');
    await mkdir(src, { recursive: true });
    const examples = (await readdir(join(installed, 'examples'), { recursive: true })).filter((file) =>
      file.endsWith('.ts'),
    );
    expect(examples).toContain('quickstart.ts');
    for (const file of examples) {
      const text = await readFile(join(installed, 'examples', file), 'utf8');
      await mkdir(dirname(join(src, file)), { recursive: true });
      await writeFile(join(src, file), text);
    }
    await writeFile(
      join(src, 'entry-points.ts'),
      [
        "import { connect, type JanusClient } from 'janus-xstate';",
        "import { machines } from 'janus-xstate/machines';",
        "import { startJanus, type JanusServerOptions } from 'janus-xstate/testing';",
        "import { BrowserMediaSource, connect as connectInBrowser } from 'janus-xstate/browser';",
        'const options: JanusServerOptions = { demoRooms: false };',
        'export const used: [typeof connect, JanusClient | undefined, object, typeof startJanus, object] =',
        '  [connect, undefined, machines, startJanus, options];',
        'export const browser: [typeof connectInBrowser, object] = [connectInBrowser, BrowserMediaSource];',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          types: ['node'],
          outDir: 'build',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
    const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', app], { cwd: app, timeout: 180_000 }).catch(
      (error: { stdout?: string; code?: number }) => ({
        stdout: error.stdout ?? String(error),
        code: error.code,
      }),
    );
    expect(result.stdout).toBe('');
  }, 200_000);

  it('runs the compiled quick-start example against a private Janus, and the CLI from the package', async () => {
    const example = join(app, 'build', 'quickstart.js');
    const { stdout, stderr } = await run(process.execPath, [example], {
      cwd: app,
      env: { ...process.env, JANUS_URL: server.wsUrl },
      timeout: 30_000,
    });
    expect(stderr).toBe('');
    expect(stdout).toContain('echotest replied: {"echotest":"event","result":"ok"}');
    expect(stdout).toContain('attach refused: PLUGIN_NOT_FOUND (460)');
    expect(stdout).toContain('session destroyed');
    const cli = await run(process.execPath, [join(installed, 'dist/src/cli/main.js'), 'info', server.wsUrl], {
      cwd: app,
      timeout: 30_000,
    });
    expect(cli.stdout).toContain('Janus WebRTC Server');
  });
});
