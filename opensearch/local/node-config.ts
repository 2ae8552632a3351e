import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type NodeTemperature = 'hot' | 'cold';

export interface NodeSpec {
  readonly clusterName: string;
  readonly name: string;
  readonly dir: string;
  readonly httpPort: number;
  readonly transportPort: number;
  readonly temp: NodeTemperature;
  /** Transport addresses of every node of the cluster; one entry means a single-node cluster. */
  readonly seedHosts: readonly string[];
  readonly clusterManager: string;
  readonly repositoryPath: string;
  readonly heap: string;
}

export const nodePaths = (dir: string) => ({
  config: join(dir, 'config'),
  data: join(dir, 'data'),
  logs: join(dir, 'logs'),
  stdout: join(dir, 'stdout.log'),
  pidFile: join(dir, 'node.pid'),
});

/** Settings for a small machine: loopback only, disk watermarks off, an archive repository path. */
export function nodeSettings(spec: NodeSpec): Record<string, unknown> {
  const paths = nodePaths(spec.dir);
  const single = spec.seedHosts.length === 1;
  return {
    'cluster.name': spec.clusterName,
    'node.name': spec.name,
    'node.attr.temp': spec.temp,
    'network.host': '127.0.0.1',
    'http.port': spec.httpPort,
    'transport.port': spec.transportPort,
    'path.data': paths.data,
    'path.logs': paths.logs,
    'path.repo': [spec.repositoryPath],
    'cluster.routing.allocation.disk.threshold_enabled': false,
    ...(single
      ? { 'discovery.type': 'single-node' }
      : {
          'discovery.seed_hosts': spec.seedHosts,
          'cluster.initial_cluster_manager_nodes': [spec.clusterManager],
          'node.roles': spec.name === spec.clusterManager ? ['cluster_manager', 'data', 'ingest'] : ['data', 'ingest'],
        }),
  };
}

/**
 * The distribution's JVM options with this node's heap, and with the paths it gives relative to
 * the working directory (heap dumps, GC and error logs, the agent) made absolute.
 */
export function nodeJvmOptions(distributionOptions: string, distDir: string, spec: NodeSpec): string {
  const paths = nodePaths(spec.dir);
  return distributionOptions
    .split('\n')
    .map((line) => {
      if (/^-Xm[sx]/.test(line)) return line.slice(0, 4) + spec.heap;
      return line
        .replace('HeapDumpPath=data', `HeapDumpPath=${paths.data}`)
        .replace(/(ErrorFile=|file=)logs\//, `$1${paths.logs}/`)
        .replace('-javaagent:agent/', `-javaagent:${join(distDir, 'agent')}/`);
    })
    .join('\n');
}

/** Writes a node's config directory: the distribution's files plus synclog's settings. */
export async function writeNodeConfig(spec: NodeSpec, distDir: string): Promise<void> {
  const paths = nodePaths(spec.dir);
  const source = join(distDir, 'config');
  await mkdir(join(paths.config, 'jvm.options.d'), { recursive: true });
  await mkdir(paths.data, { recursive: true });
  await mkdir(paths.logs, { recursive: true });
  await mkdir(spec.repositoryPath, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (entry.isFile()) await copyFile(join(source, entry.name), join(paths.config, entry.name));
  }
  const jvmOptions = await readFile(join(source, 'jvm.options'), 'utf8');
  await writeFile(join(paths.config, 'jvm.options'), nodeJvmOptions(jvmOptions, distDir, spec));
  // JSON is YAML: the settings file is written as JSON so no YAML writer is needed.
  await writeFile(join(paths.config, 'opensearch.yml'), `${JSON.stringify(nodeSettings(spec), null, 2)}\n`);
}
