import { chmod, rm } from 'node:fs/promises';
import { waitForHealth } from './cluster-health.ts';
import { planNodes } from './cluster-nodes.ts';
import { obtainDistribution } from './distribution-artifact.ts';
import { ensureFreeSpace, installDistribution } from './install-distribution.ts';
import { findJavaHome, requiredJavaMajor } from './java-home.ts';
import { launchNode } from './launch-node.ts';
import { localClusterLogs } from './local-cluster-logs.ts';
import { clusterNameOf, readState, writeState } from './local-cluster-state.ts';
import { localClusterStatus } from './local-cluster-status.ts';
import { asDiskFull } from './local-node-error.ts';
import { localLayout, type LocalLayout } from './local-paths.ts';
import { nodePaths, writeNodeConfig, type NodeTemperature } from './node-config.ts';
import { writePid } from './node-process.ts';
import { chownTree, ensureNodeUser } from './node-user.ts';
import { stopLocalCluster } from './stop-local-cluster.ts';

// Each operation on a local cluster lives in a file of its own; this is where callers find them all.
export { localClusterLogs, localClusterStatus, stopLocalCluster };

/** The OpenSearch version the local node and docker-compose.yml use. */
export const OPENSEARCH_VERSION = '3.8.0';

export interface LocalClusterOptions {
  /** Directory holding the distribution and the clusters' data (see `synclogHome`). */
  readonly home: string;
  /** Default `default`. Several named clusters can exist side by side. */
  readonly name?: string;
  /** Default 1. With 2 or more, node 0 is `temp=hot` and the others `temp=cold`. */
  readonly nodes?: number;
  /** HTTP port of node 0 (the others use the next ports). Unset: 9200 when free, else any free port. */
  readonly port?: number | undefined;
  /** Default `512m`. */
  readonly heap?: string;
  /** Default `OPENSEARCH_VERSION`. */
  readonly version?: string | undefined;
  readonly zipPath?: string | undefined;
  readonly mavenRepository?: string | undefined;
  /** Default `synclog`: the unprivileged user the node runs as when started by root. */
  readonly user?: string;
  /** Default 180 s. */
  readonly startTimeoutMs?: number;
  readonly env?: Record<string, string | undefined>;
  readonly log?: (line: string) => void;
}

export interface LocalNodeInfo {
  readonly name: string;
  readonly dir: string;
  readonly httpPort: number;
  readonly transportPort: number;
  readonly temp: NodeTemperature;
}

export interface LocalClusterState {
  readonly name: string;
  readonly version: string;
  readonly url: string;
  readonly javaHome: string;
  readonly nodes: readonly LocalNodeInfo[];
}

export interface StartResult extends LocalClusterState {
  /** True when the cluster was already running and was reused as it was. */
  readonly reused: boolean;
  readonly startMs: number;
}

export type NodeStatus = LocalNodeInfo & {
  readonly state: 'running' | 'stopped' | 'stale';
  readonly pid: number | null;
};
export interface ClusterStatus {
  readonly state: 'running' | 'stopped' | 'stale' | 'absent';
  readonly url: string | null;
  readonly nodes: readonly NodeStatus[];
}

/**
 * Starts (or reuses) a local OpenSearch cluster of `nodes` nodes on loopback and waits until it
 * is yellow or green. As root, the nodes run as an unprivileged user.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<StartResult> {
  const began = Date.now();
  const name = clusterNameOf(options);
  const count = options.nodes ?? 1;
  const version = options.version ?? OPENSEARCH_VERSION;
  const layout = localLayout(options.home);

  const status = await localClusterStatus(options);
  const previous = await readState(options);
  if (status.state === 'running' && previous && previous.nodes.length === count && previous.version === version) {
    return { ...previous, reused: true, startMs: Date.now() - began };
  }
  if (status.state !== 'absent') await stopLocalCluster(options);

  const { javaHome, distDir, user } = await prepareDistribution(options, version, layout);
  const nodes = await planNodes(options, name, count, layout);
  try {
    for (const node of nodes) await writeNodeConfig(node, distDir);
  } catch (error) {
    throw asDiskFull(error, layout.cluster(name));
  }
  await chownTree(user, layout.cluster(name));

  const state: LocalClusterState = {
    name,
    version,
    url: `http://127.0.0.1:${nodes[0]!.httpPort}`,
    javaHome,
    nodes: nodes.map(({ name: n, dir, httpPort, transportPort, temp }) => ({
      name: n,
      dir,
      httpPort,
      transportPort,
      temp,
    })),
  };
  await writeState(options.home, state);

  const pids = nodes.map((node) => launchNode(node, distDir, javaHome, user, options.home));
  for (const [i, node] of nodes.entries()) await writePid(nodePaths(node.dir).pidFile, pids[i]!);
  await waitForHealth(options, state.url, nodes, pids, began + (options.startTimeoutMs ?? 180_000));
  return { ...state, reused: false, startMs: Date.now() - began };
}

/** Java, free space, the distribution installed and owned by the user the nodes run as. */
async function prepareDistribution(options: LocalClusterOptions, version: string, layout: LocalLayout) {
  const log = options.log ?? (() => {});
  const java = await findJavaHome(requiredJavaMajor(version), options.env ?? process.env);
  await ensureFreeSpace(options.home);
  await chmod(options.home, 0o755);
  const zip = await obtainDistribution({
    version,
    cacheDir: layout.downloads,
    zipPath: options.zipPath,
    mavenRepository: options.mavenRepository,
    log,
  });
  const distDir = layout.distribution(version);
  const user = await ensureNodeUser(options.user ?? 'synclog', options.home);
  if (await installDistribution(zip, distDir, log)) await chownTree(user, distDir);
  return { javaHome: java.home, distDir, user };
}

/** Removes a cluster's data, config and state (the shared distribution stays). */
export async function deleteLocalCluster(options: LocalClusterOptions): Promise<void> {
  await stopLocalCluster(options);
  await rm(localLayout(options.home).cluster(clusterNameOf(options)), { recursive: true, force: true });
}
