import { describe, expect, it } from 'vitest';
import { syncLogRecordSchema, type SyncLogRecord } from '../../opensearch/record/schema.ts';
import { normaliseRecord, type NormaliseContext } from './normalise-record.ts';
import { recordRules } from './record-rules.ts';

const NOW = Date.parse('2026-12-04T10:00:00.000Z');
const context: NormaliseContext = {
  now: NOW,
  producerId: 'app-1',
  producerSeq: 0,
  service: { name: 'crm' },
  rules: recordRules({
    retentionDays: 730,
    clockSkewMs: 300_000,
    indexPeriod: 'month',
    operationTypes: ['import_from_1c', 'export_to_1c', 'price_update'],
    statuses: ['success', 'error', 'pending'],
  }),
};

function stored(info: Record<string, unknown>): SyncLogRecord {
  const result = normaliseRecord(info, context);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  expect(syncLogRecordSchema.safeParse(result.record).success).toBe(true);
  return result.record;
}

describe('a log call is stored and flagged rather than refused', () => {
  it('keeps an app-declared operation type and flags one outside the declared vocabulary, keeping the raw value', () => {
    expect(stored({ message: 'x', operation_type: 'price_update', status: 'success' })).toMatchObject({
      operation_type: 'price_update',
      status: 'success',
    });
    const record = stored({ message: 'x', operation_type: 'teleport', status: 'done' });
    expect(record.operation_type).toBeUndefined();
    expect(record.status).toBeUndefined();
    expect(record.invalid).toEqual({ operation_type: 'teleport', status: 'done' });
    expect(record.validation_issues).toEqual(['operation_type_unknown', 'status_unknown']);
  });

  it('accepts any customer role, moves other customer keys to details and keeps numeric ids as text', () => {
    const record = stored({
      message: 'x',
      customer: { id: 42, name: 'Иван', role: 'trainer', email: 'i@example.ru' },
      operation_id: 7,
    });
    expect(record.customer).toEqual({ id: '42', name: 'Иван', role: 'trainer' });
    expect(record.details).toEqual({ customer: { email: 'i@example.ru' } });
    expect(record.operation_id).toBe('7');
    expect(record.validation_issues).toBeUndefined();
  });

  it('flags a negative, non-finite or textual duration and leaves it out of duration_ms', () => {
    for (const bad of [-5, Number.NaN, '812', { ms: 3 }]) {
      const record = stored({ message: 'x', duration_ms: bad });
      expect(record.duration_ms).toBeUndefined();
      expect(record.validation_issues).toEqual(['duration_ms_invalid']);
      expect(record.invalid?.duration_ms).toBe(typeof bad === 'object' ? '{"ms":3}' : String(bad));
    }
    expect(stored({ message: 'x', duration_ms: 812.4 }).duration_ms).toBe(812);
  });

  it('moves only the refused part of an object and flags values of the wrong type anywhere', () => {
    const record = stored({
      message: 'x',
      customer: { id: 'c-1', role: { nested: true } },
      created_new: 'yes',
      correlation_id: 'c'.repeat(300),
    });
    expect(record.customer).toEqual({ id: 'c-1' });
    expect(record.created_new).toBeUndefined();
    expect(record.correlation_id).toBeUndefined();
    expect(record.invalid).toMatchObject({ 'customer.role': '{"nested":true}', created_new: 'yes' });
    expect(record.invalid?.correlation_id).toHaveLength(300);
    expect(new Set(record.validation_issues)).toEqual(
      new Set(['customer_role_invalid', 'created_new_invalid', 'correlation_id_invalid']),
    );
  });

  it('flags a customer given as text instead of refusing the record', () => {
    const record = stored({ message: 'x', customer: 'c-42' });
    expect(record.customer).toBeUndefined();
    expect(record.invalid).toEqual({ customer: 'c-42' });
  });

  it('gives an operation record without an id its own event id as operation key, and an id-carrying one its id', () => {
    const own = stored({ message: 'x', operation_type: 'import_from_1c', status: 'success' });
    expect(own.operation_key).toBe(own.event_id);
    expect(stored({ message: 'x', operation_id: 'op-1', status: 'pending' }).operation_key).toBe('op-1');
    expect(stored({ message: 'plain' }).operation_key).toBeUndefined();
    expect(stored({ message: 'x', operation_type: 'import_from_1c' }).operation_key).toBeUndefined();
  });
});

describe('the event time of a log call', () => {
  it('reads ISO 8601 with an offset, epoch milliseconds and Dates exactly', () => {
    expect(stored({ message: 'x', timestamp: '2026-12-04T12:30:00+03:00' })['@timestamp']).toBe(
      '2026-12-04T09:30:00.000Z',
    );
    expect(stored({ message: 'x', timestamp: '2026-12-04 09:30:00.123456Z' })['@timestamp']).toBe(
      '2026-12-04T09:30:00.123Z',
    );
    expect(stored({ message: 'x', '@timestamp': Date.parse('2026-06-01T00:00:00Z') })['@timestamp']).toBe(
      '2026-06-01T00:00:00.000Z',
    );
  });

  it('stores a time without an offset, or one V8 would guess, at its arrival time, flagged with the original kept', () => {
    for (const given of [
      '04.12.2026 10:00:00',
      '2026-12-04 10:00:00',
      'yesterday',
      '2026-02-31T10:00:00Z',
      '12/04/2026',
      true,
    ]) {
      const record = stored({ message: 'x', timestamp: given });
      expect(record['@timestamp'], String(given)).toBe(record.ingested_at);
      expect(record.event_time_raw).toBe(String(given));
      expect(record.validation_issues).toEqual(['event_time_unreadable']);
    }
  });

  it('believes a time within the clock skew and flags one beyond it as future, stored at arrival time', () => {
    expect(
      stored({ message: 'x', timestamp: new Date(NOW + 299_000).toISOString() }).validation_issues,
    ).toBeUndefined();
    const late = new Date(NOW + 301_000).toISOString();
    const record = stored({ message: 'x', timestamp: late });
    expect(record['@timestamp']).toBe(new Date(NOW).toISOString());
    expect(record).toMatchObject({ event_time_raw: late, validation_issues: ['event_time_future'] });
  });

  it('refuses a record older than the delete horizon as event_time_expired, and keeps one whose period is still kept', () => {
    for (const given of ['1969-12-31T23:59:59Z', '1024-01-01T00:00:00Z', '2024-11-30T23:59:59Z']) {
      const result = normaliseRecord({ message: 'x', timestamp: given }, context);
      expect(result.ok, given).toBe(false);
      if (!result.ok) expect(result.code).toBe('event_time_expired');
    }
    // December 2024 ends 2025-01-01; 730 days later is 2027-01-01: still kept on 2026-12-04.
    expect(stored({ message: 'x', timestamp: '2024-12-01T00:00:00Z' })['@timestamp']).toBe('2024-12-01T00:00:00.000Z');
  });
});
