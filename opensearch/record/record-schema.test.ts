import { describe, expect, it } from 'vitest';
import { recordFields } from './fields.ts';
import { recordMapping } from './mapping.ts';
import { syncLogRecordSchema } from './schema.ts';

const minimal = {
  '@timestamp': '2026-11-23T10:00:00.000Z',
  ingested_at: '2026-11-23T10:00:00.120Z',
  event_id: '019ab0b8-5c00-7000-8000-000000000001',
  producer_id: 'producer-1',
  producer_seq: 0,
  level: 'info',
  message: 'Imported customer from 1C',
  service: { name: 'crm-sync' },
};

describe('the record schema and mapping', () => {
  it('maps every schema field, and only those, with dynamic strict at the top level', () => {
    const mapping = recordMapping();
    expect(mapping.dynamic).toBe('strict');
    expect(Object.keys(mapping.properties).sort()).toEqual(Object.keys(syncLogRecordSchema.shape).sort());
  });

  it('maps details as flat_object, e-mail with a lowercase normaliser and error_message as text with a keyword', () => {
    const p = recordMapping().properties as Record<string, Record<string, unknown>>;
    expect(p.details).toEqual({ type: 'flat_object' });
    expect(p.customer_email).toMatchObject({ type: 'keyword', normalizer: 'synclog_lowercase' });
    expect(p.error_message).toMatchObject({ type: 'text', fields: { keyword: { type: 'keyword' } } });
    expect(p['@timestamp']).toMatchObject({ type: 'date' });
    expect(p.ingested_at).toMatchObject({ type: 'date' });
  });

  it('holds every field the design names', () => {
    const required = [
      '@timestamp',
      'ingested_at',
      'operation_id',
      'operation_type',
      'status',
      'customer',
      'customer_email',
      'onec_id',
      'details',
      'error_message',
      'error_type',
      'error_stack',
      'error_fingerprint',
      'duration_ms',
      'customer_type',
      'created_new',
      'conflict_type',
      'manual_review_required',
      'correlation_id',
      'trace_id',
      'span_id',
      'service',
      'level',
      'category',
      'event_id',
      'producer_id',
      'producer_seq',
    ];
    for (const name of required) expect(Object.keys(recordFields)).toContain(name);
  });

  it('accepts a minimal record and a full one', () => {
    expect(syncLogRecordSchema.safeParse(minimal).success).toBe(true);
    const full = {
      ...minimal,
      operation_id: 'op-1',
      operation_type: 'import_from_1c',
      status: 'error',
      level: 'error',
      category: 'sync',
      customer: { id: 'c-1', name: 'ООО «Ромашка»', role: 'dealer' },
      customer_email: 'Ivan@Example.RU',
      onec_id: 'ЦБ-000123',
      details: { a: { b: [1, 2, { c: 'd' }] } },
      error_message: 'boom',
      error_fingerprint: 'boom',
      duration_ms: 120,
      customer_type: 'legal',
      created_new: true,
      conflict_type: 'field_mismatch',
      manual_review_required: false,
      correlation_id: 'corr-1',
      trace_id: 'a'.repeat(32),
      span_id: 'b'.repeat(16),
      service: { name: 'crm-sync', environment: 'production', version: '1.2.3' },
    };
    expect(syncLogRecordSchema.parse(full)).toEqual(full);
  });

  it("accepts an application's own operation types, statuses and customer roles as codes", () => {
    expect(
      syncLogRecordSchema.safeParse({
        ...minimal,
        operation_type: 'price_update',
        status: 'partial',
        customer: { id: 'c', role: 'trainer' },
      }).success,
    ).toBe(true);
  });

  it('accepts an unknown customer as null', () => {
    expect(syncLogRecordSchema.safeParse({ ...minimal, customer: null }).success).toBe(true);
  });

  it('rejects unknown top-level fields, an unknown level, a status that is not a code and a missing timestamp', () => {
    expect(syncLogRecordSchema.safeParse({ ...minimal, surprise: 1 }).success).toBe(false);
    expect(syncLogRecordSchema.safeParse({ ...minimal, level: 'verbose' }).success).toBe(false);
    expect(syncLogRecordSchema.safeParse({ ...minimal, status: 42 }).success).toBe(false);
    expect(syncLogRecordSchema.safeParse({ ...minimal, status: '' }).success).toBe(false);
    const { '@timestamp': _omitted, ...noTimestamp } = minimal;
    expect(syncLogRecordSchema.safeParse(noTimestamp).success).toBe(false);
  });
});
