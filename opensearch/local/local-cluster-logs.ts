import { join } from 'node:path';
import type { LocalClusterOptions } from './local-cluster.ts';
import { clusterNameFor, clusterNameOf, readState } from './local-cluster-state.ts';
import { nodePaths } from './node-config.ts';
import { tail } from './node-process.ts';

/** The tail of each node's OpenSearch log (and of its console output, where start-up errors go). */
export async function localClusterLogs(options: LocalClusterOptions, lines = 50): Promise<string> {
  const state = await readState(options);
  if (!state) return `no local cluster named "${clusterNameOf(options)}" under ${options.home}`;
  const parts: string[] = [];
  for (const node of state.nodes) {
    const paths = nodePaths(node.dir);
    const log = await tail(join(paths.logs, `${clusterNameFor(state.name)}.log`), lines);
    const console = await tail(paths.stdout, Math.min(lines, 20));
    parts.push(`== ${node.name} (${paths.logs})\n${log || console || '(no log yet)'}`);
  }
  return parts.join('\n');
}
