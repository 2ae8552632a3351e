import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createOpenSearchClient, type OpenSearchClient } from '../opensearch/client/create-client.ts';

/** A client for the run's shared test node. */
export function testClient(): OpenSearchClient {
  return createOpenSearchClient({ urls: [inject('opensearchUrl')] });
}

/** An index prefix no other test uses, so tests never see each other's data. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`.toLowerCase();
}

/** Removes every index, template and repository a test created under `prefix`. */
export async function dropPrefix(client: OpenSearchClient, prefix: string): Promise<void> {
  await client.indices.delete({ index: `${prefix}-*`, expand_wildcards: 'all', ignore_unavailable: true } as never).catch(() => {});
  await client.indices.deleteIndexTemplate({ name: `${prefix}-*` }).catch(() => {});
  await client.cluster.deleteComponentTemplate({ name: `${prefix}-*` }).catch(() => {});
  await client.snapshot.deleteRepository({ repository: `${prefix}-*` }).catch(() => {});
}
