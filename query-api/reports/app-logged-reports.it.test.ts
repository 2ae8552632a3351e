import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { flagged } from '../../test/flagged-records.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { dailySummary } from './daily-summary.ts';
import { monthlyActivity } from './monthly-activity.ts';
import { weeklyErrorReport } from './weekly-errors.ts';

const client = testClient();
const prefix = uniquePrefix('applogs');
const TZ = 'Europe/Moscow'; // UTC+3 all year: local days are computed here without the code under test
const HOURS_EAST = 3;
const OWN_TYPE = 'price_update';
const OWN_STATUS = 'on_hold';
const records = appLogged(
  generateRecords({
    seed: 23,
    count: 9_000,
    from: new Date('2026-11-16T00:00:00Z'),
    to: new Date('2026-11-29T20:00:00Z'),
  }),
);
let config: SetupConfig;

/**
 * The generated records as an application that logs its own way leaves them, stored as the
 * shipper stores them: some operations without `operation_id` (keyed by their own event id; for
 * some a `pending` and its outcome each become an operation of their own), the app's own operation
 * type and status, and values the vocabulary refused (flagged: left out of the typed field, kept
 * under `invalid.*`).
 */
function appLogged(generated: SyncLogRecord[]): SyncLogRecord[] {
  const perOperation = new Map<string, number>();
  for (const r of generated)
    if (r.operation_id) perOperation.set(r.operation_id, (perOperation.get(r.operation_id) ?? 0) + 1);
  return generated.map((r, i) => {
    if (!r.operation_id) return r;
    let out: SyncLogRecord = r;
    const paired = perOperation.get(r.operation_id)! > 1;
    const noId = paired ? Number.parseInt(r.operation_id.slice(-2), 16) % 7 === 0 : i % 10 === 1;
    if (noId) {
      const { operation_id: _, ...rest } = out;
      out = { ...rest, operation_key: r.event_id };
    }
    if (i % 13 === 2) out = { ...out, operation_type: OWN_TYPE };
    if (out.status !== 'pending') {
      if (i % 17 === 3) out = { ...out, status: OWN_STATUS };
      if (i % 19 === 4 && out.duration_ms !== undefined) out = flagged(out, 'duration_ms_invalid');
      if (i % 23 === 5) out = flagged(out, 'status_unknown');
      if (i % 29 === 6) out = flagged(out, 'operation_type_unknown');
    }
    if (i % 31 === 7) out = flagged(out, 'event_time_unreadable');
    return out;
  });
}

beforeAll(async () => {
  config = await seedPrefix(client, prefix, records);
});
afterAll(() => dropPrefix(client, prefix));

const localDay = (timestamp: string) =>
  new Date(Date.parse(timestamp) + HOURS_EAST * 3_600_000).toISOString().slice(0, 10);
const dayAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A status was logged (kept, or refused and kept under `invalid`) and it is not `pending`. */
const ended = (r: SyncLogRecord) =>
  r.operation_key !== undefined &&
  r.status !== 'pending' &&
  (r.status !== undefined || r.invalid?.status !== undefined);
const nearestRank = (sorted: readonly number[], p: number) =>
  sorted[Math.max(1, Math.ceil(Number(((p * sorted.length) / 100).toFixed(6)))) - 1]!;
