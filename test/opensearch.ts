import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createOpenSearchClient, type OpenSearchClient } from '../opensearch/client/create-client.ts';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { indexNames, type IndexNames } from '../opensearch/record/index-names.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';

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
  await client.indices
    .delete({ index: `${prefix}-*`, expand_wildcards: 'all', ignore_unavailable: true } as never)
    .catch(() => {});
  await client.indices.deleteIndexTemplate({ name: `${prefix}-*` }).catch(() => {});
  await client.cluster.deleteComponentTemplate({ name: `${prefix}-*` }).catch(() => {});
  await client.snapshot.deleteRepository({ repository: `${prefix}-*` }).catch(() => {});
}

/**
 * Prefixes of one test file, each set up on demand and all dropped by `dropAll` (in `afterAll`):
 * a test that needs its own leases, run records or alert state takes a fresh one.
 */
export function setUpPrefixes(client: OpenSearchClient, label: string) {
  const prefixes: string[] = [];
  return {
    async fresh(): Promise<IndexNames> {
      const prefix = uniquePrefix(label);
      prefixes.push(prefix);
      await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
      return indexNames(prefix);
    },
    /** Registers a prefix set up elsewhere, to be dropped with the rest. */
    track(prefix: string): string {
      prefixes.push(prefix);
      return prefix;
    },
    async dropAll(): Promise<void> {
      for (const prefix of prefixes) await dropPrefix(client, prefix);
    },
  };
}
