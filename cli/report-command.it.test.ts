import { parse } from 'csv-parse/sync';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateRecords } from '../test/generator/index.ts';
import type { SetupConfig } from '../opensearch/setup/setup-config.ts';
import { dailySummary } from '../query-api/reports/daily-summary.ts';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { runSynclog } from '../test/run-synclog.ts';
import { seedPrefix } from '../test/seeded-prefix.ts';
import { startSmtpSink, type SmtpSink } from '../test/smtp-sink-process.ts';

const client = testClient();
/** The story's status labels in Russian, written out here rather than read from the code under test. */
const STATUS_RU: Record<string, string> = {
  success: 'Успешно',
  error: 'Ошибка',
  pending: 'В процессе',
  skipped: 'Пропущено',
  warning: 'Предупреждение',
};
/** Russian plural forms: 1 операция, 2 операции, 5 операций (11–14 take the third). */
const russianPlural = (n: number, [one, few, many]: [string, string, string]) => {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  return units === 1 ? one : units >= 2 && units <= 4 ? few : many;
};
const prefix = uniquePrefix('cli-report');
const env = (extra: Record<string, string> = {}) => ({
  OPENSEARCH_URL: inject('opensearchUrl'),
  SYNCLOG_INDEX_PREFIX: prefix,
  ...extra,
});
let config: SetupConfig;
let sink: SmtpSink;
let dir: string;

beforeAll(async () => {
  config = await seedPrefix(
    client,
    prefix,
    generateRecords({
      seed: 8,
      count: 2_000,
      from: new Date('2024-01-14T00:00:00Z'),
      to: new Date('2024-01-17T00:00:00Z'),
    }),
  );
  sink = await startSmtpSink();
  dir = await mkdtemp(join(tmpdir(), 'synclog-report-cli-'));
});
afterAll(async () => {
  await sink.stop();
  await dropPrefix(client, prefix);
});

describe('synclog report', () => {
  it('prints each report as JSON, and names --date when it is not a date', async () => {
    const run = await runSynclog(
      ['report', 'daily', '--date', '2024-01-15', '--time-zone', 'Europe/Moscow', '--json'],
      env(),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.lines.join('\n'))).toEqual(
      JSON.parse(JSON.stringify(await dailySummary(client, config.names, '2024-01-15', 'Europe/Moscow'))),
    );
    const monthly = await runSynclog(['report', 'monthly', '--date', '2024-01-15', '--format', 'json'], env());
    expect(JSON.parse(monthly.lines.join('\n'))).toMatchObject({
      month: '2024-01',
      active_customers: expect.any(Number),
    });
    const weekly = await runSynclog(['report', 'weekly', '--date', '2024-01-15', '--json'], env());
    expect(JSON.parse(weekly.lines.join('\n'))).toMatchObject({
      start: '2024-01-15',
      by_day: expect.any(Array),
      previous: expect.any(Object),
    });
    const bad = await runSynclog(['report', 'daily', '--date', '2024-02-30'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--date: not a calendar date/);
  });

  it('prints a readable summary by default and writes CSV to --out, the format taken from its extension', async () => {
    const expected = await dailySummary(client, config.names, '2024-01-15', 'UTC');
    const text = await runSynclog(['report', 'daily', '--date', '2024-01-15'], env());
    expect(text.code).toBe(0);
    expect(text.lines).toContain(`  operations: ${expected.operations.toLocaleString('en-US')}`);
    const out = join(dir, 'daily.csv');
    const run = await runSynclog(['report', 'daily', '--date', '2024-01-15', '--out', out], env());
    expect(run.code).toBe(0);
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Array<{
      section: string;
      measure: string;
      value: string;
    }>;
    expect(Number(rows.find((r) => r.section === 'summary' && r.measure === 'operations')!.value)).toBe(
      expected.operations,
    );
  });

  it('refuses xlsx without --out and an unknown format, naming the option', async () => {
    const xlsx = await runSynclog(['report', 'daily', '--format', 'xlsx'], env());
    expect(xlsx.code).toBe(1);
    expect(xlsx.stderr).toMatch(/--out: xlsx is a binary file/);
    const pdf = await runSynclog(['report', 'daily', '--format', 'pdf'], env());
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toMatch(/--format: expected json, csv, xlsx, html/);
  });

  it('mails the report to its recipients with --email, and stops naming SYNCLOG_SMTP_URL when recipients have no mail server', async () => {
    const reports = JSON.stringify({ weekly: { to: ['cli@example.com'], attachment: 'csv' } });
    const run = await runSynclog(
      ['report', 'weekly', '--date', '2024-01-14', '--email'],
      env({ SYNCLOG_SMTP_URL: sink.url, SYNCLOG_REPORTS: reports }),
    );
    expect(run.stderr).toContain('mailed to cli@example.com');
    expect(run.code).toBe(0);
    const [mail] = await sink.waitFor(1);
    expect(mail!.subject).toMatch(/^\[synclog\] Weekly error analysis 2024-01-14 – 2024-01-20: errors \d+/);
    expect(mail!.attachments[0]!.filename).toBe('synclog-weekly-2024-01-14_2024-01-20.csv');
    const noServer = await runSynclog(['report', 'weekly', '--email'], env({ SYNCLOG_REPORTS: reports }));
    expect(noServer.code).toBe(1);
    expect(noServer.stderr).toMatch(/SYNCLOG_SMTP_URL: required to mail the weekly report/);
    const noRecipients = await runSynclog(
      ['report', 'daily', '--email'],
      env({ SYNCLOG_SMTP_URL: sink.url, SYNCLOG_REPORTS: reports }),
    );
    expect(noRecipients.code).toBe(1);
    expect(noRecipients.stderr).toMatch(/SYNCLOG_REPORTS: names no recipients for the daily report/);
  });
});

