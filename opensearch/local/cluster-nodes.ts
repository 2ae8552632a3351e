import type { LocalClusterOptions } from './local-cluster.ts';
import { clusterNameFor } from './local-cluster-state.ts';
import { LocalNodeError } from './local-node-error.ts';
import type { LocalLayout } from './local-paths.ts';
import type { NodeSpec } from './node-config.ts';
import { freePort, isPortFree } from './ports.ts';

/**
 * The nodes of a cluster of `count`: node 0 is the cluster manager and `temp=hot`, the others
 * `temp=cold`; each knows every node's transport port as a seed.
 */
export async function planNodes(
  options: LocalClusterOptions,
  name: string,
  count: number,
  layout: LocalLayout,
): Promise<NodeSpec[]> {
  const ports = await choosePorts(options, count);
  return ports.map((p, i) => ({
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
}

/** A port the user chose must be free (it is an error otherwise); unset, 9200 when free, else any free port. */
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
