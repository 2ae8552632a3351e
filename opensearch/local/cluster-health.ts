import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalClusterOptions } from './local-cluster.ts';
import { localClusterLogs } from './local-cluster-logs.ts';
import { LocalNodeError } from './local-node-error.ts';
import { nodePaths, type NodeSpec } from './node-config.ts';
import { isAlive, tail } from './node-process.ts';
import { stopLocalCluster } from './stop-local-cluster.ts';

/** True when the cluster at `url` is yellow or green with exactly `nodes` nodes, waiting up to `waitSeconds` for it. */
export async function clusterAnswers(url: string, nodes: number, waitSeconds = 0): Promise<boolean> {
  try {
    const response = await fetch(
      `${url}/_cluster/health?wait_for_status=yellow&wait_for_nodes=${nodes}&timeout=${waitSeconds}s`,
      {
        signal: AbortSignal.timeout((waitSeconds + 5) * 1000),
      },
    );
    if (!response.ok) return false;
    const health = (await response.json()) as { status?: string; number_of_nodes?: number; timed_out?: boolean };
    return health.timed_out === false && health.number_of_nodes === nodes;
  } catch {
    return false;
  }
}

/**
 * Waits until the freshly launched cluster answers healthy. A node that exits, or a cluster not
 * ready by `deadline` (ms since the epoch), stops the whole cluster and throws with its log.
 */
export async function waitForHealth(
  options: LocalClusterOptions,
  url: string,
  nodes: readonly NodeSpec[],
  pids: readonly number[],
  deadline: number,
): Promise<void> {
  while (!(await clusterAnswers(url, nodes.length, 1))) {
    for (const [i, node] of nodes.entries()) {
      if (!(await isAlive(pids[i]!))) {
        await stopLocalCluster(options);
        const paths = nodePaths(node.dir);
        const logTail = [await tail(join(paths.logs, `${node.clusterName}.log`), 30), await tail(paths.stdout, 10)]
          .filter(Boolean)
          .join('\n');
        throw new LocalNodeError(
          'NODE_DIED',
          `OpenSearch node ${node.name} exited during start-up. Last lines of its log:\n${logTail}`,
        );
      }
    }
    if (Date.now() > deadline) {
      const logs = await localClusterLogs(options, 30);
      await stopLocalCluster(options);
      throw new LocalNodeError('START_TIMEOUT', `OpenSearch did not become ready in time at ${url}.\n${logs}`);
    }
    await sleep(250);
  }
}
