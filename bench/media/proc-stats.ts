/**
 * CPU time and resident memory of processes from `/proc` (Linux): a process, or all descendants of one
 * (ffmpeg children), for the media benchmarks.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_S = 100;

interface ProcEntry {
  pid: number;
  ppid: number;
  cpuS: number;
  rssKb: number;
}

function readProc(pid: number): ProcEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const cpuS = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { pid, ppid, cpuS, rssKb };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) and RSS of one process. */
export function procUsage(pid: number): { cpuS: number; rssKb: number } {
  const entry = readProc(pid);
  return { cpuS: entry?.cpuS ?? 0, rssKb: entry?.rssKb ?? 0 };
}

/** Summed CPU seconds and RSS of every live descendant of `pid` (not `pid` itself). */
export function descendantsUsage(pid: number): { cpuS: number; rssKb: number; count: number } {
  const all: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readProc(Number(name));
    if (entry) all.push(entry);
  }
  const children = new Map<number, ProcEntry[]>();
  for (const entry of all) children.set(entry.ppid, [...(children.get(entry.ppid) ?? []), entry]);
  let cpuS = 0;
  let rssKb = 0;
  let count = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const entry = stack.pop() as ProcEntry;
    cpuS += entry.cpuS;
    rssKb += entry.rssKb;
    count++;
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return { cpuS, rssKb, count };
}
