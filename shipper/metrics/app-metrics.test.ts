import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createAppMetrics } from './app-metrics.ts';

async function series(registry: Registry, name: string) {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  return (await metric.get()).values.map((v) => ({
    labels: v.labels,
    value: v.value,
    name: (v as { metricName?: string }).metricName,
  }));
}

describe('createAppMetrics: requests', () => {
  it('counts requests by method, endpoint and status code as text, and observes their seconds', async () => {
    const registry = new Registry();
    const metrics = createAppMetrics(registry);

    metrics.apiRequest({ method: 'get', endpoint: '/customers/:id', statusCode: 200, durationMs: 30 });
    metrics.apiRequest({ method: 'GET', endpoint: '/customers/:id', statusCode: 200, durationMs: 70 });
    metrics.apiRequest({ method: 'GET', endpoint: '/customers/:id', statusCode: 503, durationMs: 700 });

    expect(await series(registry, 'api_requests_total')).toEqual([
      { name: undefined, labels: { method: 'GET', endpoint: '/customers/:id', status_code: '200' }, value: 2 },
      { name: undefined, labels: { method: 'GET', endpoint: '/customers/:id', status_code: '503' }, value: 1 },
    ]);
    const histogram = await series(registry, 'api_request_duration_seconds');
    const bucket = (le: number) =>
      histogram.find((s) => s.name === 'api_request_duration_seconds_bucket' && s.labels.le === le)?.value;
    expect([bucket(0.025), bucket(0.05), bucket(0.1), bucket(0.5), bucket(1)]).toEqual([0, 1, 2, 2, 3]);
    expect(histogram.find((s) => s.name === 'api_request_duration_seconds_sum')?.value).toBeCloseTo(0.8);
    expect(histogram[0]?.labels).toMatchObject({ method: 'GET', endpoint: '/customers/:id' });
  });

  it('keeps at most maxEndpoints endpoints and counts every later one as other', async () => {
    const registry = new Registry();
    const metrics = createAppMetrics(registry, { maxEndpoints: 3 });

    for (let i = 0; i < 10; i++)
      metrics.apiRequest({ method: 'GET', endpoint: `/e${i}`, statusCode: 200, durationMs: 1 });
    metrics.apiRequest({ method: 'GET', endpoint: '/e1', statusCode: 200, durationMs: 1 });

    const counts = new Map((await series(registry, 'api_requests_total')).map((s) => [s.labels.endpoint, s.value]));
    expect(counts).toEqual(
      new Map([
        ['/e0', 1],
        ['/e1', 2],
        ['/e2', 1],
        ['other', 7],
      ]),
    );
  });

  it('labels an invented method OTHER and a missing status none', async () => {
    const registry = new Registry();
    const metrics = createAppMetrics(registry);

    metrics.apiRequest({ method: 'PROPFIND', endpoint: '/dav', durationMs: 1 });

    expect((await series(registry, 'api_requests_total'))[0]?.labels).toEqual({
      method: 'OTHER',
      endpoint: '/dav',
      status_code: 'none',
    });
  });
});

describe('createAppMetrics: database queries, external calls, options', () => {
  it('times database queries by operation and table and counts the failed ones', async () => {
    const registry = new Registry();
    const metrics = createAppMetrics(registry);

    metrics.databaseQuery({ operation: 'SELECT', table: 'customers', durationMs: 4, failed: false });
    metrics.databaseQuery({ operation: 'select', table: 'customers', durationMs: 40, failed: true });

    const count = (await series(registry, 'database_query_duration_seconds')).find(
      (s) => s.name === 'database_query_duration_seconds_count',
    );
    expect(count).toMatchObject({ labels: { operation: 'select', table: 'customers' }, value: 2 });
    expect(await series(registry, 'database_query_errors_total')).toMatchObject([
      { labels: { operation: 'select', table: 'customers' }, value: 1 },
    ]);
  });

  it('counts external calls by service and status, and their failures by service', async () => {
    const registry = new Registry();
    const metrics = createAppMetrics(registry);

    metrics.externalCall({ service: 'onec', status: 200, durationMs: 10, failed: false });
    metrics.externalCall({ service: 'onec', durationMs: 5_000, failed: true });

    expect(await series(registry, 'external_api_calls_total')).toMatchObject([
      { labels: { service: 'onec', status: '200' }, value: 1 },
      { labels: { service: 'onec', status: 'none' }, value: 1 },
    ]);
    expect(await series(registry, 'external_api_errors_total')).toMatchObject([
      { labels: { service: 'onec' }, value: 1 },
    ]);
  });

  it('counts a call whose duration the clock could not give without observing it', async () => {
    const registry = new Registry();
    createAppMetrics(registry).apiRequest({ method: 'GET', endpoint: '/', statusCode: 200, durationMs: -3 });

    const histogram = await series(registry, 'api_request_duration_seconds');
    expect(histogram.find((s) => s.name === 'api_request_duration_seconds_count')?.value ?? 0).toBe(0);
    expect((await series(registry, 'api_requests_total'))[0]?.value).toBe(1);
  });

  it('refuses a second instance on one registry and a cap that is not a positive integer', () => {
    const registry = new Registry();
    createAppMetrics(registry);
    expect(() => createAppMetrics(registry)).toThrow(/already holds api_requests_total/);
    expect(() => createAppMetrics(new Registry(), { maxServices: 0 })).toThrow(/options.maxServices/);
  });
});
