import { describe, expect, it, vi } from 'vitest';
import { recordFields, type RecordFieldName } from './fields.ts';
import { generateRecords } from '../../test/generator/index.ts';
import { passesQuickCheck } from './record-quick-check.ts';
import { syncLogRecordSchema } from './schema.ts';

const records = generateRecords({
  seed: 7,
  count: 2_000,
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-12-31T00:00:00Z'),
});

const HOSTILE_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x'.repeat(257),
  'x'.repeat(8_193),
  'x'.repeat(16_385),
  -1,
  0,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  true,
  false,
  {},
  [],
  [1],
  new Date(0),
  Object.create(null),
  { id: 'c' },
  { id: 'c', name: 'n', role: 'dealer' },
  { id: 'c', extra: 1 },
  { id: '' },
  { id: 'c', role: 'nobody' },
  { name: 'svc' },
  { name: 'svc', version: '' },
  { name: 'svc', other: 'x' },
  'not a date',
  '2026-02-30T00:00:00.000Z',
  '2026-02-29T00:00:00.000Z',
  '2024-02-29T00:00:00.000Z',
  '1900-02-29T00:00:00.000Z',
  '2000-02-29T00:00:00.000Z',
  '2026-04-31T00:00:00.000Z',
  '2026-04-30T23:59:59.999Z',
  '2026-13-01T00:00:00.000Z',
  '2026-11-23T24:00:00.000Z',
  '2026-11-23T23:60:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '2026-11-23T10:00:00Z',
  '2026-11-23T10:00:00.000+03:00',
  '+010000-01-01T00:00:00.000Z',
  '019AB0B8-5C00-7000-8000-000000000001',
  '00000000-0000-0000-0000-000000000000',
  '019ab0b8-5c00-7000-c000-000000000001',
  'info',
  'critical',
  'warning',
  'import_from_1c',
  'success',
  'customer',
  'ООО «Ромашка»',
  ['status_unknown'],
  [''],
  ['x'.repeat(257)],
  { status: 'done' },
  { status: 1 },
  { a: { b: 'c' } },
  { a: 'x'.repeat(1_025) },
];

function mutations(record: Record<string, unknown>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const field of Object.keys(recordFields) as RecordFieldName[]) {
    for (const value of HOSTILE_VALUES) out.push({ ...record, [field]: value });
    const { [field]: _removed, ...without } = record;
    out.push(without);
  }
  out.push({ ...record, unknown_field: 'x' }, { ...record, unknown_field: undefined });
  return out;
}

describe('the quick record check', () => {
  it('passes every generated record, so the schema parse is skipped for ordinary records', () => {
    for (const record of records) expect(passesQuickCheck({ ...record })).toBe(true);
  });

  it('never passes a record the record schema refuses, whatever one field holds', () => {
    let passed = 0;
    let refused = 0;
    for (const record of records.slice(0, 40)) {
      for (const candidate of mutations(record as Record<string, unknown>)) {
        if (passesQuickCheck(candidate)) {
          passed++;
          expect(syncLogRecordSchema.safeParse(candidate).success, JSON.stringify(candidate).slice(0, 300)).toBe(true);
        } else refused++;
      }
    }
    // Both answers occur: the check is neither a constant yes nor a constant no.
    expect(passed).toBeGreaterThan(1_000);
    expect(refused).toBeGreaterThan(1_000);
  });

  it('refuses an empty time even in the first record it checks, before any time has passed', async () => {
    vi.resetModules();
    const fresh = await import('./record-quick-check.ts');
    const record = { ...records[0]! } as Record<string, unknown>;
    expect(fresh.passesQuickCheck({ ...record, '@timestamp': '' })).toBe(false);
    expect(fresh.passesQuickCheck({ ...record, ingested_at: '' })).toBe(false);
    expect(fresh.passesQuickCheck(record)).toBe(true);
  });

  it('refuses a record whose envelope fields were tampered with after a valid one passed', () => {
    const record = { ...records[1]! } as Record<string, unknown>;
    expect(passesQuickCheck(record)).toBe(true);
    for (const [field, value] of Object.entries({
      '@timestamp': '2026-02-30T00:00:00.000Z',
      ingested_at: 'yesterday',
      event_id: String(record.event_id).toUpperCase(),
      producer_id: '',
      producer_seq: -1,
      level: 'fatal',
      service: { ...(record.service as object), region: 'eu' },
    })) {
      expect(passesQuickCheck({ ...record, [field]: value }), field).toBe(false);
    }
  });
});
