import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { createStructuredLogger } from '../loggers/structured-logger.ts';
import { passThroughFormat } from '../transport/pass-through-format.ts';
import { runWithContext } from './correlation-context.ts';
import { OpenSearchTransport } from '../transport/opensearch-transport.ts';
import { startTracingSdk, type TracingSdk } from './fixtures/tracing-sdk.ts';

const client = testClient();
const prefix = uniquePrefix('otel');
const names = indexNames(prefix);
let sdk: TracingSdk;
let transport: OpenSearchTransport;

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  sdk = startTracingSdk();
  transport = new OpenSearchTransport({
    client,
    service: 'crm-1c-sync',
    indexPrefix: prefix,
    spoolDir: await mkdtemp(join(tmpdir(), 'synclog-otel-')),
  });
});
afterAll(async () => {
  await transport.close();
  await sdk.stop();
  await dropPrefix(client, prefix);
});

async function byTraceId(traceId: string): Promise<Array<Record<string, unknown>>> {
  await transport.flush();
  await client.indices.refresh({ index: `${prefix}-*` });
  const { body } = await client.search({
    index: names.readAlias,
    body: { query: { term: { trace_id: traceId } }, sort: [{ producer_seq: 'asc' }], size: 10 } as never,
  });
  return (body.hits.hits as Array<{ _source: Record<string, unknown> }>).map((hit) => hit._source);
}

describe('records of a traced operation, through the transport into a real node', () => {
  it('are found by the trace id of the span they were logged in, each with its own span id', async () => {
    const logger = winston.createLogger({ format: passThroughFormat(), transports: [transport] });
    const log = createStructuredLogger({ logger, service: { name: 'crm-1c-sync' } });

    const { parent, child } = await sdk.tracer.startActiveSpan('nightly sync', async (parent) => {
      log.info('sync started');
      await Promise.resolve();
      const child = sdk.tracer.startActiveSpan('customer c-42', (child) => {
        log.info('customer synced');
        child.end();
        return child.spanContext();
      });
      parent.end();
      return { parent: parent.spanContext(), child };
    });
    log.info('outside the trace');

    const found = await byTraceId(parent.traceId);
    expect(found.map((r) => [r['message'], r['trace_id'], r['span_id']])).toEqual([
      ['sync started', parent.traceId, parent.spanId],
      ['customer synced', parent.traceId, child.spanId],
    ]);
  });

  it('carry the span and the correlation run they were logged in even from plain winston calls', async () => {
    const logger = winston.createLogger({ format: passThroughFormat(), transports: [transport] });
    const given = { message: 'a plain call', customer_email: 'x@example.ru' };
    const span = await runWithContext({ correlation_id: 'run-77' }, () =>
      sdk.tracer.startActiveSpan('plain calls', async (active) => {
        logger.info(given.message, { customer_email: given.customer_email });
        await Promise.resolve();
        logger.info('after an await', { trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
        active.end();
        return active.spanContext();
      }),
    );
    const [plain] = await byTraceId(span.traceId);
    expect(plain).toMatchObject({
      message: 'a plain call',
      trace_id: span.traceId,
      span_id: span.spanId,
      correlation_id: 'run-77',
    });
    // What a call carries itself wins over the context.
    const [own] = await byTraceId('0af7651916cd43dd8448eb211c80319c');
    expect(own).toMatchObject({ message: 'after an await', span_id: 'b7ad6b7169203331', correlation_id: 'run-77' });
  });
});
