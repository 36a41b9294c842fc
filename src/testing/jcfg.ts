/**
 * Rendering of Janus `.jcfg` files (libconfig syntax) from plain objects.
 *
 * @module
 */

/** A scalar value in a `.jcfg` setting. */
export type JcfgValue = string | number | boolean;

/** The settings of one `.jcfg` section, in file order; `undefined` values are left out. */
export type JcfgSection = Record<string, JcfgValue | undefined>;

const SETTING_NAME = /^[A-Za-z*][-A-Za-z0-9_*]*$/;

/**
 * Formats one scalar as libconfig text: strings quoted and escaped, finite numbers as is, booleans as
 * `true`/`false`.
 */
export function jcfgValue(value: JcfgValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`jcfg: not a finite number: ${value}`);
    return String(value);
  }
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** Renders `name: { key = value ... }`; throws on a name libconfig would reject. */
export function jcfgSection(name: string, settings: JcfgSection): string {
  checkName(name);
  const lines = [`${name}: {`];
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    checkName(key);
    lines.push(`  ${key} = ${jcfgValue(value)}`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** Renders a whole file from `[sectionName, settings]` pairs, with a header comment. */
export function jcfgFile(sections: ReadonlyArray<readonly [string, JcfgSection]>): string {
  const body = sections.map(([name, settings]) => jcfgSection(name, settings)).join('\n');
  return `# Written by janus-xstate/testing for a private test server.\n${body}\n`;
}

function checkName(name: string): void {
  if (!SETTING_NAME.test(name)) throw new RangeError(`jcfg: invalid setting or section name: ${name}`);
}