function tally(values: ReadonlyArray<string | undefined>, story: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(story.map((k) => [k, 0]));
  for (const v of values) if (v !== undefined) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** The figures of the local days `[first, last]`, from the records: each operation once, in its latest state. */
function expectedFigures(first: string, last: string) {
  const inRange = (r: SyncLogRecord) => localDay(r['@timestamp']) >= first && localDay(r['@timestamp']) <= last;
  const byKey = new Map<string, SyncLogRecord[]>();
  for (const r of records) if (r.operation_key) byKey.set(r.operation_key, [...(byKey.get(r.operation_key) ?? []), r]);
  // An operation's latest state: its outcome when it logged one, its pending record otherwise.
  const latest = [...byKey.values()]
    .map((list) => list.find(ended) ?? list.find((r) => r.status === 'pending'))
    .filter((r): r is SyncLogRecord => r !== undefined && inRange(r));
  const durations = latest
    .filter(ended)
    .flatMap((r) => (r.duration_ms === undefined ? [] : [r.duration_ms]))
    .sort((a, b) => a - b);
  const errors = latest.filter((r) => r.status === 'error');
  return {
    operations: latest.length,
    byType: tally(
      latest.map((r) => r.operation_type),
      OPERATION_TYPES,
    ),
    byStatus: tally(
      latest.map((r) => r.status),
      STATUSES,
    ),
    errorsByType: tally(
      errors.map((r) => r.operation_type),
      OPERATION_TYPES,
    ),
    errors,
    flagged: records.filter((r) => inRange(r) && r.operation_key && r.validation_issues).length,
    durations,
    latest,
  };
}

describe('reports of records logged the way applications log', () => {
  it('the seeded data holds every case the reports must count', () => {
    const ids = new Set(records.flatMap((r) => (r.operation_id ? [r.operation_id] : [])));
    expect(records.filter((r) => r.operation_key && !r.operation_id && r.status === 'pending').length).toBeGreaterThan(
      5,
    );
    expect(records.filter((r) => r.operation_key && !r.operation_id && r.status !== 'pending').length).toBeGreaterThan(
      500,
    );
    expect(
      records.filter(
        (r) =>
          r.status === 'pending' &&
          r.operation_id &&
          records.some((o) => o.operation_id === r.operation_id && o.status !== 'pending'),
      ).length,
    ).toBeGreaterThan(100);
    expect(ids.size).toBeGreaterThan(1_000);
    for (const issue of ['duration_ms_invalid', 'status_unknown', 'operation_type_unknown'])
      expect(records.filter((r) => r.validation_issues?.includes(issue)).length, issue).toBeGreaterThan(50);
    expect(records.filter((r) => r.operation_type === OWN_TYPE).length).toBeGreaterThan(300);
    expect(records.filter((r) => r.status === OWN_STATUS).length).toBeGreaterThan(200);
  });

  it('gives every day operations, codes, flagged records, error rate and exact percentiles equal to figures computed from the records', async () => {
    for (let date = '2026-11-16'; date <= '2026-11-29'; date = dayAfter(date, 1)) {
      const expected = expectedFigures(date, date);
      const summary = await dailySummary(client, config.names, date, TZ);
      expect(summary.operations, date).toBe(expected.operations);
      expect(summary.by_operation_type, date).toEqual(expected.byType);
      expect(summary.by_status, date).toEqual(expected.byStatus);
      expect(summary.errors_by_operation_type, date).toEqual(expected.errorsByType);
      expect(summary.flagged, date).toBe(expected.flagged);
      expect(summary.error_rate, date).toBeCloseTo(expected.errors.length / expected.operations, 10);
      expect(summary.duration_ms!.avg, date).toBeCloseTo(
        expected.durations.reduce((a, b) => a + b, 0) / expected.durations.length,
        6,
      );
      for (const [p, value] of [
        [95, summary.duration_ms!.p95],
        [99, summary.duration_ms!.p99],
      ] as const) {
        const exact = nearestRank(expected.durations, p);
        expect(
          Math.abs(value - exact),
          `${date} p${p} over ${expected.durations.length}: ${value} vs ${exact}`,
        ).toBeLessThanOrEqual(Math.max(0.01 * exact, 1));
      }
    }
  });

  it('gives the week the same figures: errors by type and by day, operations, flagged records', async () => {
    const start = '2026-11-20';
    const last = dayAfter(start, 6);
    const expected = expectedFigures(start, last);
    const report = await weeklyErrorReport(client, config.names, start, TZ);
    expect(report.operations).toBe(expected.operations);
    expect(report.errors).toBe(expected.errors.length);
    expect(report.by_operation_type).toEqual(expected.errorsByType);
    expect(report.by_operation_type[OWN_TYPE]).toBeGreaterThan(0);
    expect(report.flagged).toBe(expected.flagged);
    expect(report.by_day).toEqual(
      Array.from({ length: 7 }, (_, i) => dayAfter(start, i)).map((date) => ({
        date,
        errors: expected.errors.filter((r) => localDay(r['@timestamp']) === date).length,
      })),
    );
    expect(report.previous.operations).toBe(expectedFigures(dayAfter(start, -7), dayAfter(start, -1)).operations);
  });

  it('gives the month imports and exports of the story types, flagged records, and operations per customer by key', async () => {
    const expected = expectedFigures('2026-11-01', '2026-11-30');
    const report = await monthlyActivity(client, config.names, '2026-11', TZ, 1_000);
    expect(report.imports).toBe(expected.byType.import_from_1c);
    expect(report.exports).toBe(expected.byType.export_to_1c);
    expect(report.flagged).toBe(expected.flagged);
    const perCustomer = new Map<string, Set<string>>();
    for (const r of records)
      if (r.operation_key && r.customer)
        perCustomer.set(r.customer.id, (perCustomer.get(r.customer.id) ?? new Set()).add(r.operation_key));
    expect(report.active_customers).toBe(perCustomer.size);
    for (const { customer_id, operations } of report.top_customers)
      expect(operations, customer_id).toBe(perCustomer.get(customer_id)!.size);
  });
});
