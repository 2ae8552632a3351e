import type { TestProject } from 'vitest/node';
import { localClusterOptions } from '../cli/local-cluster-options.ts';
import { startLocalCluster, stopLocalCluster } from '../opensearch/local/local-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    opensearchUrl: string;
  }
}

/**
 * Test files run setup in parallel, each under its own prefix, and cluster settings have no
 * compare-and-set: concurrent setups would overwrite each other's exclusion. One exclusion that
 * covers every test prefix (`t-…`), set once here, leaves setup nothing to change.
 */
async function excludeTestLogIndicesFromAutoCreate(url: string): Promise<void> {
  const response = await fetch(`${url}/_cluster/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persistent: { 'action.auto_create_index': '-t-*,+*' } }),
  });
  if (!response.ok) throw new Error(`cannot set action.auto_create_index: ${response.status} ${await response.text()}`);
}

/**
 * Integration tests share one real OpenSearch node per run: the local `test` cluster, started
 * (or reused) here. Each test works under its own index prefix. `SYNCLOG_TEST_OPENSEARCH_URL`
 * points the tests at another cluster instead.
 */
export default async function setup(project: TestProject) {
  const external = process.env.SYNCLOG_TEST_OPENSEARCH_URL;
  if (external) {
    project.provide('opensearchUrl', external);
    await excludeTestLogIndicesFromAutoCreate(external);
    return;
  }
  const options = {
    ...localClusterOptions(process.env),
    name: 'test',
    port: undefined,
    log: (line: string) => console.log(`[opensearch] ${line}`),
  };
  const cluster = await startLocalCluster(options);
  console.log(
    `[opensearch] ${cluster.reused ? 'reusing' : 'started'} ${cluster.url} (${(cluster.startMs / 1000).toFixed(1)} s)`,
  );
  project.provide('opensearchUrl', cluster.url);
  await excludeTestLogIndicesFromAutoCreate(cluster.url);
  return async () => {
    if (!cluster.reused && !process.env.SYNCLOG_TEST_KEEP_NODE) await stopLocalCluster(options);
  };
}
