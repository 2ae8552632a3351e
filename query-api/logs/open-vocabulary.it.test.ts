import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';
import { allLogPages } from '../../test/all-log-pages.ts';
import { flagged, TEST_ISSUES } from '../../test/flagged-records.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { seedPrefix } from '../../test/seeded-prefix.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import { seenCodes } from './seen-codes.ts';

const client = testClient();
const prefix = uniquePrefix('logs-vocab');
const VIEWER = 'viewer-token-0123456789';
const APP_ROLES = ['retail', 'wholesale', 'trainer', 'оптовик'] as const;
const APP_OPERATION_TYPES = ['price_update', 'stock_sync'] as const;

/**
 * A CRM's own vocabulary over generated records: its customer roles (a fifth of the customers keep
 * the story's roles), two operation types and a status of its own, and records flagged with each
 * issue alone and with two at once.
 */
const records: SyncLogRecord[] = generateRecords({
  seed: 31,
  count: 1_500,
  from: new Date('2026-10-01T00:00:00Z'),
  to: new Date('2026-11-01T00:00:00Z'),
}).map((r, i) => {
  let out: SyncLogRecord = r;
  if (out.customer && i % 5 !== 4) out = { ...out, customer: { ...out.customer, role: APP_ROLES[i % 5]! } };
  if (out.operation_type && i % 5 === 0) out = { ...out, operation_type: APP_OPERATION_TYPES[i % 2]! };
  if (out.status && i % 13 === 0) out = { ...out, status: 'partial' };
  const slot = i % 17;
  if (slot < TEST_ISSUES.length) out = flagged(out, TEST_ISSUES[slot]!);
  if (slot === TEST_ISSUES.length) out = flagged(out, 'status_unknown', 'duration_ms_invalid');
  return out;
});
let app: ReturnType<typeof createApp>;
let config: SetupConfig;

beforeAll(async () => {
  config = await seedPrefix(client, prefix, records);
  app = createApp({ client, names: config.names, tokens: apiTokens([{ role: 'viewer', token: VIEWER }]) });
});
afterAll(() => dropPrefix(client, prefix));

const get = (path: string) => app.request(path, { headers: { Authorization: `Bearer ${VIEWER}` } });
const ids = (list: readonly SyncLogRecord[]) => list.map((r) => r.event_id).sort();
const all = (query: string) => allLogPages(get, query);