describe('synclog report in Russian and English', () => {
  it('prints the report in Russian with --lang ru or SYNCLOG_REPORT_LANGUAGE=ru, with the figures of the JSON report', async () => {
    const expected = await dailySummary(client, config.names, '2024-01-15', 'Europe/Moscow');
    const args = ['report', 'daily', '--date', '2024-01-15', '--time-zone', 'Europe/Moscow'];
    const ru = await runSynclog([...args, '--lang', 'ru'], env());
    expect(ru.code).toBe(0);
    const count = (n: number) => n.toLocaleString('ru-RU');
    const errors = expected.by_status.error ?? 0;
    // The first line says which cluster answered; the report follows.
    const heading = ru.lines.indexOf('Ежедневная сводка за 15.01.2024');
    expect([0, 1]).toContain(heading);
    expect(ru.lines.slice(heading, heading + 3)).toEqual([
      'Ежедневная сводка за 15.01.2024',
      'Часовой пояс Europe/Moscow: с 15.01.2024 00:00:00 по 16.01.2024 00:00:00',
      `${count(expected.operations)} ${russianPlural(expected.operations, ['операция', 'операции', 'операций'])}, ` +
        `${count(errors)} ${russianPlural(errors, ['ошибка', 'ошибки', 'ошибок'])}, ` +
        `доля ошибок ${(expected.error_rate * 100).toFixed(2).replace('.', ',')} %`,
    ]);
    expect(ru.lines).toContain(`  Записи с замечаниями: ${count(expected.flagged)}`);
    const start = ru.lines.indexOf('По статусам:');
    const end = ru.lines.indexOf('', start);
    const rows = Object.fromEntries(ru.lines.slice(start + 2, end).map((l) => l.trim().split(/\s{2,}/)));
    expect(rows).toEqual(
      Object.fromEntries(Object.entries(expected.by_status).map(([code, n]) => [STATUS_RU[code] ?? code, count(n)])),
    );
    const byEnv = await runSynclog(args, env({ SYNCLOG_REPORT_LANGUAGE: 'ru' }));
    expect(byEnv.lines).toEqual(ru.lines);
    const en = await runSynclog([...args, '--lang', 'en'], env({ SYNCLOG_REPORT_LANGUAGE: 'ru' }));
    expect(en.lines).toContain('Daily summary 2024-01-15');
    expect(en.lines).toContain(`  operations: ${expected.operations.toLocaleString('en-US')}`);
  });

  it('writes the reader’s CSV with --lang ru, codes kept, and names --lang when it is no language', async () => {
    const expected = await dailySummary(client, config.names, '2024-01-15', 'UTC');
    const out = join(dir, 'daily-ru.csv');
    const run = await runSynclog(['report', 'daily', '--date', '2024-01-15', '--lang', 'ru', '--out', out], env());
    expect(run.code).toBe(0);
    const rows = parse(await readFile(out, 'utf8'), { columns: true, delimiter: ';', bom: true }) as Array<
      Record<string, string>
    >;
    const operations = rows.find((r) => r['Код раздела'] === 'summary' && r['Код показателя'] === 'operations')!;
    expect(operations).toMatchObject({ Показатель: 'Операции', Значение: String(expected.operations) });
    const bad = await runSynclog(['report', 'daily', '--lang', 'de'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--lang: expected en or ru/);
  });
});
