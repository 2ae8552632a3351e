/**
 * Where a process's CPU went, from V8 CPU profiles (`node --cpu-prof`), over every `.cpuprofile`
 * given: self time by function, and by the code that owns it (package or source folder, and file),
 * Node's own internals (`node:buffer`, streams, …) charged to the nearest caller outside them.
 * A profile with a `window-<pid>.json` beside it (see profile-window.ts) counts only the samples
 * inside that window: start-up and the input measured apart are left out.
 *
 *   node --import tsx bench/ingest/profile-summary.ts [--top 25] [--idle] <file.cpuprofile | dir> ...
 *
 * `(idle)` (waiting for I/O) is left out of the shares unless `--idle` is given.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatTable } from '../shared/format-table.ts';
import { windowFile, type ProfileWindow } from './profile-window.ts';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, idle: { type: 'boolean', default: false } },
});
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const files = positionals.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => `${p}/${f}`)
    : [p],
);
const tables = { group: new Map<string, number>(), file: new Map<string, number>(), fn: new Map<string, number>() };
let total = 0;
for (const file of files) summarise(file);

const top = Number(values.top);
console.log(
  `${files.length} profile(s), ${(total / 1e6).toFixed(2)} s of samples${values.idle ? '' : ' (idle left out)'}\n`,
);
for (const [title, map] of [
  ['owner: package or folder (Node internals charged to their caller)', tables.group],
  ['owner: file', tables.file],
  ['function (self)', tables.fn],
] as const) {
  const rows = [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, micros]) => [key, (micros / 1000).toFixed(0), `${((100 * micros) / total).toFixed(1)}%`]);
  console.log(formatTable([title, 'ms', 'share'], rows));
  console.log('');
}

function summarise(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const window = windowOf(file);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const owners = new Map<number, string>();
  const ownerOf = (id: number): string => {
    let owner = owners.get(id);
    if (owner === undefined) {
      const path = pathOf(nodes.get(id)!.callFrame.url);
      const parent = parents.get(id);
      owner = path && !path.startsWith('node:') ? path : parent === undefined ? path : ownerOf(parent);
      owners.set(id, owner);
    }
    return owner;
  };
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromMicros || at > window.toMicros)) return;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)' && !values.idle) return;
    // timeDeltas[i + 1] is the time from sample i to the next: the time sample i stands for.
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const path = pathOf(url);
    const owner = path ? ownerOf(id) : '';
    total += micros;
    add(tables.group, owner ? groupOf(owner) : functionName, micros);
    add(tables.file, owner || functionName, micros);
    add(tables.fn, `${functionName || '(anonymous)'} ${path ? `${path}:${lineNumber + 1}` : ''}`.trim(), micros);
  });
}

/** The window the profiled process left beside its profile (`CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`). */
function windowOf(file: string): ProfileWindow | null {
  const pid = Number(basename(file).split('.')[3]);
  const path = windowFile(dirname(file), pid);
  return Number.isInteger(pid) && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ProfileWindow) : null;
}

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

/** A repository-relative path, a `node:` module, or '' for V8's own entries ((garbage collector), (program)). */
function pathOf(url: string): string {
  if (!url) return '';
  if (url.startsWith('file://')) return relative(ROOT, fileURLToPath(url));
  return url.startsWith('/') ? relative(ROOT, url) : url;
}

/** npm package, repository folder (two levels), or `node:` internals. */
function groupOf(path: string): string {
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = path.slice(modules + 'node_modules/'.length).split('/');
    return `npm ${scope!.startsWith('@') ? `${scope}/${name}` : scope}`;
  }
  if (path.startsWith('node:')) return 'node internals';
  return path.split('/').slice(0, -1).slice(0, 2).join('/') || path;
}