describe("GET /logs with an application's own vocabulary and flagged records", () => {
  it('returns exactly the records of each own role, operation type and status, alone and combined', async () => {
    const cases: Array<[string, (r: SyncLogRecord) => boolean]> = [
      ['customer_role=retail', (r) => r.customer?.role === 'retail'],
      ['customer_role=wholesale,trainer', (r) => r.customer?.role === 'wholesale' || r.customer?.role === 'trainer'],
      [`customer_role=${encodeURIComponent('оптовик')}`, (r) => r.customer?.role === 'оптовик'],
      ['customer_role=dealer', (r) => r.customer?.role === 'dealer'],
      ['operation_type=price_update', (r) => r.operation_type === 'price_update'],
      [
        'operation_type=stock_sync&operation_type=import_from_1c',
        (r) => r.operation_type === 'stock_sync' || r.operation_type === 'import_from_1c',
      ],
      ['status=partial', (r) => r.status === 'partial'],
      [
        'status=partial,error&customer_role=trainer',
        (r) => (r.status === 'partial' || r.status === 'error') && r.customer?.role === 'trainer',
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = records.filter(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(ids(await all(query)), query).toEqual(ids(expected));
    }
  });

  it('finds flagged records by flag and by issue code, and never by a refused value', async () => {
    const issuesOf = (r: SyncLogRecord) => r.validation_issues ?? [];
    const cases: Array<[string, (r: SyncLogRecord) => boolean]> = [
      ['flagged=true', (r) => issuesOf(r).length > 0],
      ['flagged=false', (r) => issuesOf(r).length === 0],
      ['validation_issue=status_unknown', (r) => issuesOf(r).includes('status_unknown')],
      [
        'validation_issue=event_time_unreadable,duration_ms_invalid',
        (r) => issuesOf(r).some((c) => c === 'event_time_unreadable' || c === 'duration_ms_invalid'),
      ],
      ['flagged=true&customer_role=retail', (r) => issuesOf(r).length > 0 && r.customer?.role === 'retail'],
      ['flagged=false&status=partial', (r) => issuesOf(r).length === 0 && r.status === 'partial'],
    ];
    for (const [query, keep] of cases) {
      const expected = records.filter(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(ids(await all(query)), query).toEqual(ids(expected));
    }
    // `price_update` is also a refused value kept under invalid.operation_type: only typed values match.
    const refused = records.filter((r) => r.invalid?.operation_type === 'price_update');
    expect(refused.length).toBeGreaterThan(0);
    const typed = new Set(ids(await all('operation_type=price_update')));
    expect(refused.filter((r) => typed.has(r.event_id))).toEqual([]);
    expect(
      ((await (await get('/logs?validation_issue=no_such_issue')).json()) as { total: { value: number } }).total.value,
    ).toBe(0);
  });

  it('returns a flagged record with its issues, refused values and raw event time', async () => {
    const record = records.find((r) => r.validation_issues?.includes('event_time_unreadable'))!;
    const body = await (await get(`/logs/${record.event_id}`)).json();
    expect(body).toMatchObject({ validation_issues: record.validation_issues, event_time_raw: record.event_time_raw });
    const twice = records.find((r) => r.validation_issues?.length === 2)!;
    const stored = await (await get(`/logs/${twice.event_id}`)).json();
    expect(stored).toMatchObject({
      validation_issues: ['status_unknown', 'duration_ms_invalid'],
      invalid: twice.invalid,
    });
    expect(stored).not.toHaveProperty('status');
  });

  it('tells the console every operation type and status the records hold, the own codes included', async () => {
    const distinct = (read: (r: SyncLogRecord) => string | undefined) =>
      [...new Set(records.map(read).filter((c): c is string => c !== undefined))].sort();
    const seen = await seenCodes(client, config.names);
    if (seen instanceof Error) throw seen;
    expect([...seen.operation_type].sort()).toEqual(distinct((r) => r.operation_type));
    expect([...seen.status].sort()).toEqual(distinct((r) => r.status));
    expect(seen.status).toContain('partial');
  });

  it('reads a code with inner spaces as one exact value, never as a query', async () => {
    expect(await (await get(`/logs?customer_role=${encodeURIComponent('retail OR wholesale')}`)).json()).toMatchObject({
      total: { value: 0 },
    });
    expect((await get(`/logs?customer_role=${encodeURIComponent('key account')}`)).status).toBe(200);
  });

  it('answers 400 naming the field for codes that are query syntax, wildcards, quoted, over-long or too many', async () => {
    const hostile = [
      '*',
      'retail*',
      '"retail"',
      "retail' OR '1'='1",
      'retail  wholesale',
      '(retail)',
      '{"match_all":{}}',
      '\\',
      '<script>',
      'x'.repeat(257),
    ];
    for (const field of ['operation_type', 'status', 'customer_role', 'validation_issue']) {
      for (const value of hostile) {
        const response = await get(`/logs?${field}=${encodeURIComponent(value)}`);
        expect(response.status, `${field}=${value}`).toBe(400);
        expect(await response.json(), `${field}=${value}`).toMatchObject({ error: 'invalid_request', field });
      }
      const tooMany = Array.from({ length: 51 }, (_, i) => `code${i}`).join(',');
      expect(await (await get(`/logs?${field}=${tooMany}`)).json()).toMatchObject({ field });
    }
    for (const value of ['yes', '1', ''])
      expect(await (await get(`/logs?flagged=${value}`)).json(), `flagged=${value}`).toMatchObject({
        error: 'invalid_request',
        field: 'flagged',
      });
  });
});
