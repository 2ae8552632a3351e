import { clusterAnswers } from './cluster-health.ts';
import type { ClusterStatus, LocalClusterOptions, NodeStatus } from './local-cluster.ts';
import { readState } from './local-cluster-state.ts';
import { nodePaths } from './node-config.ts';
import { isOpenSearchProcess, readPid } from './node-process.ts';

/** What is true now: which nodes run, which pid files are stale, whether the cluster answers. */
export async function localClusterStatus(options: LocalClusterOptions): Promise<ClusterStatus> {
  const state = await readState(options);
  if (!state) return { state: 'absent', url: null, nodes: [] };
  const nodes: NodeStatus[] = [];
  for (const node of state.nodes) {
    const pid = await readPid(nodePaths(node.dir).pidFile);
    const alive = pid !== null && (await isOpenSearchProcess(pid));
    nodes.push({ ...node, pid, state: alive ? 'running' : pid === null ? 'stopped' : 'stale' });
  }
  const running = nodes.filter((n) => n.state === 'running').length;
  const overall =
    running === nodes.length && (await clusterAnswers(state.url, nodes.length))
      ? 'running'
      : nodes.some((n) => n.state !== 'stopped')
        ? 'stale'
        : 'stopped';
  return { state: overall, url: state.url, nodes };
}
