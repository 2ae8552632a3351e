import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { runWithContext } from '../context/index.ts';
import { serveMetrics } from '../metrics/serve-metrics.ts';
import { createSyncMetrics } from '../metrics/sync-metrics.ts';
import { OpenSearchTransport } from '../transport/opensearch-transport.ts';
import { createCustomerSyncLogger, createStructuredLogger } from './index.ts';

const client = testClient();
const prefix = uniquePrefix('loggers');
const names = indexNames(prefix);
const registry = new Registry();
let transport: OpenSearchTransport;
let logger: winston.Logger;

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  transport = new OpenSearchTransport({
    client,
    registry,
    service: 'crm-1c-sync',
    indexPrefix: prefix,
    spoolDir: await mkdtemp(join(tmpdir(), 'synclog-')),
  });
  logger = winston.createLogger({ level: 'debug', transports: [transport] });
});
afterAll(async () => {
  await transport.close();
  await dropPrefix(client, prefix);
});

const search = async (query: object) => {
  await transport.flush();
  await client.indices.refresh({ index: `${prefix}-*` });
  const { body } = await client.search({ index: names.readAlias, body: { query, size: 50 } as never });
  return (body.hits.hits as Array<{ _source: Record<string, unknown> }>).map((h) => h._source);
};

describe('the loggers, through the transport, into a real node', () => {
  it('stores a customer import as a full sync record an administrator can find by e-mail and 1C id', async () => {
    const sync = createCustomerSyncLogger({ logger, metrics: createSyncMetrics(registry) });
    const operationId = sync.logCustomerImport({
      customer: {
        id: 'c-42',
        name: 'ООО «Ромашка»',
        email: 'Info@Romashka.RU',
        role: 'dealer',
        onecId: 'ЦБ-000042',
        type: 'legal',
      },
      result: { status: 'success', createdNew: true, durationMs: 812 },
    });
    const [record] = await search({
      bool: { filter: [{ term: { customer_email: 'info@romashka.ru' } }, { term: { onec_id: 'ЦБ-000042' } }] },
    });
    expect(record).toMatchObject({
      operation_id: operationId,
      operation_type: 'import_from_1c',
      status: 'success',
      customer: { id: 'c-42', name: 'ООО «Ромашка»', role: 'dealer' },
      customer_type: 'legal',
      created_new: true,
      duration_ms: 812,
      service: { name: 'crm-1c-sync' },
    });
  });

  it('gives every record of one sync run the same correlation id, and a failed measure() an error record', async () => {
    const sync = createCustomerSyncLogger({ logger });
    const correlationId = await sync.startRun(async ({ correlationId }) => {
      sync.logSyncChanges({
        customer: { id: 'c-1', name: 'Иванов' },
        direction: '1c_to_crm',
        changes: [{ field: 'phone', from: '+7 900 000-00-01', to: '+7 900 000-00-02' }],
        result: { status: 'success' },
      });
      await sync
        .measure('export_to_1c', async () => {
          throw new Error('1C answered 503 for customer 77');
        })
        .catch(() => {});
      return correlationId;
    });
    const records = await search({ term: { correlation_id: correlationId } });
    expect(records).toHaveLength(2);
    const failed = records.find((r) => r.status === 'error');
    expect(failed).toMatchObject({
      operation_type: 'export_to_1c',
      level: 'error',
      error_message: '1C answered 503 for customer 77',
    });
    expect(failed?.error_fingerprint).toBe('<n> answered <n> for customer <n>');
  });

  it('stores structured security events with their category and the context of the request', async () => {
    const structured = createStructuredLogger({ logger, service: { name: 'crm-1c-sync', environment: 'test' } });
    runWithContext({ request_id: 'req-9', user_id: 'u-7' }, () =>
      structured.logSecurityEvent({ event: 'login_failed', userId: 'u-7', outcome: 'blocked' }),
    );
    const [event] = await search({ term: { category: 'security' } });
    expect(event).toMatchObject({ category: 'security', level: 'warn' });
    expect(JSON.stringify(event?.details)).toContain('req-9');
  });

  it('exposes delivery and sync metrics on /metrics for a Prometheus scrape', async () => {
    const server = await serveMetrics(registry, { port: 0 });
    try {
      const text = await (await fetch(server.url)).text();
      expect(text).toMatch(/^synclog_shipper_records_sent_total \d+/m);
      expect(text).toMatch(/^synclog_shipper_queue_records 0$/m);
      expect(text).toMatch(/^synclog_shipper_spool_records 0$/m);
      expect(text).toMatch(/^synclog_sync_operations_total\{operation_type="import_from_1c",status="success"\} 1$/m);
      expect(text).not.toMatch(/romashka|c-42/i);
    } finally {
      await server.close();
    }
  });
});
