import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createShipperMetrics, type ShipperMetrics } from '../../shipper/metrics/shipper-metrics.ts';
import { serveMetrics, type MetricsServer } from '../../shipper/index.ts';
import { until } from '../../test/until.ts';
import { startWebhookReceiver } from '../../test/webhook-receiver.ts';
import { startAlertmanager, startPrometheus, type RunningProcess } from './fixtures/monitoring-processes.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const RULES = here('../prometheus/rules.yml');
const RUNBOOKS_DIR = here('../../docs/runbooks');
const RUNBOOK_BASE = 'https://runbooks.test/docs/runbooks';

interface Notification {
  receiver: string;
  status: string;
  alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>;
}

let critical: Awaited<ReturnType<typeof startWebhookReceiver>>;
let warning: Awaited<ReturnType<typeof startWebhookReceiver>>;
let appMetrics: MetricsServer;
let shipper: ShipperMetrics;
let alertmanager: RunningProcess;
let prometheus: RunningProcess;
let descriptions: Map<string, string>;

const notifications = (receiver: typeof critical) =>
  receiver.received.map((request) => JSON.parse(request.body) as Notification);
const alertsAt = (receiver: typeof critical) => notifications(receiver).flatMap((n) => n.alerts);

async function query(expr: string): Promise<Array<{ value: [number, string] }>> {
  const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return ((await response.json()) as { data: { result: Array<{ value: [number, string] }> } }).data.result;
}

beforeAll(async () => {
  const rules = parse(await readFile(RULES, 'utf8')) as {
    groups: Array<{ rules: Array<{ alert?: string; annotations?: Record<string, string> }> }>;
  };
  descriptions = new Map(
    rules.groups.flatMap((g) => g.rules).flatMap((r) => (r.alert ? [[r.alert, r.annotations?.description ?? '']] : [])),
  );
  critical = await startWebhookReceiver();
  warning = await startWebhookReceiver();
  // The application side: the shipper's own metrics, served for scraping.
  const registry = new Registry();
  shipper = createShipperMetrics(registry);
  appMetrics = await serveMetrics(registry, { port: 0 });

  const dir = await mkdtemp(join(tmpdir(), 'synclog-alert-routing-'));
  alertmanager = await startAlertmanager(
    here('./alertmanager.yml'),
    { critical: critical.url, warning: warning.url },
    dir,
  );
  prometheus = await startPrometheus({
    rulesPath: RULES,
    targets: [new URL(appMetrics.url).host],
    alertmanagerUrl: alertmanager.url,
    externalLabels: { runbook_base_url: RUNBOOK_BASE },
    dir,
  });
  // The counters' zero must be scraped first: increase() needs a sample before the growth.
  await until('a scrape of the shipper counters at 0', async () => {
    const [dropped] = await query('synclog_shipper_records_dropped_total{reason="queue-full"}');
    return dropped?.value[1] === '0';
  });
  shipper.dropped(5, 'queue-full');
  shipper.deadLettered(2, 'mapping', 'delivery');
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await alertmanager?.stop();
  await appMetrics?.close();
  await critical?.close();
  await warning?.close();
});

describe('alerts from the real rules, routed by the real Alertmanager configuration', () => {
  it('delivers the critical SynclogShipperDropping to the critical receiver only, the warning SynclogShipperDeadLettering to the warning receiver only', async () => {
    await until(
      'both receivers to be notified',
      async () => critical.received.length > 0 && warning.received.length > 0,
      {
        timeoutMs: 40_000,
      },
    );

    expect(notifications(critical).map((n) => n.receiver)).toEqual(notifications(critical).map(() => 'critical'));
    expect(notifications(warning).map((n) => n.receiver)).toEqual(notifications(warning).map(() => 'warning'));
    expect(new Set(alertsAt(critical).map((a) => `${a.labels.alertname} ${a.labels.severity}`))).toEqual(
      new Set(['SynclogShipperDropping critical']),
    );
    expect(new Set(alertsAt(warning).map((a) => `${a.labels.alertname} ${a.labels.severity}`))).toEqual(
      new Set(['SynclogShipperDeadLettering warning']),
    );

    const [dropping] = alertsAt(critical);
    expect(dropping).toMatchObject({ status: 'firing', labels: { reason: 'queue-full' } });
    expect(dropping!.annotations.summary).toMatch(
      /^The shipper dropped [\d.]+ log records \(queue-full\) in 5 minutes$/,
    );
    const [deadLettering] = alertsAt(warning);
    expect(deadLettering!.annotations.summary).toMatch(/^[\d.]+ log records were refused and kept as dead letters/);
    for (const alert of [dropping!, deadLettering!]) {
      const name = alert.labels.alertname!;
      expect(alert.annotations.description).toBe(descriptions.get(name));
      expect(alert.annotations.description!.length).toBeGreaterThan(40);
      expect(alert.annotations.runbook_url).toBe(`${RUNBOOK_BASE}/${name}.md`);
      expect(existsSync(join(RUNBOOKS_DIR, `${name}.md`)), `docs/runbooks/${name}.md`).toBe(true);
    }
  });

  it('holds back a warning while a critical alert of the same name and instance fires', async () => {
    const alert = (severity: string) => ({
      labels: { alertname: 'SynclogInhibitionProbe', severity, instance: 'app:9464' },
      annotations: { summary: `${severity} probe` },
    });
    const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([alert('critical'), alert('warning')]),
    });
    expect(posted.status).toBe(200);

    const filter = encodeURIComponent('alertname="SynclogInhibitionProbe"');
    const states = await until('Alertmanager to inhibit the warning', async () => {
      const response = await fetch(`${alertmanager.url}/api/v2/alerts?filter=${filter}`);
      const alerts = (await response.json()) as Array<{
        labels: Record<string, string>;
        status: { state: string; inhibitedBy: string[] };
      }>;
      const bySeverity = new Map(alerts.map((a) => [a.labels.severity, a.status]));
      return bySeverity.get('warning')?.state === 'suppressed' ? bySeverity : false;
    });
    expect(states.get('warning')!.inhibitedBy).toHaveLength(1);
    expect(states.get('critical')!.state).toBe('active');
    await until('the critical probe to page', async () =>
      alertsAt(critical).some((a) => a.labels.alertname === 'SynclogInhibitionProbe'),
    );
    expect(alertsAt(warning).filter((a) => a.labels.alertname === 'SynclogInhibitionProbe')).toEqual([]);
  });
});
