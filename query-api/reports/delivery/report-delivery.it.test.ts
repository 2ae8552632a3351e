import ExcelJS from 'exceljs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../../test/generator/index.ts';
import { setUpPrefixes, testClient, uniquePrefix } from '../../../test/opensearch.ts';
import { seedPrefix } from '../../../test/seeded-prefix.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink-process.ts';
import { startWebhookReceiver } from '../../../test/webhook-receiver.ts';
import { runIdOf } from '../../scheduler/scheduled-job.ts';
import { scheduleStatus } from '../../scheduler/schedule-status.ts';
import { dailySummary } from '../daily-summary.ts';
import { PERIOD, dailyJobScheduler, mailsFor } from './fixtures/daily-report-job.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'report-send');
const emptyPrefix = prefixes.fresh;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
  await prefixes.dropAll();
});

describe('scheduled reports, sent to a real SMTP server process and a real webhook receiver', () => {
  it('mails the daily summary of the day before, with its figures in subject and body and a parseable attachment, and POSTs it once per period', async () => {
    const prefix = prefixes.track(uniquePrefix('report-mail'));
    const records = generateRecords({
      seed: 41,
      count: 3_000,
      from: new Date('2026-11-27T00:00:00Z'),
      to: new Date('2026-11-29T00:00:00Z'),
    });
    const { names } = await seedPrefix(client, prefix, records);
    const receiver = await startWebhookReceiver();
    const reports = {
      daily: { to: ['ops@example.com', 'lead@example.com'], webhooks: [receiver.url], attachment: 'xlsx' },
    };
    const { scheduler, record } = dailyJobScheduler(client, names, {
      SYNCLOG_SMTP_URL: sink.url,
      SYNCLOG_REPORTS: JSON.stringify(reports),
    });
    const expected = await dailySummary(client, names, '2026-11-28', 'UTC');
    expect(expected.operations).toBeGreaterThan(500);

    await scheduler.tick();
    await scheduler.tick();
    const runId = runIdOf('report-daily', new Date(PERIOD));
    const mails = await mailsFor(sink, runId, 'lead@example.com');
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toBe(
      `[synclog] Daily summary 2026-11-28: operations ${expected.operations.toLocaleString('en-US')}, errors ${expected.by_status.error.toLocaleString('en-US')}, error rate ${(expected.error_rate * 100).toFixed(2)} %`,
    );
    expect([mail!.to].flat().flatMap((a) => a!.value.map((v) => v.address))).toEqual([
      'ops@example.com',
      'lead@example.com',
    ]);
    expect(mail!.html).toContain(`>${expected.operations.toLocaleString('en-US')}</td>`);
    expect(mail!.text).toContain(`operations: ${expected.operations.toLocaleString('en-US')}`);
    expect(mail!.attachments.map((a) => a.filename)).toEqual(['synclog-daily-2026-11-28.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(mail!.attachments[0]!.content as never);
    const summary = new Map<string, unknown>();
    workbook.getWorksheet('summary')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('operations')).toBe(expected.operations);
    expect(summary.get('errors')).toBe(expected.by_status.error);

    expect(receiver.received).toHaveLength(1);
    const posted = JSON.parse(receiver.received[0]!.body) as {
      report: string;
      period: string;
      run_id: string;
      data: unknown;
    };
    expect(posted).toMatchObject({ report: 'daily', period: '2026-11-28', run_id: runId });
    expect(posted.data).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(receiver.received[0]!.headers['idempotency-key']).toBe(runId);
    expect(await record()).toMatchObject({
      state: 'succeeded',
      attempts: 1,
      result: {
        value: {
          report: '2026-11-28',
          delivered: ['email:ops@example.com,lead@example.com', `webhook:${receiver.url}`],
          skipped: [],
        },
      },
    });
    await scheduler.stop();
    await receiver.close();
  });
});

describe('scheduled reports whose targets fail', () => {
  it('fails the run when a webhook fails, and the retry reaches the webhook without mailing again', async () => {
    const names = await emptyPrefix();
    const receiver = await startWebhookReceiver([500]);
    const reports = { daily: { to: ['retry@example.com'], webhooks: [receiver.url], attachment: 'csv' } };
    const { scheduler, advance, record } = dailyJobScheduler(client, names, {
      SYNCLOG_SMTP_URL: sink.url,
      SYNCLOG_REPORTS: JSON.stringify(reports),
    });
    const runId = runIdOf('report-daily', new Date(PERIOD));

    await scheduler.tick();
    expect(await record()).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: expect.stringContaining(`webhook:${receiver.url}: webhook ${receiver.url} answered 500`),
    });
    expect(await mailsFor(sink, runId, 'retry@example.com')).toHaveLength(1);

    advance(30_000);
    await scheduler.tick();
    expect(await record()).toMatchObject({
      state: 'succeeded',
      attempts: 2,
      result: { value: { delivered: [`webhook:${receiver.url}`], skipped: ['email:retry@example.com'] } },
    });
    expect(receiver.received).toHaveLength(2);
    const mails = await mailsFor(sink, runId, 'retry@example.com');
    expect(mails).toHaveLength(1);
    // An empty day is a valid report: zero operations, in a CSV that parses.
    expect(mails[0]!.subject).toContain('operations 0');
    expect(mails[0]!.attachments[0]!.content.toString()).toContain('summary,,operations,0');
    await scheduler.stop();
    await receiver.close();
  });

  it('with the mail server down retries with backoff, then records the run as failed in the metrics, the schedule status and the service log', async () => {
    const names = await emptyPrefix();
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const registry = new Registry();
    const log: string[] = [];
    const reports = { daily: { to: ['ops@example.com'] } };
    const { scheduler, advance, record, jobs } = dailyJobScheduler(
      client,
      names,
      { SYNCLOG_SMTP_URL: `smtp://127.0.0.1:${port}`, SYNCLOG_REPORTS: JSON.stringify(reports) },
      { registry, log: (line) => log.push(line) },
    );

    await scheduler.tick();
    const attempts = [await record()];
    for (let i = 0; i < 6 && !attempts.at(-1)!.gave_up; i++) {
      advance(10 * 60_000);
      await scheduler.tick();
      attempts.push(await record());
    }
    expect(attempts.map((r) => r!.attempts)).toEqual([1, 2, 3, 4, 5]);
    // Backoff: 30 s after the first failure, doubling.
    expect(Date.parse(attempts[0]!.next_attempt_at!) - Date.parse(attempts[0]!.finished_at!)).toBe(30_000);
    expect(Date.parse(attempts[1]!.next_attempt_at!) - Date.parse(attempts[1]!.finished_at!)).toBe(60_000);
    expect(attempts.at(-1)).toMatchObject({
      state: 'failed',
      gave_up: true,
      error: expect.stringContaining('ECONNREFUSED'),
    });

    await scheduler.tick();
    expect(await registry.getSingleMetricAsString('synclog_scheduler_failed_runs')).toContain(
      'synclog_scheduler_failed_runs{job="report-daily"} 1',
    );
    const status = await scheduleStatus(client, names, jobs, new Date(PERIOD + 3_600_000));
    expect(status.jobs.find((j) => j.name === 'report-daily')).toMatchObject({ failed: 1, retrying: 0 });
    expect(log.filter((line) => line.includes('report-daily@2026-11-29T07:00:00.000Z failed'))).toHaveLength(5);
    expect(log.at(-1)).toContain('giving up');
    await scheduler.stop();
  });
});
