/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per area (werift, Node's UDP,
 * crypto, GC, janus-xstate, ...) and the functions with the most self time.
 * @module
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A profile in brief. */
export interface ProfileSummary {
  /** ms of samples in total (idle included). */
  totalMs: number;
  /** Share of the non-idle time per area, %. */
  areas: Record<string, number>;
  /** Top functions by self time: `name (file:line)` → % of non-idle time. */
  top: [string, number][];
}

function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle';
  if (name === '(program)' || name === '(root)') return 'V8/native (program)';
  if (url.includes('/werift/')) return 'werift';
  if (url.includes('@noble')) return 'noble (crypto, JS)';
  if (url.includes('/xstate/')) return 'xstate';
  if (url.includes('/ws/')) return 'ws';
  if (url.includes('/src/') || url.includes('janus-xstate-bench')) return 'janus-xstate';
  if (url.startsWith('node:dgram') || url.includes('internal/dgram')) return 'node: UDP (dgram)';
  if (url.includes('crypto')) return 'node: crypto';
  if (url.includes('timers')) return 'node: timers';
  if (url.startsWith('node:')) return 'node: other';
  if (url === '') return `native: ${name || '(anonymous)'}`;
  return 'other JS';
}

/**
 * Reads and summarises `path`.
 *
 * @param path - a `.cpuprofile` file
 * @param topCount - how many functions to list. Default 15
 */
export function summariseProfile(path: string, topCount = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = area(frame.url, frame.functionName);
    if (where === 'idle') continue;
    busyMs += ms;
    areas.set(where, (areas.get(where) ?? 0) + ms);
    const file = frame.url.split('/').slice(-2).join('/');
    const key = `${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }
  const share = (ms: number) => Math.round((ms / Math.max(busyMs, 1)) * 1000) / 10;
  return {
    totalMs: Math.round(totalMs),
    areas: Object.fromEntries([...areas].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, share(v)])),
    top: [...functions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, topCount)
      .map(([k, v]) => [k, share(v)]),
  };
}
