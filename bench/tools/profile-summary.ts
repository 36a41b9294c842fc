/**
 * Summarises a V8 `.cpuprofile` (self time) or `.heapprofile` (live sampled bytes) by function and by
 * where the code lives (xstate, src/, machines/, ws, janode, node internals...), or a `.heapsnapshot` by
 * constructor and by what holds the internal arrays (`--base` another snapshot: the growth between the
 * two; `--per N`: divided by N sessions). For the bench's "why does it miss" notes:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --expose-gc --import tsx bench/memory-child.ts ...
 *   npx tsx bench/tools/profile-summary.ts "$(ls -S /tmp/prof/*.cpuprofile | head -1)" --top 30
 *   node --expose-gc --import tsx bench/memory-child.ts --client janus-xstate-ws --sessions 2000 \
 *     --heap-snapshot /tmp/jx.heapsnapshot
 *   npx tsx bench/tools/profile-summary.ts /tmp/jx.heapsnapshot --base /tmp/jx.base.heapsnapshot --per 2000
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** Where a frame's code lives. */
export function area(url: string): string {
  if (url === '') return '(native/gc/idle)';
  if (url.startsWith('node:')) return 'node internals';
  for (const [needle, name] of [
    ['/node_modules/xstate/', 'xstate'],
    ['/node_modules/ws/', 'ws'],
    ['/node_modules/janode/', 'janode'],
    ['/node_modules/undici/', 'undici'],
    ['/node_modules/tsx/', 'tsx'],
    ['/src/', 'janus-xstate src/'],
    ['/machines/', 'janus-xstate machines/'],
    ['/bench/', 'bench'],
  ] as const) {
    if (url.includes(needle)) return name;
  }
  return 'other';
}

