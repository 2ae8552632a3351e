import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink-process.ts';
import { startWebhookReceiver } from '../../test/webhook-receiver.ts';
import { readAccessLog } from '../audit/access-log.ts';
import { createAccessLogWriter, type AccessLogWriter } from '../audit/access-log-writer.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import { createScheduler } from '../scheduler/create-scheduler.ts';
import { runRecords } from '../scheduler/run-records.ts';
import { runIdOf } from '../scheduler/scheduled-job.ts';
import { resolveJobs, schedulerEnvSchema } from '../scheduler/scheduler-config.ts';
import { reportDeliveryEnvSchema } from './delivery/report-delivery-env.ts';
import { reportJobs } from './delivery/report-jobs.ts';
import type { DailySummary } from './daily-summary.ts';
import { reportRows } from './formats/report-document.ts';
import { dailyDocument } from './formats/report-kinds.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'report-audit');
const VIEWER = 'viewer-token-reports-0123456789';
const PERIOD = Date.parse('2026-11-29T07:00:00.000Z');
const refusing: AccessLogWriter = {
  write: () => Promise.reject(new Error('the access log is unavailable')),
  flush: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
let names: IndexNames;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  const prefix = prefixes.track(uniquePrefix('report-audit'));
  const records = generateRecords({
    seed: 28,
    count: 400,
    from: new Date('2026-11-28T00:00:00Z'),
    to: new Date('2026-11-28T23:00:00Z'),
  });
  names = (await seedPrefix(client, prefix, records)).names;
}, 120_000);
afterAll(async () => {
  await sink.stop();
  await prefixes.dropAll();
});

const entries = async (event: string, where: IndexNames = names) => {
  await client.indices.refresh({ index: where.accessLog });
  return readAccessLog(client, where, { event, size: 10 });
};
const viewerApp = (accessLog?: AccessLogWriter) =>
  createApp({
    client,
    names,
    tokens: apiTokens([{ role: 'viewer', token: VIEWER }]),
    ...(accessLog ? { accessLog } : {}),
  });
const asViewer = { headers: { Authorization: `Bearer ${VIEWER}` } };

/** The daily report job alone on the 07:00 UTC period of 2026-11-29, sending through `accessLog`. */
function dailyJob(where: IndexNames, reports: unknown, accessLog: AccessLogWriter) {
  const settings = {
    timeZone: 'UTC',
    delivery: parseEnv(reportDeliveryEnvSchema, {
      SYNCLOG_SMTP_URL: sink.url,
      SYNCLOG_REPORTS: JSON.stringify(reports),
    }),
  };
  const jobs = resolveJobs(reportJobs({ client, names: where, settings, accessLog }), parseEnv(schedulerEnvSchema, {}));
  const options = {
    instanceId: 'audit',
    leaseMs: 30_000,
    heartbeatMs: 10_000,
    staleMs: 30_000,
    retryBaseMs: 30_000,
    retryMaxMs: 600_000,
  };
  const scheduler = createScheduler(
    { client, names: where, clock: manualClock(PERIOD).clock },
    options,
    jobs.filter((j) => j.name === 'report-daily'),
  );
  const runId = runIdOf('report-daily', new Date(PERIOD));
  const record = async () => (await runRecords(client, where.schedulerRuns).get([runId])).get(runId)?.record;
  const mailsTo = async (address: string) =>
    (await sink.mails()).filter(
      (m) =>
        m.headers.get('x-synclog-run') === runId &&
        [m.to].flat().some((a) => a?.value.some((v) => v.address === address)),
    );
  return { scheduler, runId, record, mailsTo };
}

describe('the access log of reports', () => {
  it('records a report download before answering: who, which report and period, in which format, with its rows', async () => {
    const response = await viewerApp().request('/reports/daily?date=2026-11-28&format=json', asViewer);
    expect(response.status).toBe(200);
    const received = (await response.json()) as DailySummary;
    const rows = reportRows(dailyDocument(received));
    expect(rows).toBeGreaterThan(0);
    expect(await entries('report.read')).toEqual([
      expect.objectContaining({
        who: expect.stringMatching(/^viewer#/),
        route: '/reports/daily',
        filters: { date: '2026-11-28', format: 'json' },
        row_count: rows,
      }),
    ]);
  });

  it('refuses a report download the access log cannot record (503)', async () => {
    expect((await viewerApp(refusing).request('/reports/daily?date=2026-11-28', asViewer)).status).toBe(503);
  });

  it('records each send: the mail with its recipients, the webhook by its origin, and the report', async () => {
    const where = await prefixes.fresh();
    const receiver = await startWebhookReceiver();
    const reports = {
      daily: { to: ['audit@example.com', 'dpo@example.com'], webhooks: [`${receiver.url}/hook/s3cr3t`] },
    };
    const accessLog = createAccessLogWriter({ client, names: where, walDir: null, producerId: 'access-send-test' });
    const { scheduler, runId, mailsTo } = dailyJob(where, reports, accessLog);
    await scheduler.tick();
    await scheduler.stop();
    await receiver.close();
    expect(await mailsTo('dpo@example.com')).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);

    const common = {
      who: `scheduler:${runId}`,
      role: 'system',
      route: 'report-daily',
      filters: { report: 'daily', period: '2026-11-28' },
    };
    expect(await entries('report.mail', where)).toEqual([
      expect.objectContaining({ ...common, method: 'MAIL', recipients: ['audit@example.com', 'dpo@example.com'] }),
    ]);
    const webhook = await entries('report.webhook', where);
    expect(webhook).toEqual([
      expect.objectContaining({ ...common, method: 'POST', recipients: [new URL(receiver.url).origin] }),
    ]);
    // A webhook's path may be its secret: the access log, which every admin reads, never holds it.
    expect(JSON.stringify(webhook)).not.toContain('s3cr3t');
  });

  it('sends nothing a run cannot record: with the access log refusing, no mail goes out and the run fails', async () => {
    const where = await prefixes.fresh();
    const { scheduler, record, mailsTo } = dailyJob(where, { daily: { to: ['unrecorded@example.com'] } }, refusing);
    await scheduler.tick();
    await scheduler.stop();
    expect(await record()).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('the access log is unavailable'),
    });
    expect(await mailsTo('unrecorded@example.com')).toHaveLength(0);
  });
});
