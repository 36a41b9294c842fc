/**
 * File handling for the generated machine diagrams (`visualizations/<name>.md`): loading the
 * machine registry, computing the expected files, writing them and checking them for staleness.
 *
 * @module
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyStateMachine } from 'xstate';
import { GENERATED_MARKER, renderDiagramMarkdown } from './mermaid.js';

/** Machines keyed by registry name, as exported by `machines/index.ts`. */
export type MachineRegistry = Readonly<Record<string, AnyStateMachine>>;

/** One expected diagram file. */
export interface DiagramFile {
  /** Registry name of the machine. */
  readonly name: string;
  /** Absolute path of the file. */
  readonly path: string;
  /** Expected content. */
  readonly content: string;
}

/** Outcome of comparing the expected diagram files with the ones on disk (absolute paths). */
export interface DiagramCheckResult {
  /** Files that exist but differ from what the machines render to. */
  readonly stale: string[];
  /** Files that do not exist yet. */
  readonly missing: string[];
  /** Generated files (carrying {@link GENERATED_MARKER}) with no machine of that name any more. */
  readonly orphaned: string[];
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function isStateMachine(value: unknown): value is AnyStateMachine {
  return (
    typeof value === 'object' &&
    value !== null &&
    'root' in value &&
    'provide' in value &&
    typeof value.provide === 'function'
  );
}

/**
 * Imports a module exporting `machines` and validates it.
 *
 * @param modulePath - path of the module (e.g. `machines/index.ts`), absolute or relative to `cwd`
 * @param cwd - base for a relative `modulePath`
 * @returns the registry
 * @throws when the module does not export a record of state machines with file-safe names
 */
export async function loadMachineRegistry(modulePath: string, cwd = process.cwd()): Promise<MachineRegistry> {
  const absolute = resolve(cwd, modulePath);
  const module = (await import(pathToFileURL(absolute).href)) as { machines?: unknown };
  const { machines } = module;
  if (typeof machines !== 'object' || machines === null) {
    throw new Error(`${modulePath} must export \`machines: Record<string, AnyStateMachine>\``);
  }
  for (const [name, machine] of Object.entries(machines)) {
    if (!NAME_PATTERN.test(name)) throw new Error(`machine name "${name}" is not usable as a file name`);
    if (!isStateMachine(machine)) throw new Error(`machines.${name} is not an XState state machine`);
  }
  return machines as MachineRegistry;
}

/**
 * Computes every diagram file the registry renders to, sorted by machine name.
 *
 * @param machines - the machine registry
 * @param outDir - directory of the diagram files
 * @returns the expected files
 */
export function planDiagramFiles(machines: MachineRegistry, outDir: string): DiagramFile[] {
  return Object.keys(machines)
    .sort()
    .map((name) => ({
      name,
      path: resolve(outDir, `${name}.md`),
      content: renderDiagramMarkdown(name, machines[name]!),
    }));
}

function findOrphans(expected: readonly DiagramFile[], outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  const wanted = new Set(expected.map((file) => file.path));
  return readdirSync(outDir)
    .filter((entry) => entry.endsWith('.md'))
    .map((entry) => resolve(outDir, entry))
    .filter((path) => !wanted.has(path) && readFileSync(path, 'utf8').startsWith(GENERATED_MARKER))
    .sort();
}

/**
 * Compares the expected diagram files with the files on disk without writing anything.
 *
 * @param machines - the machine registry
 * @param outDir - directory of the diagram files
 * @returns stale, missing and orphaned files
 */
export function checkDiagramFiles(machines: MachineRegistry, outDir: string): DiagramCheckResult {
  const expected = planDiagramFiles(machines, outDir);
  const stale: string[] = [];
  const missing: string[] = [];
  for (const file of expected) {
    if (!existsSync(file.path)) missing.push(file.path);
    else if (readFileSync(file.path, 'utf8') !== file.content) stale.push(file.path);
  }
  return { stale, missing, orphaned: findOrphans(expected, outDir) };
}

/**
 * Writes every diagram file whose content changed.
 *
 * @param machines - the machine registry
 * @param outDir - directory of the diagram files (created when absent)
 * @returns files written, files left unchanged, and orphaned generated files (reported, not deleted)
 */
export function writeDiagramFiles(
  machines: MachineRegistry,
  outDir: string,
): { written: string[]; unchanged: string[]; orphaned: string[] } {
  mkdirSync(outDir, { recursive: true });
  const expected = planDiagramFiles(machines, outDir);
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of expected) {
    if (existsSync(file.path) && readFileSync(file.path, 'utf8') === file.content) {
      unchanged.push(file.path);
    } else {
      writeFileSync(file.path, file.content);
      written.push(file.path);
    }
  }
  return { written, unchanged, orphaned: findOrphans(expected, outDir) };
}

/**
 * Formats a path relative to `cwd` for messages.
 *
 * @param path - absolute path
 * @param cwd - base directory
 * @returns the relative path with `/` separators
 */
export function displayPath(path: string, cwd = process.cwd()): string {
  return relative(cwd, path).split('\\').join('/') || '.';
}
