import { Registry } from 'prom-client';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { createCustomerSyncLogger } from '../loggers/customer-sync-logger.ts';
import { OpenSearchTransport } from '../transport/opensearch-transport.ts';
import { createSyncMetrics } from './sync-metrics.ts';

const client = testClient();
const prefix = uniquePrefix('opmetrics');

beforeAll(() => runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }))));
afterAll(() => dropPrefix(client, prefix));

async function operationCounts(registry: Registry): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === 'synclog_sync_operations_total');
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [`${v.labels.operation_type}/${v.labels.status}`, v.value]),
  );
}

describe('sync metrics fed by the transport', () => {
  it("counts plain winston operation calls once each, a sync logger's once, and plain messages not at all", async () => {
    const registry = new Registry();
    const syncMetrics = createSyncMetrics(registry);
    const transport = new OpenSearchTransport({
      client,
      service: 'crm',
      indexPrefix: prefix,
      spoolDir: false,
      syncMetrics,
    });
    const logger = winston.createLogger({ transports: [transport] });
    const calls: Array<[string, string]> = [
      ['import_from_1c', 'success'],
      ['import_from_1c', 'success'],
      ['export_to_1c', 'error'],
      ['price_update', 'success'],
      ['import_from_1c', 'partial'],
    ];
    for (const [operation_type, status] of calls)
      logger.info('plain call', { operation_type, status, duration_ms: 120 });
    logger.info('cache warmed');
    logger.info('progress', { operation_id: 'op-1' });
    const sync = createCustomerSyncLogger({ logger, metrics: syncMetrics });
    sync.logCustomerExport({ customer: { id: 'c-1' }, result: { status: 'success', durationMs: 30 } });

    expect(await transport.flush()).toMatchObject({ delivered: calls.length + 3, deadLettered: 0 });
    await transport.close();
    expect(await operationCounts(registry)).toEqual({
      'import_from_1c/success': 2,
      'export_to_1c/error': 1,
      'other/success': 1,
      'import_from_1c/other': 1,
      'export_to_1c/success': 1,
    });
  });
});
