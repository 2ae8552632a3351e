import type { LocalClusterOptions } from './local-cluster.ts';
import { readState } from './local-cluster-state.ts';
import { nodePaths } from './node-config.ts';
import { readPid, removePid, stopProcess } from './node-process.ts';

/** Stops every node of the cluster; a no-op when nothing runs. Stale pid files are removed. */
export async function stopLocalCluster(options: LocalClusterOptions): Promise<{ stopped: string[] }> {
  const state = await readState(options);
  const stopped: string[] = [];
  if (!state) return { stopped };
  // Data nodes first, the cluster manager last, so no node waits for a departed manager.
  for (const node of [...state.nodes].reverse()) {
    const { pidFile } = nodePaths(node.dir);
    const pid = await readPid(pidFile);
    if (pid !== null && (await stopProcess(pid)) !== 'not-running') stopped.push(node.name);
    await removePid(pidFile);
  }
  return { stopped };
}
