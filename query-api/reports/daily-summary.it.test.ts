import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import { dailySummary } from './daily-summary.ts';
import { weeklyErrorReport } from './weekly-errors.ts';
import { localDayBounds } from './local-day.ts';

const client = testClient();
const prefix = uniquePrefix('daily');
const TZ = 'Europe/Moscow';
const records = generateRecords({
  seed: 12,
  count: 20_000,
  from: new Date('2026-11-20T00:00:00Z'),
  to: new Date('2026-11-26T00:00:00Z'),
});
let config: SetupConfig;

beforeAll(async () => {
  config = await seedPrefix(client, prefix, records);
});
afterAll(() => dropPrefix(client, prefix));

/** The day's figures computed here from the generated records: each operation in its latest state. */
function expectedDay(date: string) {
  const { from, to } = localDayBounds(date, TZ);
  const latest = new Map<string, SyncLogRecord>();
  for (const r of records) {
    if (!r.operation_key) continue;
    const seen = latest.get(r.operation_key);
    if (
      !seen ||
      r['@timestamp'] > seen['@timestamp'] ||
      (r['@timestamp'] === seen['@timestamp'] && r.producer_seq > seen.producer_seq)
    )
      latest.set(r.operation_key, r);
  }
  const day = [...latest.values()].filter(
    (r) => r['@timestamp'] >= from.toISOString() && r['@timestamp'] < to.toISOString(),
  );
  const count = <K extends string>(keys: readonly K[], read: (r: SyncLogRecord) => string | undefined) =>
    Object.fromEntries(keys.map((k) => [k, day.filter((r) => read(r) === k).length]));
  const durations = day
    .map((r) => r.duration_ms)
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b);
  const errorCounts = new Map<string, number>();
  for (const r of day)
    if (r.status === 'error' && r.error_message && r.error_message.length <= 1_024)
      errorCounts.set(r.error_message, (errorCounts.get(r.error_message) ?? 0) + 1);
  return {
    operations: day.length,
    byType: count(OPERATION_TYPES, (r) => r.operation_type),
    byStatus: count(STATUSES, (r) => r.status),
    durations,
    errors: day.filter((r) => r.status === 'error').length,
    errorCounts,
  };
}
const exactPercentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe('the daily summary on a seeded data set', () => {
  it('matches figures computed independently from the records, each operation once in its latest state', async () => {
    for (const date of ['2026-11-21', '2026-11-23', '2026-11-25']) {
      const expected = expectedDay(date);
      const summary = await dailySummary(client, config.names, date, TZ);
      expect(summary.operations, date).toBe(expected.operations);
      expect(summary.by_operation_type, date).toEqual(expected.byType);
      expect(summary.by_status, date).toEqual(expected.byStatus);
      expect(summary.error_rate, date).toBeCloseTo(expected.errors / expected.operations, 10);
      const avg = expected.durations.reduce((a, b) => a + b, 0) / expected.durations.length;
      expect(summary.duration_ms!.avg, date).toBeCloseTo(avg, 6);
      for (const [p, value] of [
        [95, summary.duration_ms!.p95],
        [99, summary.duration_ms!.p99],
      ] as const) {
        const exact = exactPercentile(expected.durations, p);
        expect(Math.abs(value - exact), `${date} p${p}: ${value} vs ${exact}`).toBeLessThanOrEqual(
          Math.max(0.01 * exact, 1),
        );
      }
      expect(summary.top_errors.length, date).toBe(Math.min(10, expected.errorCounts.size));
      for (const { message, count } of summary.top_errors)
        expect(count, message).toBe(expected.errorCounts.get(message));
      const ranked = [...expected.errorCounts.values()].sort((a, b) => b - a);
      expect(
        summary.top_errors.map((e) => e.count),
        date,
      ).toEqual(ranked.slice(0, summary.top_errors.length));
    }
  });

  it('gives a valid empty report for a day without records, and where no log index exists yet', async () => {
    const summary = await dailySummary(client, config.names, '2026-01-01', TZ);
    expect(summary).toMatchObject({
      operations: 0,
      error_rate: 0,
      flagged: 0,
      duration_ms: null,
      top_errors: [],
      by_status: { error: 0, pending: 0 },
    });
    const fresh = await dailySummary(client, indexNames(uniquePrefix('no-logs')), '2026-11-23', TZ);
    expect(fresh).toMatchObject({ operations: 0, error_rate: 0, flagged: 0, duration_ms: null, top_errors: [] });
    expect(fresh.by_operation_type).toEqual(Object.fromEntries(OPERATION_TYPES.map((t) => [t, 0])));
    expect(fresh.by_status).toEqual(Object.fromEntries(STATUSES.map((t) => [t, 0])));
  });

  it('is served at GET /reports/daily, and a bad date or time zone gets a 400 naming it', async () => {
    const app = createApp({
      client,
      names: config.names,
      reportTimeZone: TZ,
      tokens: apiTokens([{ role: 'viewer', token: 'viewer-token-0123456789' }]),
    });
    const get = (query: string) =>
      app.request(`/reports/daily?${query}`, { headers: { Authorization: 'Bearer viewer-token-0123456789' } });
    const response = await get('date=2026-11-23');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(
      JSON.parse(JSON.stringify(await dailySummary(client, config.names, '2026-11-23', TZ))),
    );
    expect(((await (await get('date=2026-11-23&time_zone=UTC')).json()) as { from: string }).from).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    for (const [query, field] of [
      ['date=2026-02-30', 'date'],
      ['date=yesterday', 'date'],
      ['', 'date'],
      ['date=2026-11-23&time_zone=Mars/Olympus', 'time_zone'],
      ['date=2026-11-23&month=11', 'month'],
    ] as const) {
      const bad = await get(query);
      expect(bad.status, query).toBe(400);
      expect(await bad.json(), query).toMatchObject({ field });
    }
  });

  it('serves each report as CSV, XLSX and HTML with the figures of its JSON, and refuses an unknown format naming it', async () => {
    const app = createApp({
      client,
      names: config.names,
      reportTimeZone: TZ,
      tokens: apiTokens([{ role: 'viewer', token: 'viewer-token-0123456789' }]),
    });
    const get = (path: string) => app.request(path, { headers: { Authorization: 'Bearer viewer-token-0123456789' } });
    for (const [path, headlineOf] of [
      [
        '/reports/daily?date=2026-11-23',
        (r: Record<string, number>) => ({ operations: r.operations, error_rate: r.error_rate }),
      ],
      [
        '/reports/weekly-errors?start=2026-11-20',
        (r: Record<string, number>) => ({ errors: r.errors, affected_customers: r.affected_customers }),
      ],
      [
        '/reports/monthly-activity?month=2026-11',
        (r: Record<string, number>) => ({ active_customers: r.active_customers, imports: r.imports }),
      ],
    ] as const) {
      const expected = headlineOf((await (await get(path)).json()) as Record<string, number>);
      const csv = await get(`${path}&format=csv`);
      expect(csv.headers.get('content-type'), path).toContain('text/csv');
      expect(csv.headers.get('content-disposition'), path).toMatch(/^attachment; filename="synclog-\w+-[\d_-]+\.csv"$/);
      const rows = parse(await csv.text(), { columns: true }) as Array<{
        section: string;
        measure: string;
        value: string;
      }>;
      for (const [measure, value] of Object.entries(expected))
        expect(
          Number(rows.find((r) => r.section === 'summary' && r.measure === measure)!.value),
          `${path} ${measure}`,
        ).toBe(value);

      const xlsx = await get(`${path}&format=xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
      const summary = new Map<string, unknown>();
      workbook
        .getWorksheet('summary')!
        .eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
      for (const [measure, value] of Object.entries(expected))
        expect(summary.get(measure), `${path} ${measure}`).toBe(value);

      const html = await get(`${path}&format=html`);
      expect(html.headers.get('content-type'), path).toContain('text/html');
      expect(html.headers.get('content-disposition'), path).toBeNull();
      expect(await html.text(), path).toContain('<table');
    }
    const bad = await get('/reports/daily?date=2026-11-23&format=pdf');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'format' });
  });

  it('analyses a week of errors: by type and day, by fingerprint, affected customers, against the week before', async () => {
    const report = await weeklyErrorReport(client, config.names, '2026-11-20', TZ);
    const days = Array.from({ length: 7 }, (_, i) =>
      new Date(Date.parse('2026-11-20T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10),
    );
    const daily = days.map((d) => expectedDay(d));
    const { from } = localDayBounds(days[0]!, TZ);
    const { to } = localDayBounds(days[6]!, TZ);
    const errorRecords = records.filter(
      (r) =>
        r.status === 'error' &&
        r.operation_key &&
        r['@timestamp'] >= from.toISOString() &&
        r['@timestamp'] < to.toISOString(),
    );
    expect(report.errors).toBe(errorRecords.length);
    expect(report.operations).toBe(daily.reduce((n, d) => n + d.operations, 0));
    expect(report.by_day).toEqual(days.map((date, i) => ({ date, errors: daily[i]!.errors })));
    for (const type of OPERATION_TYPES)
      expect(report.by_operation_type[type], type).toBe(errorRecords.filter((r) => r.operation_type === type).length);
    const byFingerprint = new Map<string, number>();
    for (const r of errorRecords)
      if (r.error_fingerprint)
        byFingerprint.set(r.error_fingerprint, (byFingerprint.get(r.error_fingerprint) ?? 0) + 1);
    for (const f of report.top_fingerprints) expect(f.count, f.fingerprint).toBe(byFingerprint.get(f.fingerprint));
    expect(report.top_fingerprints.map((f) => f.count)).toEqual(
      [...byFingerprint.values()].sort((a, b) => b - a).slice(0, 10),
    );
    expect(report.affected_customers).toBe(
      new Set(errorRecords.filter((r) => r.customer).map((r) => r.customer!.id)).size,
    );
    // The week before holds no records: every figure is its change.
    expect(report.previous).toMatchObject({ errors: 0, operations: 0, error_rate: 0, affected_customers: 0 });
    expect(report.change).toEqual({
      errors: report.errors,
      error_rate: report.error_rate,
      affected_customers: report.affected_customers,
    });
  });
});
