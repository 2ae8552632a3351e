import { localClusterOptions } from '../../cli/local-cluster-options.ts';
import { createOpenSearchClient, type OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { startLocalCluster, stopLocalCluster } from '../../opensearch/local/local-cluster.ts';
import { localClusterStatus } from '../../opensearch/local/local-cluster-status.ts';
import { createLogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { periodOf } from '../../opensearch/record/index-period.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';

/** Benchmarks have a cluster of their own, so they never disturb the `default` or `test` clusters. */
export const BENCH_CLUSTER = 'bench';

export interface BenchCluster {
  readonly url: string;
  readonly client: OpenSearchClient;
  readonly reused: boolean;
  /** The node's Java process, for its CPU time and its affinity; `null` when it cannot be found. */
  readonly pid: number | null;
  stop(): Promise<void>;
}

/**
 * `name` gives a benchmark a cluster of its own while others run theirs on `bench`; with `nodes` 2
 * or more, node 0 is `temp=hot` and the others `temp=cold`.
 */
export async function startBenchCluster(
  log: (line: string) => void,
  name = BENCH_CLUSTER,
  nodes = 1,
): Promise<BenchCluster> {
  const options = { ...localClusterOptions(process.env), name, nodes, port: undefined, log };
  const cluster = await startLocalCluster(options);
  log(
    `${cluster.reused ? 'reusing' : 'started'} local cluster "${name}" at ${cluster.url} (${(cluster.startMs / 1000).toFixed(1)} s)`,
  );
  const client = createOpenSearchClient({ urls: [cluster.url], requestTimeoutMs: 120_000 });
  const status = await localClusterStatus(options);
  return {
    url: cluster.url,
    client,
    reused: cluster.reused,
    pid: status.nodes.find((node) => node.state === 'running')?.pid ?? null,
    async stop() {
      await client.close();
      await stopLocalCluster(options);
    },
  };
}

/**
 * A fresh target for one contender: synclog's setup for its own prefix (templates, so every
 * contender's index has the same settings and mapping), and the log index of the records' month,
 * created up front because `setup` turns automatic creation off for log indices.
 */
export async function prepareTarget(client: OpenSearchClient, prefix: string, recordTime: Date): Promise<string> {
  await dropTarget(client, prefix);
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  const names = indexNames(prefix);
  return createLogIndexEnsurer(client, names).ensure(periodOf(recordTime, 'month'));
}

/** Deletes a contender's log indices at once: their background merges would slow the next contender. */
export async function dropTarget(client: OpenSearchClient, prefix: string): Promise<void> {
  await client.indices.delete({ index: indexNames(prefix).logsPattern, expand_wildcards: 'all' } as never, {
    ignore: [404],
  });
}
