import { expect } from 'vitest';
import type { OpenSearchClient } from '../opensearch/client/create-client.ts';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { createLogIndexEnsurer } from '../opensearch/log-indices/ensure-log-index.ts';
import { periodOf } from '../opensearch/record/index-period.ts';
import type { SyncLogRecord } from '../opensearch/record/schema.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../opensearch/setup/setup-config.ts';

/**
 * Applies setup for `prefix` and indexes `records` into their monthly log indices, 10,000 at a
 * time, then refreshes: a seeded data set as the shipper would have left it.
 */
export async function seedPrefix(
  client: OpenSearchClient,
  prefix: string,
  records: readonly SyncLogRecord[],
): Promise<SetupConfig> {
  const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  const ensurer = createLogIndexEnsurer(client, config.names);
  for (let start = 0; start < records.length; start += 10_000) {
    const body: unknown[] = [];
    for (const r of records.slice(start, start + 10_000))
      body.push({ create: { _index: await ensurer.ensure(periodOf(r['@timestamp'], 'month')), _id: r.event_id } }, r);
    const { body: result } = await client.bulk({ body } as never, { requestTimeout: 120_000 });
    expect((result as unknown as { errors: boolean }).errors).toBe(false);
  }
  await client.indices.refresh({ index: config.names.logsPattern });
  return config;
}
