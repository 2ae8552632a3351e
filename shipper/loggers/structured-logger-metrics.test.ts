import { once } from 'node:events';
import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { createAppMetrics } from '../metrics/app-metrics.ts';
import { createCaptureLogger } from './capture-logger.ts';
import { createStructuredLogger } from './structured-logger.ts';

function setup() {
  const registry = new Registry();
  let now = 1_000;
  const log = createStructuredLogger({
    logger: createCaptureLogger().logger,
    metrics: createAppMetrics(registry),
    clock: () => now,
  });
  const advance = (ms: number) => void (now += ms);
  const values = async (name: string) => {
    const metric = registry.getSingleMetric(name);
    return metric ? (await metric.get()).values : [];
  };
  const counts = async (name: string, key: (labels: Record<string, string | number>) => string) =>
    new Map((await values(name)).map((v) => [key(v.labels as Record<string, string | number>), v.value]));
  return { log, advance, values, counts };
}

const requestKey = (l: Record<string, string | number>) => `${l.method} ${l.endpoint} ${l.status_code}`;

describe('StructuredLogger metrics: httpHandler', () => {
  it('counts requests served by httpHandler under their route template and status code', async () => {
    const { log, advance, counts, values } = setup();
    const handler = log.httpHandler(
      (req, res) => {
        advance(req.url?.startsWith('/customers/7') ? 300 : 20);
        res.statusCode = req.url?.startsWith('/customers/7') ? 500 : 200;
        res.end();
      },
      { route: (req) => (req.url?.startsWith('/named') ? '/named/:slug' : undefined) },
    );
    const server = createServer(handler).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    for (const path of ['/customers/1', '/customers/2?x=1', '/customers/7', '/named/abc', '/health'])
      await (await fetch(`${base}${path}`)).text();
    await vi.waitFor(async () => expect((await values('api_requests_total')).length).toBe(4));
    await new Promise((resolve) => server.close(resolve));

    expect(await counts('api_requests_total', requestKey)).toEqual(
      new Map([
        ['GET /customers/:id 200', 2],
        ['GET /customers/:id 500', 1],
        ['GET /named/:slug 200', 1],
        ['GET /health 200', 1],
      ]),
    );
    const sum = (await values('api_request_duration_seconds')).find(
      (v) =>
        (v as { metricName?: string }).metricName === 'api_request_duration_seconds_sum' &&
        v.labels.endpoint === '/customers/:id',
    );
    expect(sum?.value).toBeCloseTo(0.34);
  });

  it('counts a handler that failed before answering as a 500', async () => {
    const { log, counts } = setup();
    const wrapped = log.httpHandler(async () => {
      throw new Error('handler bug');
    });
    const req = { method: 'GET', url: '/orders/12', headers: {} } as IncomingMessage;

    await expect(wrapped(req, new ServerResponse(req))).rejects.toThrow('handler bug');

    expect(await counts('api_requests_total', requestKey)).toEqual(new Map([['GET /orders/:id 500', 1]]));
  });
});

describe('StructuredLogger metrics: calls and queries', () => {
  it('counts external calls by service (the URL host by default) and failures by service', async () => {
    const { log, counts } = setup();

    log.logApiCall({ method: 'post', url: 'https://1c.example.ru/hs/customers?token=s', status: 200, durationMs: 80 });
    log.logApiCall({ service: 'onec', method: 'GET', url: '/relative', status: 503, durationMs: 900 });
    log.logApiCall({
      service: 'onec',
      method: 'GET',
      url: '/relative',
      durationMs: 5_000,
      error: new Error('timeout'),
    });

    expect(await counts('external_api_calls_total', (l) => `${l.service} ${l.status}`)).toEqual(
      new Map([
        ['1c.example.ru 200', 1],
        ['onec 503', 1],
        ['onec none', 1],
      ]),
    );
    expect(await counts('external_api_errors_total', (l) => String(l.service))).toEqual(new Map([['onec', 2]]));
  });

  it('times database queries by operation and table and counts the failed ones', async () => {
    const { log, counts } = setup();

    log.logDatabaseQuery({ operation: 'select', table: 'customers', durationMs: 3 });
    log.logDatabaseQuery({ operation: 'select', table: 'customers', durationMs: 30 });
    log.logDatabaseQuery({ operation: 'upsert', table: 'customers', durationMs: 8, error: new Error('deadlock') });

    const byQuery = (l: Record<string, string | number>) => `${l.operation} ${l.table} ${l.le ?? ''}`;
    const buckets = await counts('database_query_duration_seconds', byQuery);
    expect([buckets.get('select customers 0.005'), buckets.get('select customers 0.05')]).toEqual([1, 2]);
    expect(await counts('database_query_errors_total', byQuery)).toEqual(new Map([['upsert customers ', 1]]));
  });
});
