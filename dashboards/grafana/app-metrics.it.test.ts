import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../test/until.ts';
import { startMetricsApp, type MetricsApp, type Route } from './fixtures/metrics-app.ts';
import { startPrometheus, type PrometheusProcess, type PromSample } from './fixtures/prometheus-process.ts';

// Known traffic: /customers/:id answers 500 for ids from 900 on, after 300 ms; else 200 after 20 ms.
const respond = (path: string): Route => {
  if (path === '/health') return { status: 200, durationMs: 5 };
  return Number(path.split('/')[2]) >= 900 ? { status: 500, durationMs: 300 } : { status: 200, durationMs: 20 };
};
const APP_METRIC = /api_request|database_query|external_api/;

let app: MetricsApp;
let prom: PrometheusProcess;
/** The window from a scrape before the counted traffic to one after it, and that last scrape's time. */
let windowMs: number;
let at: number;
let panels: Array<{ title: string; exprs: string[] }>;

const total = async () => Number((await prom.query('sum(api_requests_total)'))[0]?.value[1] ?? -1);
const scrapeTime = async () => Number((await prom.query('max(timestamp(api_requests_total))'))[0]?.value[1]);

async function driveTraffic(
  requests: string[],
  queries: number[],
  failedInserts: number,
  calls: Array<number | undefined>,
) {
  for (const path of requests) await app.get(path);
  for (const ms of queries) app.log.logDatabaseQuery({ operation: 'select', table: 'customers', durationMs: ms });
  for (let i = 0; i < failedInserts; i++)
    app.log.logDatabaseQuery({ operation: 'insert', table: 'orders', durationMs: 8, error: new Error('deadlock') });
  for (const status of calls)
    app.log.logApiCall({ service: 'onec', method: 'POST', url: 'https://1c.example/hs', status, durationMs: 50 });
}

beforeAll(async () => {
  app = await startMetricsApp(respond);
  prom = await startPrometheus(app.metricsTarget);
  const dashboard = JSON.parse(await readFile(new URL('./synclog.json', import.meta.url), 'utf8')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  panels = dashboard.panels
    .map((p) => ({ title: p.title, exprs: p.targets.map((t) => t.expr) }))
    .filter((p) => p.exprs.some((e) => APP_METRIC.test(e)));

  // Every series once, scraped: the counted traffic below is what each series gained after that scrape.
  await driveTraffic(['/customers/1', '/customers/901', '/health'], [3], 1, [200, 503, undefined]);
  await until('the scrape of the first requests', async () => (await total()) === 3);
  const start = await scrapeTime();

  const ids = [1, 2, 3, 4, 5, 6, 7, 900, 901, 902];
  await driveTraffic([...ids.map((id) => `/customers/${id}`), '/health', '/health'], [3, 3, 3, 3, 40], 2, [
    200,
    200,
    200,
    200,
    200,
    503,
    undefined,
  ]);
  await until('the scrape of the counted requests', async () => (await total()) === 15);
  at = await scrapeTime();
  windowMs = Math.round((at - start) * 1000);
}, 120_000);

afterAll(async () => {
  await prom?.close();
  await app?.close();
});

/** A panel's expression as Grafana would send it, its interval variables set to the test's window. */
async function panel(title: string, index = 0): Promise<PromSample[]> {
  const expr = panels.find((p) => p.title.startsWith(title))?.exprs[index];
  if (!expr) throw new Error(`no panel ${title} (${index})`);
  // Prometheus 2 selects [t - w, t] inclusive: both scrapes are in, no extrapolation at either end.
  return prom.query(expr.replaceAll(/\$__(rate_interval|interval|range)/g, `${windowMs}ms`), at);
}
const perSecond = (count: number) => count / (windowMs / 1000);
const byLabels = (samples: PromSample[], ...labels: string[]) =>
  new Map(samples.map((s) => [labels.map((l) => s.metric[l]).join(' '), Number(s.value[1])]));

describe('the Grafana panels over the application metrics, against real Prometheus', () => {
  it('has the request rate, latency, 5xx, database and external call panels', () => {
    expect(panels.map((p) => p.title.split(' ').slice(0, 2).join(' '))).toEqual([
      'API requests',
      'API latency',
      'API 5xx',
      'Database query',
      'External API',
    ]);
  });

  it('shows the requests per second by method and route template', async () => {
    const rates = byLabels(await panel('API requests'), 'method', 'endpoint');
    expect([...rates.keys()].sort()).toEqual(['GET /customers/:id', 'GET /health']);
    expect(rates.get('GET /customers/:id')).toBeCloseTo(perSecond(10), 9);
    expect(rates.get('GET /health')).toBeCloseTo(perSecond(2), 9);
  });

  it('puts p50 in the bucket of the fast answers and p95 in the bucket of the slow ones', async () => {
    // 12 requests: 2 × 5 ms, 7 × 20 ms (le 0.025), 3 × 300 ms (le 0.5). p50 is the 6th: a 20 ms one.
    const p50 = Number((await panel('API latency', 0))[0]?.value[1]);
    const p95 = Number((await panel('API latency', 1))[0]?.value[1]);
    expect(p50).toBeGreaterThan(0.01);
    expect(p50).toBeLessThanOrEqual(0.025);
    // Linear inside the bucket: 2 below 0.01, rank 6 is the 4th of the 7 in (0.01, 0.025].
    expect(p50).toBeCloseTo(0.01 + 0.015 * (4 / 7), 9);
    expect(p95).toBeGreaterThan(0.25);
    expect(p95).toBeLessThanOrEqual(0.5);
    expect(p95).toBeCloseTo(0.25 + 0.25 * ((0.95 * 12 - 9) / 3), 9);
  });

  it('shows the share of 5xx answers', async () => {
    expect(Number((await panel('API 5xx'))[0]?.value[1])).toBeCloseTo(3 / 12, 9);
  });

  it('shows database latency by operation and table within the produced buckets, and the errors', async () => {
    const p50 = byLabels(await panel('Database query', 0), 'operation', 'table');
    const p95 = byLabels(await panel('Database query', 1), 'operation', 'table');
    // select customers: 4 × 3 ms (le 0.005), 1 × 40 ms (le 0.05); insert orders: 2 × 8 ms (le 0.01).
    expect(p50.get('select customers')).toBeGreaterThan(0.0025);
    expect(p50.get('select customers')).toBeLessThanOrEqual(0.005);
    expect(p95.get('select customers')).toBeGreaterThan(0.025);
    expect(p95.get('select customers')).toBeLessThanOrEqual(0.05);
    expect(p50.get('insert orders')).toBeGreaterThan(0.005);
    expect(p50.get('insert orders')).toBeLessThanOrEqual(0.01);
    const errors = byLabels(await panel('Database query', 2), 'operation', 'table');
    expect(errors.get('insert orders')).toBeCloseTo(perSecond(2), 9);
    expect(errors.get('select customers') ?? 0).toBe(0);
  });

  it('shows external calls by service and status, and the failed ones', async () => {
    const calls = byLabels(await panel('External API', 0), 'service', 'status');
    expect(calls).toEqual(
      new Map([
        ['onec 200', expect.closeTo(perSecond(5), 9)],
        ['onec 503', expect.closeTo(perSecond(1), 9)],
        ['onec none', expect.closeTo(perSecond(1), 9)],
      ]),
    );
    expect(byLabels(await panel('External API', 1), 'service').get('onec')).toBeCloseTo(perSecond(2), 9);
  });
});
