import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time (µs) per key over the samples of a profile; idle time is left out. */
export type SelfTimes = Map<string, number>;

/** Runs `work` under V8's sampling profiler in this process; writes the profile to `file` (Chrome DevTools format). */
export async function profileDuring(work: () => Promise<void>, file: string): Promise<Profile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await work();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    writeFileSync(file, JSON.stringify(profile));
    return profile;
  } finally {
    session.disconnect();
  }
}

/** Sums each sample's time onto `keyOf` its frame. */
export function selfTimes(profile: Profile, keyOf: (frame: ProfileNode['callFrame']) => string): SelfTimes {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals: SelfTimes = new Map();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') return;
    const key = keyOf(frame);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return totals;
}

/** A function as `name (file:line)`, the path cut to what follows the repository or node_modules. */
export function functionKey(frame: ProfileNode['callFrame']): string {
  const file = frame.url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^file:\/\/.*?\/(query-api|opensearch|bench)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} (${file || 'V8 builtin'}:${frame.lineNumber + 1})`;
}

/** Where a function lives: a package, a folder of ours, a Node module, or V8 itself. */
export function areaKey(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : 'V8 builtins (JSON, strings, regexps, …)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  const ours = /\/(query-api|opensearch|shipper|bench)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:'))
    return `node:${url
      .slice(5)
      .replace(/^internal\//, '')
      .split('/')[0]!
      .replace(/^_/, '')}`;
  return url;
}
