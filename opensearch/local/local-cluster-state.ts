import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { LocalClusterOptions, LocalClusterState } from './local-cluster.ts';
import { localLayout } from './local-paths.ts';

export const clusterNameOf = (o: LocalClusterOptions) => o.name ?? 'default';

/** The OpenSearch `cluster.name` of a local cluster, also the name of each node's log file. */
export const clusterNameFor = (name: string) => `synclog-${name}`;

/** What the last start wrote about the cluster; null when it was never started (or its file is unreadable). */
export async function readState(options: LocalClusterOptions): Promise<LocalClusterState | null> {
  try {
    return JSON.parse(
      await readFile(localLayout(options.home).stateFile(clusterNameOf(options)), 'utf8'),
    ) as LocalClusterState;
  } catch {
    return null;
  }
}

/** Written before the nodes are launched, so stop and status find nodes that die during start-up. */
export async function writeState(home: string, state: LocalClusterState): Promise<void> {
  const layout = localLayout(home);
  await mkdir(layout.cluster(state.name), { recursive: true });
  await writeFile(layout.stateFile(state.name), `${JSON.stringify(state, null, 2)}\n`);
}