function label(f: CallFrame): string {
  const file = f.url.replace(/^.*\/(node_modules\/[^/]+|src|machines|bench)\//, '$1/');
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
}

function top(map: Map<string, number>, n: number, total: number, unit: (x: number) => string): string[] {
  return [...map.entries()]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)} %  ${unit(v).padStart(10)}  ${k}`);
}

function summariseCpu(
  p: { nodes: CpuNode[]; startTime: number; endTime: number; samples: number[] },
  n: number,
) {
  const perSampleMs = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length);
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const node of p.nodes) {
    const ms = (node.hitCount ?? 0) * perSampleMs;
    if (node.callFrame.functionName === '(idle)' || ms === 0) continue;
    total += ms;
    byFn.set(label(node.callFrame), (byFn.get(label(node.callFrame)) ?? 0) + ms);
    const a = area(node.callFrame.url);
    byArea.set(a, (byArea.get(a) ?? 0) + ms);
  }
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  return [
    `busy ${ms(total)}`,
    '',
    'by area:',
    ...top(byArea, 20, total, ms),
    '',
    'by function (self):',
    ...top(byFn, n, total, ms),
  ];
}

function summariseHeap(p: { head: HeapNode }, n: number) {
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode, stack: string): void => {
    if (node.selfSize > 0) {
      total += node.selfSize;
      const key = `${label(node.callFrame)}  <-  ${stack}`;
      byFn.set(key, (byFn.get(key) ?? 0) + node.selfSize);
      const a = area(node.callFrame.url);
      byArea.set(a, (byArea.get(a) ?? 0) + node.selfSize);
    }
    const here =
      node.callFrame.url.includes('/node_modules/') || !node.callFrame.url ? stack : label(node.callFrame);
    for (const c of node.children) walk(c, here);
  };
  walk(p.head, '');
  const kb = (x: number) => `${(x / 1024).toFixed(0)} KB`;
  return [
    `live sampled ${kb(total)}`,
    '',
    'by area (allocating frame):',
    ...top(byArea, 20, total, kb),
    '',
    'by allocating function (<- nearest project frame):',
    ...top(byFn, n, total, kb),
  ];
}

interface Snapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Tally {
  total: number;
  arrays: number;
  bySort: Map<string, number>;
  counts: Map<string, number>;
  arraysByOwner: Map<string, number>;
}

function tallySnapshot(p: Snapshot): Tally {
  const fields = p.snapshot.meta.node_fields;
  const types = p.snapshot.meta.node_types[0];
  const width = fields.length;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const bySort = new Map<string, number>();
  const counts = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.nodes.length; i += width) {
    const size = p.nodes[i + iSize]!;
    const type = types[p.nodes[i + iType]!] ?? '?';
    const raw = p.strings[p.nodes[i + iName]!] ?? '?';
    const name =
      type === 'object' || type === 'closure'
        ? raw
        : `(${type}${type === 'hidden' ? ` ${raw.slice(0, 40)}` : ''})`;
    const key = `${type === 'closure' ? 'closure ' : ''}${name}`;
    total += size;
    bySort.set(key, (bySort.get(key) ?? 0) + size);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Internal arrays ("(array)": backing stores, hash tables, ...) by the first object that holds them.
  const iEdges = fields.indexOf('edge_count');
  const eWidth = p.snapshot.meta.edge_fields.length;
  const eTypes = p.snapshot.meta.edge_types[0];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) =>
    p.snapshot.meta.edge_fields.indexOf(f),
  ) as [number, number, number];
  const owned = new Set<number>();
  const arraysByOwner = new Map<string, number>();
  let arrays = 0;
  let e = 0;
  for (let i = 0; i < p.nodes.length; i += width) {
    const ownerType = types[p.nodes[i + iType]!] ?? '?';
    const ownerName = p.strings[p.nodes[i + iName]!] ?? '?';
    const owner =
      ownerType === 'object'
        ? ownerName
        : ownerType === 'closure'
          ? `closure ${ownerName}`
          : `(${ownerType})`;
    for (let k = 0; k < p.nodes[i + iEdges]!; k++, e += eWidth) {
      const to = p.edges[e + eTo]!;
      if (types[p.nodes[to + iType]!] !== 'array' || owned.has(to)) continue;
      owned.add(to);
      const kind = eTypes[p.edges[e + eType]!];
      const edge =
        kind === 'element' || kind === 'hidden' ? `[${kind}]` : (p.strings[p.edges[e + eName]!] ?? '?');
      const key = `${owner}.${edge}`;
      const size = p.nodes[to + iSize]!;
      arrays += size;
      arraysByOwner.set(key, (arraysByOwner.get(key) ?? 0) + size);
    }
  }
  return { total, arrays, bySort, counts, arraysByOwner };
}

function minus(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of a) out.set(k, v - (b.get(k) ?? 0));
  return out;
}

/** Summarises a heap snapshot, or the growth from `base` to it, optionally per session+handle. */
function summariseSnapshot(p: Snapshot, n: number, base?: Snapshot, per = 1): string[] {
  const after = tallySnapshot(p);
  const t = base ? tallySnapshot(base) : undefined;
  const bySort = t ? minus(after.bySort, t.bySort) : after.bySort;
  const counts = t ? minus(after.counts, t.counts) : after.counts;
  const arraysByOwner = t ? minus(after.arraysByOwner, t.arraysByOwner) : after.arraysByOwner;
  const total = after.total - (t?.total ?? 0);
  const arrays = after.arrays - (t?.arrays ?? 0);
  const size = (x: number) => (per > 1 ? `${Math.round(x / per)} B` : `${(x / 1024).toFixed(0)} KB`);
  const count = (k: string) => {
    const c = counts.get(k) ?? 0;
    return per > 1 ? (c / per).toFixed(2) : String(c);
  };
  const what = `${t ? 'growth' : 'heap'}${per > 1 ? ` per session+handle (÷ ${per})` : ''}`;
  return [
    `${what}: ${size(total)}`,
    '',
    'by constructor / kind (self size, count):',
    ...top(bySort, n, total, size).map((line) => `${line}  ×${count(line.replace(/^.*? (KB|B) {2}/, ''))}`),
    '',
    `internal arrays (${size(arrays)}) by holder.edge:`,
    ...top(arraysByOwner, n, arrays, size),
  ];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, base: { type: 'string' }, per: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  console.error(
    'usage: profile-summary.ts FILE.cpuprofile|FILE.heapprofile|FILE.heapsnapshot [--top N]\n' +
      '       [--base BASELINE.heapsnapshot --per SESSIONS]',
  );
  process.exit(2);
}
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
const profile = read(file);
const topN = Number(values.top);
const lines =
  'snapshot' in profile
    ? summariseSnapshot(profile, topN, values.base ? read(values.base) : undefined, Number(values.per ?? 1))
    : 'head' in profile
      ? summariseHeap(profile, topN)
      : summariseCpu(profile, topN);
console.log(lines.join('\n'));
