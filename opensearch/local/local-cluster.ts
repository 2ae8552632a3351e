import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { obtainDistribution } from './distribution-artifact.ts';
import { ensureFreeSpace, installDistribution } from './install-distribution.ts';
import { findJavaHome, requiredJavaMajor } from './java-home.ts';
import { LocalNodeError, asDiskFull } from './local-node-error.ts';
import { localLayout } from './local-paths.ts';
import { nodePaths, writeNodeConfig, type NodeSpec, type NodeTemperature } from './node-config.ts';
import { isAlive, isOpenSearchProcess, readPid, removePid, stopProcess, tail, writePid } from './node-process.ts';
import { chownTree, ensureNodeUser } from './node-user.ts';
import { freePort, isPortFree } from './ports.ts';

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

const clusterNameOf = (o: LocalClusterOptions) => o.name ?? 'default';

async function readState(options: LocalClusterOptions): Promise<LocalClusterState | null> {
  try {
    return JSON.parse(
      await readFile(localLayout(options.home).stateFile(clusterNameOf(options)), 'utf8'),
    ) as LocalClusterState;
  } catch {
    return null;
  }
}

async function clusterAnswers(url: string, nodes: number, waitSeconds = 0): Promise<boolean> {
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

const clusterNameFor = (name: string) => `synclog-${name}`;

async function choosePorts(
  options: LocalClusterOptions,
  count: number,
): Promise<Array<{ http: number; transport: number }>> {
  const ports: Array<{ http: number; transport: number }> = [];
  for (let i = 0; i < count; i++) {
    let http: number;
    if (options.port !== undefined) {
      http = options.port + i;
      if (!(await isPortFree(http))) {
        throw new LocalNodeError(
          'PORT_BUSY',
          `port ${http} on 127.0.0.1 is already in use by another process; stop it or choose another port (SYNCLOG_OPENSEARCH_PORT or --port)`,
        );
      }
    } else {
      http = i === 0 && (await isPortFree(9200)) ? 9200 : await freePort();
    }
    ports.push({ http, transport: await freePort() });
  }
  return ports;
}

/**
 * Starts (or reuses) a local OpenSearch cluster of `nodes` nodes on loopback and waits until it
 * is yellow or green. As root, the nodes run as an unprivileged user.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<StartResult> {
  const began = Date.now();
  const log = options.log ?? (() => {});
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

  const ports = await choosePorts(options, count);
  const nodes: NodeSpec[] = ports.map((p, i) => ({
    clusterName: clusterNameFor(name),
    name: `${name}-${i}`,
    dir: layout.node(name, `node-${i}`),
    httpPort: p.http,
    transportPort: p.transport,
    temp: i === 0 ? 'hot' : 'cold',
    seedHosts: ports.map((q) => `127.0.0.1:${q.transport}`),
    clusterManager: `${name}-0`,
    repositoryPath: layout.repository(name),
    heap: options.heap ?? '512m',
  }));
  try {
    for (const node of nodes) await writeNodeConfig(node, distDir);
  } catch (error) {
    throw asDiskFull(error, layout.cluster(name));
  }
  await chownTree(user, layout.cluster(name));

  const state: LocalClusterState = {
    name,
    version,
    url: `http://127.0.0.1:${ports[0]!.http}`,
    javaHome: java.home,
    nodes: nodes.map(({ name: n, dir, httpPort, transportPort, temp }) => ({
      name: n,
      dir,
      httpPort,
      transportPort,
      temp,
    })),
  };
  await mkdir(layout.cluster(name), { recursive: true });
  await writeFile(layout.stateFile(name), `${JSON.stringify(state, null, 2)}\n`);

  const pids = nodes.map((node) => launch(node, distDir, java.home, user, options.home));
  for (const [i, node] of nodes.entries()) await writePid(nodePaths(node.dir).pidFile, pids[i]!);

  const deadline = began + (options.startTimeoutMs ?? 180_000);
  while (!(await clusterAnswers(state.url, count, 1))) {
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
      throw new LocalNodeError('START_TIMEOUT', `OpenSearch did not become ready in time at ${state.url}.\n${logs}`);
    }
    await sleep(250);
  }
  return { ...state, reused: false, startMs: Date.now() - began };
}

function launch(
  node: NodeSpec,
  distDir: string,
  javaHome: string,
  user: { uid: number; gid: number } | null,
  home: string,
): number {
  const paths = nodePaths(node.dir);
  const out = openSync(paths.stdout, 'a');
  try {
    const child = spawn(join(distDir, 'bin', 'opensearch'), [], {
      cwd: node.dir,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        HOME: home,
        OPENSEARCH_JAVA_HOME: javaHome,
        OPENSEARCH_PATH_CONF: paths.config,
      },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    child.unref();
    if (child.pid === undefined)
      throw new LocalNodeError('NODE_DIED', `could not start ${join(distDir, 'bin', 'opensearch')}`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

/** Removes a cluster's data, config and state (the shared distribution stays). */
export async function deleteLocalCluster(options: LocalClusterOptions): Promise<void> {
  await stopLocalCluster(options);
  await rm(localLayout(options.home).cluster(clusterNameOf(options)), { recursive: true, force: true });
}
