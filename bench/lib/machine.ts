/** Describes the machine and software a bench run ran on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine a run ran on. */
export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  janus: string;
  date: string;
  packages: Record<string, string>;
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Collects the machine description; `janusVersion` comes from the server's `info`. */
export function describeMachine(janusVersion: string): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    janus: janusVersion,
    date: new Date().toISOString(),
    packages: Object.fromEntries(['ws', 'undici', 'xstate', 'janode'].map((p) => [p, packageVersion(p)])),
  };
}
