import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS, OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { syncLogRecordSchema } from '../../opensearch/record/schema.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { liftTypedFields } from '../../opensearch/record/typed-fields.ts';
import { generateRecords } from './generate-records.ts';
import { HOSTILE_STRINGS } from './hostile-strings.ts';

const options = {
  seed: 20_261_101,
  count: 2_000,
  from: new Date('2026-11-01T00:00:00.000Z'),
  to: new Date('2026-11-08T00:00:00.000Z'),
};
// Generated once: the tests below only read it.
const records = generateRecords(options);

/** Every string anywhere in a value, however deeply nested. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** `Map.groupBy` arrived in Node 21; this runs on Node 20. */
function groupBy<K>(list: SyncLogRecord[], key: (r: SyncLogRecord) => K): Map<K, SyncLogRecord[]> {
  const groups = new Map<K, SyncLogRecord[]>();
  for (const r of list) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return groups;
}

const byOperation = (list: SyncLogRecord[]) =>
  groupBy(
    list.filter((r) => r.operation_id),
    (r) => r.operation_id!,
  );

describe('generateRecords', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('the same seed produces the same records, event ids included', () => {
    const again = generateRecords(options);

    expect(again).toEqual(records);
  });

  it('different seeds produce different records', () => {
    const other = generateRecords({ ...options, seed: options.seed + 1 });

    expect(other.map((r) => r.event_id)).not.toEqual(records.map((r) => r.event_id));
    expect(other.map((r) => r.message)).not.toEqual(records.map((r) => r.message));
  });

  it('does not depend on the clock or Math.random', () => {
    vi.useFakeTimers({ now: new Date('2001-01-01T00:00:00Z') });
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    const first = generateRecords({ ...options, count: 200 });
    vi.setSystemTime(new Date('2031-06-15T12:00:00Z'));
    vi.spyOn(Math, 'random').mockReturnValue(0.9);

    const second = generateRecords({ ...options, count: 200 });

    expect(second).toEqual(first);
  });

  it('produces exactly the requested number of records, sorted by @timestamp between from and to', () => {
    const times = records.map((r) => Date.parse(r['@timestamp']));

    expect(records).toHaveLength(2_000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(options.from.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(options.to.getTime());
    for (const r of records) expect(r['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('produces records that all pass the record schema', () => {
    const failures = records.filter((r) => !syncLogRecordSchema.safeParse(r).success);

    expect(failures).toEqual([]);
  });

  it('uses every operation type and every status in 2,000 records', () => {
    const types = new Set(records.map((r) => r.operation_type));
    const statuses = new Set(records.map((r) => r.status));

    for (const type of OPERATION_TYPES) expect(types).toContain(type);
    for (const status of STATUSES) expect(statuses).toContain(status);
  });

  it('gives every record a distinct UUIDv7 event id whose first 48 bits are its @timestamp', () => {
    for (const r of records) {
      const hex = r.event_id.replaceAll('-', '');
      expect(r.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(hex.slice(0, 12), 16)).toBe(Date.parse(r['@timestamp']));
    }
    expect(new Set(records.map((r) => r.event_id)).size).toBe(records.length);
  });

  it('numbers each producer’s records 0, 1, 2, … in the order they were logged', () => {
    const producers = groupBy(records, (r) => r.producer_id);

    expect([...producers.keys()].sort()).toEqual(['producer-1', 'producer-2', 'producer-3']);
    for (const list of producers.values()) expect(list.map((r) => r.producer_seq)).toEqual(list.map((_, i) => i));
  });

  it('spreads records over the requested producers and names the requested service', () => {
    const few = generateRecords({ ...options, count: 300, producers: 5, service: 'billing-sync' });

    expect(new Set(few.map((r) => r.producer_id)).size).toBe(5);
    for (const r of few) expect(r.service.name).toBe('billing-sync');
  });

  it('logs some operations twice: pending first, then success or error later under the same operation_id', () => {
    const pairs = [...byOperation(records).values()].filter((list) => list.length === 2);

    expect(pairs.length).toBeGreaterThan(50);
    for (const [start, end] of pairs) {
      expect(start!.status).toBe('pending');
      expect(['success', 'error']).toContain(end!.status);
      expect(start!.producer_id).toBe(end!.producer_id);
      const gap = Date.parse(end!['@timestamp']) - Date.parse(start!['@timestamp']);
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBe(end!.duration_ms);
    }
  });

  it('gives every operation record an operation_id, and operations never more than two records', () => {
    for (const r of records) if (r.operation_type) expect(r.operation_id).toMatch(/^op-[0-9a-f]{12}$/);
    for (const list of byOperation(records).values()) expect(list.length).toBeLessThanOrEqual(2);
  });

  it('ingests every record at or a little after its @timestamp', () => {
    for (const r of records) {
      const lag = Date.parse(r.ingested_at) - Date.parse(r['@timestamp']);
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThanOrEqual(120_000);
    }
  });

  it('sets level from status: errors error or critical, warnings warn, other statuses info', () => {
    const expected = {
      error: ['error', 'critical'],
      warning: ['warn'],
      success: ['info'],
      skipped: ['info'],
      pending: ['info'],
    };

    for (const r of records) if (r.status) expect(expected[r.status as keyof typeof expected]).toContain(r.level);
    expect(records.some((r) => r.status === 'error' && r.level === 'critical')).toBe(true);
    expect(records.some((r) => r.category === 'security')).toBe(true);
  });

  it('carries the typed fields exactly as lifted from details', () => {
    for (const r of records) {
      const { customer_type, created_new, conflict_type, manual_review_required } = r;
      expect({ customer_type, created_new, conflict_type, manual_review_required }).toEqual(liftTypedFields(r.details));
    }
    expect(records.some((r) => r.manual_review_required === true)).toBe(true);
    expect(records.some((r) => r.created_new === true)).toBe(true);
  });

  it('includes unknown customers as null, Cyrillic names, 1C ids of both shapes and mixed-case e-mails', () => {
    expect(records.some((r) => r.customer === null)).toBe(true);
    expect(records.some((r) => /[а-яё]/i.test(r.customer?.name ?? ''))).toBe(true);
    expect(records.some((r) => /^ЦБ-\d{6}$/.test(r.onec_id ?? ''))).toBe(true);
    expect(records.some((r) => /^\d{7}$/.test(r.onec_id ?? ''))).toBe(true);
    expect(records.some((r) => r.customer_email && r.customer_email !== r.customer_email.toLowerCase())).toBe(true);
  });

  it('repeats error messages with different numbers in them, grouped under one fingerprint', () => {
    const errors = records.filter((r) => r.error_fingerprint);
    const groups = [...groupBy(errors, (r) => r.error_fingerprint!).values()];
    const largest = groups.sort((a, b) => b.length - a.length)[0]!;

    expect(largest.length).toBeGreaterThan(10);
    expect(new Set(largest.map((r) => r.error_message)).size).toBeGreaterThan(1);
  });

  it('hides every hostile string somewhere in messages, names or details', () => {
    const texts = records.flatMap(stringsIn);

    for (const hostile of HOSTILE_STRINGS)
      expect(
        texts.some((t) => t.includes(hostile)),
        hostile,
      ).toBe(true);
  });

  it('includes an over-long error message, truncated to the limit with its original length kept', () => {
    const long = records.filter((r) => r.error_message_length !== undefined);

    expect(long.length).toBeGreaterThanOrEqual(1);
    for (const r of long) {
      expect(r.error_message).toHaveLength(LIMITS.errorMessageChars);
      expect(r.error_message_length).toBeGreaterThan(LIMITS.errorMessageChars);
    }
  });

  it('keeps duration_ms whole, mostly between 50 ms and 3 s, with a tail above 5 s', () => {
    const durations = records.flatMap((r) => (r.duration_ms === undefined ? [] : [r.duration_ms]));
    const usual = durations.filter((d) => d >= 50 && d <= 3_000);

    for (const d of durations) expect(Number.isInteger(d)).toBe(true);
    expect(usual.length / durations.length).toBeGreaterThan(0.85);
    expect(durations.some((d) => d > 5_000)).toBe(true);
  });

  it('returns no records for a count of 0 and rejects a negative count or from after to', () => {
    expect(generateRecords({ ...options, count: 0 })).toEqual([]);
    expect(() => generateRecords({ ...options, count: -1 })).toThrow(RangeError);
    expect(() => generateRecords({ ...options, from: options.to, to: options.from })).toThrow(RangeError);
  });
});
