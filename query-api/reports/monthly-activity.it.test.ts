import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { type SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { monthlyActivity } from './monthly-activity.ts';

const client = testClient();
const prefix = uniquePrefix('monthly');
const records = generateRecords({
  seed: 44,
  count: 15_000,
  from: new Date('2026-10-01T00:00:00Z'),
  to: new Date('2026-11-30T23:59:59Z'),
});
let config: SetupConfig;

beforeAll(async () => {
  config = await seedPrefix(client, prefix, records);
});
afterAll(() => dropPrefix(client, prefix));

describe('the monthly customer activity report', () => {
  it('matches figures computed from the records: active, new and returning customers, top customers, imports and exports, repeated failures', async () => {
    const from = '2026-11-01T00:00:00.000Z';
    const to = '2026-12-01T00:00:00.000Z';
    const inMonth = (r: SyncLogRecord) => r['@timestamp'] >= from && r['@timestamp'] < to;
    const month = records.filter((r) => inMonth(r) && r.operation_key);
    const active = new Set(month.filter((r) => r.customer).map((r) => r.customer!.id));
    const before = new Set(records.filter((r) => r['@timestamp'] < from && r.customer).map((r) => r.customer!.id));
    const opsPerCustomer = new Map<string, Set<string>>();
    for (const r of month)
      if (r.customer)
        opsPerCustomer.set(r.customer.id, (opsPerCustomer.get(r.customer.id) ?? new Set()).add(r.operation_key!));
    const latest = new Map<string, SyncLogRecord>();
    for (const r of records.filter((x) => x.operation_key)) {
      const seen = latest.get(r.operation_key!);
      if (
        !seen ||
        r['@timestamp'] > seen['@timestamp'] ||
        (r['@timestamp'] === seen['@timestamp'] && r.producer_seq > seen.producer_seq)
      )
        latest.set(r.operation_key!, r);
    }
    const latestInMonth = [...latest.values()].filter(inMonth);
    const errorsPerCustomer = new Map<string, number>();
    for (const r of month)
      if (r.status === 'error' && r.customer)
        errorsPerCustomer.set(r.customer.id, (errorsPerCustomer.get(r.customer.id) ?? 0) + 1);

    const report = await monthlyActivity(client, config.names, '2026-11', 'UTC');
    expect(report.active_customers).toBe(active.size);
    expect(report.returning_customers).toBe([...active].filter((id) => before.has(id)).length);
    expect(report.new_customers).toBe([...active].filter((id) => !before.has(id)).length);
    expect(report.new_customers).toBeGreaterThan(0);
    expect(report.returning_customers).toBeGreaterThan(0);
    for (const { customer_id, operations } of report.top_customers)
      expect(operations, customer_id).toBe(opsPerCustomer.get(customer_id)!.size);
    expect(report.top_customers.map((c) => c.operations)).toEqual(
      [...opsPerCustomer.values()]
        .map((s) => s.size)
        .sort((a, b) => b - a)
        .slice(0, 10),
    );
    expect(report.imports).toBe(latestInMonth.filter((r) => r.operation_type === 'import_from_1c').length);
    expect(report.exports).toBe(latestInMonth.filter((r) => r.operation_type === 'export_to_1c').length);
    const repeated = [...errorsPerCustomer].filter(([, n]) => n >= 2);
    expect(report.repeated_failures.length).toBe(repeated.length);
    for (const { customer_id, errors } of report.repeated_failures)
      expect(errors, customer_id).toBe(errorsPerCustomer.get(customer_id));
  });

  it('gives a valid empty report for a month without records', async () => {
    expect(await monthlyActivity(client, config.names, '2025-02', 'Europe/Moscow')).toMatchObject({
      active_customers: 0,
      new_customers: 0,
      returning_customers: 0,
      top_customers: [],
      imports: 0,
      exports: 0,
      flagged: 0,
      repeated_failures: [],
    });
  });
});
