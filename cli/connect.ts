import {
  connectionFromEnv,
  createOpenSearchClient,
  type OpenSearchClient,
} from '../opensearch/client/create-client.ts';
import type { OpenSearchEnv } from '../opensearch/config/env.ts';
import { ConfigError } from '../opensearch/config/parse-env.ts';
import { startLocalCluster } from '../opensearch/local/local-cluster.ts';
import { localClusterOptionsOf } from './local-cluster-options.ts';

export interface Connection {
  readonly client: OpenSearchClient;
  readonly url: string;
  readonly local: boolean;
}

/**
 * The cluster the service and CLI talk to: `OPENSEARCH_URL`, or (outside production) the local
 * node, started or reused. The first line printed says which.
 */
export async function connect(
  env: OpenSearchEnv,
  rawEnv: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<Connection> {
  if (env.OPENSEARCH_URL) {
    say(`OpenSearch: ${env.OPENSEARCH_URL.join(', ')}`);
    return {
      client: createOpenSearchClient(connectionFromEnv(env, env.OPENSEARCH_URL)),
      url: env.OPENSEARCH_URL[0]!,
      local: false,
    };
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError([{ variable: 'OPENSEARCH_URL', message: 'is required when NODE_ENV=production' }]);
  }
  const options = localClusterOptionsOf(env, rawEnv);
  say(`OPENSEARCH_URL is not set: using the local OpenSearch node (${options.home})`);
  const cluster = await startLocalCluster({ ...options, log: (line) => say(`  ${line}`) });
  say(
    cluster.reused
      ? `local OpenSearch ${cluster.version} already running at ${cluster.url}`
      : `local OpenSearch ${cluster.version} started at ${cluster.url} in ${(cluster.startMs / 1000).toFixed(1)} s`,
  );
  return { client: createOpenSearchClient(connectionFromEnv(env, [cluster.url])), url: cluster.url, local: true };
}
