import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { freePort } from '../opensearch/local/ports.ts';
import { runSetup } from '../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { apiTokens } from '../query-api/auth/api-tokens.ts';
import { createApp } from '../query-api/create-app.ts';
import { startServer, type RunningServer } from '../query-api/start-server.ts';
import {
  createCustomerSyncLogger,
  createSyncMetrics,
  OpenSearchTransport,
  serveMetrics,
  type MetricsServer,
} from '../shipper/index.ts';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { until } from '../test/until.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const RULES = here('./prometheus/rules.yml');
const RULE_TESTS = here('./prometheus/rules.test.yml');
const DASHBOARD = here('./grafana/synclog.json');
const METRICS_TOKEN = 'metrics-token-0123456789';

const client = testClient();
const prefix = uniquePrefix('prom');
let transport: OpenSearchTransport;
let appMetrics: MetricsServer;
let api: RunningServer;
let prometheus: ChildProcess;
let promUrl: string;
const logged = new Map<string, number>();

async function query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const response = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data.result;
}

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  // The application: winston with synclog's transport and sync metrics, its registry served for scraping.
  const registry = new Registry();
  transport = new OpenSearchTransport({
    client,
    registry,
    service: 'crm-1c-sync',
    indexPrefix: prefix,
    spoolDir: await mkdtemp(join(tmpdir(), 'synclog-prom-')),
  });
  const sync = createCustomerSyncLogger({
    logger: winston.createLogger({ transports: [transport] }),
    metrics: createSyncMetrics(registry),
  });
  appMetrics = await serveMetrics(registry, { port: 0 });
  // The synclog service, with its own /metrics behind a metrics token.
  api = await startServer(
    createApp({ client, tokens: apiTokens([{ role: 'metrics', token: METRICS_TOKEN }]) }),
    0,
    '127.0.0.1',
  );

  const dir = await mkdtemp(join(tmpdir(), 'synclog-prometheus-'));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  const hostOf = (url: string) => new URL(url).host;
  await writeFile(
    join(dir, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: [${JSON.stringify(RULES)}]`,
      'scrape_configs:',
      `  - { job_name: app, static_configs: [{ targets: ["${hostOf(appMetrics.url)}"] }] }`,
      `  - { job_name: synclog, authorization: { credentials: "${METRICS_TOKEN}" }, static_configs: [{ targets: ["${hostOf(api.url)}"] }] }`,
    ].join('\n'),
  );
  prometheus = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  await until('Prometheus to be ready', async () => (await fetch(`${promUrl}/-/ready`)).ok);

  // Operations logged across several scrapes, so rates and quantiles have data.
  const outcomes = [
    ['import_from_1c', 'success'],
    ['import_from_1c', 'error'],
    ['export_to_1c', 'success'],
    ['import_from_1c', 'success'],
    ['export_to_1c', 'error'],
  ] as const;
  const logRound = (round: number) => {
    for (const [i, [type, status]] of outcomes.entries()) {
      const input = {
        customer: { id: `c-${round}-${i}`, name: 'ООО «Ромашка»' },
        result: { status, durationMs: 100 + ((round * 7 + i * 13) % 40) * 150 },
        ...(status === 'error' ? { error: new TypeError(`1C answered "busy" for c-${round}`) } : {}),
      };
      if (type === 'import_from_1c') sync.logCustomerImport(input);
      else sync.logCustomerExport(input);
      logged.set(`${type} ${status}`, (logged.get(`${type} ${status}`) ?? 0) + 1);
    }
  };
  // A first round, scraped, so each series exists before it grows (a rate needs two samples of it).
  logRound(0);
  await until(
    'the first scrape of the operations',
    async () => (await query('synclog_sync_operations_total')).length === logged.size,
  );
  for (let round = 1; round < 20; round++) {
    logRound(round);
    await fetch(`${api.url}/health`);
    // Each round lands in a scrape of its own: rates and quantiles see the counts grow.
    const total = [...logged.values()].reduce((sum, n) => sum + n, 0);
    await until(`the scrape of round ${round}`, async () => {
      const series = await query('synclog_sync_operations_total');
      return series.reduce((sum, s) => sum + Number(s.value[1]), 0) === total;
    });
  }
  await transport.flush();
}, 180_000);

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await transport?.close();
  await appMetrics?.close();
  await api?.close();
  await dropPrefix(client, prefix);
});

describe('Prometheus scraping the application and the service', () => {
  it('counts in synclog_sync_operations_total exactly the operations that were logged', async () => {
    const total = [...logged.values()].reduce((a, b) => a + b, 0);
    await until(
      'a scrape after the last operation',
      async () => Number((await query('sum(synclog_sync_operations_total)'))[0]?.value[1]) === total,
    );
    const series = await query('synclog_sync_operations_total');
    expect(new Map(series.map((s) => [`${s.metric.operation_type} ${s.metric.status}`, Number(s.value[1])]))).toEqual(
      logged,
    );
    expect(series.every((s) => s.metric.job === 'app')).toBe(true);
    // The service's own /metrics, scraped with the metrics token.
    await until('a scrape of the service', async () => (await query('up{job="synclog"}'))[0]?.value[1] === '1');
    expect((await query('synclog_http_requests_total{route="/health"}')).length).toBeGreaterThan(0);
  });

  it('gets data for the expression of every Grafana panel, and evaluates every rule without error', async () => {
    const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as {
      uid: string;
      schemaVersion: number;
      panels: Array<{
        id: number;
        title: string;
        type: string;
        gridPos: object;
        targets: Array<{ refId: string; expr: string }>;
      }>;
    };
    expect(dashboard).toMatchObject({ uid: 'synclog-sync', schemaVersion: expect.any(Number) });
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    // The application metrics' panels are checked value by value in grafana/app-metrics.it.test.ts.
    const exprs = dashboard.panels
      .flatMap((p) => p.targets.map((t) => ({ panel: p.title, expr: t.expr })))
      .filter((e) => !/api_request|database_query|external_api/.test(e.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(12);
    // Rates over [5m] need two samples: wait until the slowest panel has a value.
    await until(
      'rates over two scrapes',
      async () => (await query(exprs.find((e) => e.expr.includes('histogram_quantile'))!.expr)).length > 0,
    );
    const empty: string[] = [];
    for (const { panel, expr } of exprs) {
      const result = await query(expr);
      if (result.length === 0 || result.every((r) => Number.isNaN(Number(r.value[1]))))
        empty.push(`${panel}: ${expr} => ${JSON.stringify(result)}`);
    }
    expect(empty).toEqual([]);

    await until('the rule groups to be evaluated', async () => {
      const { data } = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as {
        data: { groups: Array<{ rules: Array<{ health: string }> }> };
      };
      return data.groups.length === 2 && data.groups.every((g) => g.rules.every((r) => r.health === 'ok'));
    });
  });

  it('passes promtool check rules and promtool test rules', () => {
    const check = spawnSync('promtool', ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const test = spawnSync('promtool', ['test', 'rules', RULE_TESTS], { encoding: 'utf8' });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toContain('SUCCESS');
  });
});
