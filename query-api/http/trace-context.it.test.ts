import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv, type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { startTracingSdk, type TracingSdk } from '../../shipper/context/fixtures/tracing-sdk.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { readAccessLog } from '../audit/access-log.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';

const client = testClient();
const prefix = uniquePrefix('trace-context');
const ADMIN = 'admin-token-traces-0123456789';
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
let config: SetupConfig;
let sdk: TracingSdk;

beforeAll(async () => {
  config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  sdk = startTracingSdk();
});
afterAll(async () => {
  await sdk.stop();
  await dropPrefix(client, prefix);
});

const app = () => createApp({ client, names: config.names, tokens: apiTokens([{ role: 'admin', token: ADMIN }]) });
const get = (path: string, headers: Record<string, string> = {}) =>
  app().request(path, { headers: { Authorization: `Bearer ${ADMIN}`, ...headers } });
const searchesOfTrace = async (traceId: string) => {
  await client.indices.refresh({ index: config.names.accessLog });
  return readAccessLog(client, config.names, { event: 'search', trace_id: traceId, size: 10 });
};

describe('the service continues its caller’s trace in its own access log', () => {
  it('records a search made with a traceparent under the header’s trace and parent span ids', async () => {
    const response = await get('/logs?q=trace-me', { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` });
    expect(response.status).toBe(200);

    const entries = await searchesOfTrace(CALLER_TRACE);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ route: '/logs', trace_id: CALLER_TRACE, span_id: CALLER_SPAN });
  });

  it('lets an administrator find what the service did for a trace with GET /audit?trace_id', async () => {
    const trace = 'a'.repeat(31) + 'b';
    await get('/logs?q=audit-me', { traceparent: `00-${trace}-${CALLER_SPAN}-01` });
    await client.indices.refresh({ index: config.names.accessLog });

    const response = await get(`/audit?trace_id=${trace}&event=search`);
    const { entries } = (await response.json()) as { entries: Array<Record<string, unknown>> };
    expect(entries.map((e) => [e['route'], e['trace_id'], e['filters']])).toEqual([
      ['/logs', trace, { q: 'audit-me' }],
    ]);
  });

  it('records the active span of the SDK the service runs under when the request has no traceparent', async () => {
    const server = await sdk.tracer.startActiveSpan('GET /logs', async (span) => {
      expect((await get('/logs?q=sdk-span')).status).toBe(200);
      span.end();
      return span.spanContext();
    });

    const entries = await searchesOfTrace(server.traceId);
    expect(entries.map((e) => [e.trace_id, e.span_id])).toEqual([[server.traceId, server.spanId]]);
  });

  it('records no trace for a request without traceparent outside any span, and ignores an invalid header', async () => {
    await get('/logs?q=untraced');
    await get('/logs?q=bad-header', { traceparent: `00-${'0'.repeat(32)}-${CALLER_SPAN}-01` });
    await client.indices.refresh({ index: config.names.accessLog });

    const entries = await readAccessLog(client, config.names, { event: 'search', size: 50 });
    const untraced = entries.filter((e) => ['untraced', 'bad-header'].includes(String(e.filters['q'])));
    expect(untraced).toHaveLength(2);
    for (const entry of untraced) expect(entry).not.toHaveProperty('trace_id');
  });
});
