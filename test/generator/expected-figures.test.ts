import { describe, expect, it } from 'vitest';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { expectedFigures } from './expected-figures.ts';
import { generateRecords } from './generate-records.ts';

let seq = 0;
/** A minimal valid record at `time`, with the given fields on top. */
function record(time: string, fields: Partial<SyncLogRecord> = {}): SyncLogRecord {
  return {
    '@timestamp': time,
    ingested_at: time,
    event_id: '019ab0b8-5c00-7000-8000-000000000001',
    producer_id: 'producer-1',
    producer_seq: seq++,
    level: 'info',
    message: 'test record',
    service: { name: 'crm-1c-sync' },
    ...fields,
  };
}

const failed = (time: string, fields: Partial<SyncLogRecord> = {}) =>
  record(time, { status: 'error', level: 'error', operation_type: 'export_to_1c', ...fields });

describe('expectedFigures', () => {
  it('counts records by operation type, status and level, with zero for values no record has', () => {
    const records = [
      record('2026-11-23T10:00:00Z', { operation_id: 'a', operation_type: 'import_from_1c', status: 'success' }),
      record('2026-11-23T10:01:00Z', {
        operation_id: 'b',
        operation_type: 'import_from_1c',
        status: 'warning',
        level: 'warn',
      }),
      record('2026-11-23T10:02:00Z', { level: 'critical', category: 'security' }),
    ];

    const figures = expectedFigures(records);

    expect(figures.totalRecords).toBe(3);
    expect(figures.recordsByOperationType.import_from_1c).toBe(2);
    expect(figures.recordsByOperationType.batch_operation).toBe(0);
    expect(figures.recordsByStatus).toEqual({ success: 1, error: 0, warning: 1, skipped: 0, pending: 0 });
    expect(figures.recordsByLevel).toEqual({ debug: 0, info: 1, notice: 0, warn: 1, error: 0, critical: 1 });
  });

  it('counts an operation logged pending then error once, as an error', () => {
    const records = [
      record('2026-11-23T10:00:00.000Z', { operation_id: 'op-1', operation_type: 'export_to_1c', status: 'pending' }),
      failed('2026-11-23T10:00:01.500Z', { operation_id: 'op-1' }),
      record('2026-11-23T11:00:00.000Z', { operation_id: 'op-2', operation_type: 'sync_changes', status: 'success' }),
    ];

    const figures = expectedFigures(records);

    expect(figures.operations).toBe(2);
    expect(figures.operationsByType).toMatchObject({ export_to_1c: 1, sync_changes: 1, import_from_1c: 0 });
    expect(figures.operationsByLatestStatus).toEqual({ success: 1, error: 1, warning: 0, skipped: 0, pending: 0 });
    expect(figures.operationErrorRate).toBe(0.5);
    expect(figures.recordsByStatus.pending).toBe(1);
  });

  it('takes the latest state by @timestamp, then by producer_seq, whatever the order of the list', () => {
    const time = '2026-11-23T10:00:00.000Z';
    const records = [
      record(time, { operation_id: 'op-1', status: 'success', producer_seq: 8 }),
      record(time, { operation_id: 'op-1', status: 'pending', producer_seq: 7 }),
      record('2026-11-23T13:00:00+03:00', { operation_id: 'op-2', status: 'skipped' }),
      record('2026-11-23T10:00:00.001Z', { operation_id: 'op-2', status: 'pending' }),
    ];

    const figures = expectedFigures(records);

    expect(figures.operationsByLatestStatus).toMatchObject({ success: 1, pending: 1, skipped: 0 });
  });

  it('leaves records that are no operation (no id, no type and status) out of operations', () => {
    const figures = expectedFigures([
      record('2026-11-23T10:00:00Z', { category: 'security', level: 'warn' }),
      record('2026-11-23T10:01:00Z', { operation_type: 'import_from_1c' }),
    ]);

    expect(figures.operations).toBe(0);
    expect(figures.operationErrorRate).toBe(0);
  });

  it('counts each record with an operation type and a status but no operation_id as an operation of its own', () => {
    const records = [
      record('2026-11-23T10:00:00Z', {
        event_id: '019ab0b8-5c00-7000-8000-00000000000a',
        operation_type: 'import_from_1c',
        status: 'success',
      }),
      record('2026-11-23T10:00:00Z', {
        event_id: '019ab0b8-5c00-7000-8000-00000000000b',
        operation_type: 'import_from_1c',
        status: 'error',
      }),
      record('2026-11-23T10:00:00Z', {
        event_id: '019ab0b8-5c00-7000-8000-00000000000c',
        operation_type: 'sync_changes',
        status: 'pending',
      }),
    ];

    const figures = expectedFigures(records);

    expect(figures.operations).toBe(3);
    expect(figures.operationsByLatestStatus).toMatchObject({ success: 1, error: 1, pending: 1 });
    expect(figures.operationsByType).toMatchObject({ import_from_1c: 2, sync_changes: 1 });
  });

  it('counts distinct customers by id, ignoring unknown and absent customers', () => {
    const records = [
      record('2026-11-23T10:00:00Z', { customer: { id: 'c-1', name: 'ООО «Ромашка»' } }),
      record('2026-11-23T10:01:00Z', { customer: { id: 'c-1', name: 'ООО «Ромашка» (renamed)' } }),
      record('2026-11-23T10:02:00Z', { customer: { id: 'c-2' } }),
      record('2026-11-23T10:03:00Z', { customer: null }),
      record('2026-11-23T10:04:00Z'),
    ];

    expect(expectedFigures(records).distinctCustomers).toBe(2);
  });

  it('counts records per UTC day, or per day in the given time zone', () => {
    const records = [
      record('2026-11-23T00:00:00.000Z'),
      record('2026-11-23T22:30:00.000Z'),
      record('2026-11-24T01:00:00+03:00'),
    ];

    expect(expectedFigures(records).recordsByDay).toEqual({ '2026-11-23': 3 });
    expect(expectedFigures(records, { timeZone: 'Europe/Moscow' })).toMatchObject({
      timeZone: 'Europe/Moscow',
      recordsByDay: { '2026-11-23': 1, '2026-11-24': 2 },
    });
  });

  it('counts records per customer e-mail regardless of case', () => {
    const records = [
      record('2026-11-23T10:00:00Z', { customer_email: 'ivan@example.ru' }),
      record('2026-11-23T10:01:00Z', { customer_email: 'Ivan@Example.RU' }),
      record('2026-11-23T10:02:00Z', { customer_email: 'olga@example.ru' }),
      record('2026-11-23T10:03:00Z'),
    ];

    expect(expectedFigures(records).recordsByCustomerEmail).toEqual({ 'ivan@example.ru': 2, 'olga@example.ru': 1 });
  });

  it('counts records that require manual review, not those that say false', () => {
    const records = [
      record('2026-11-23T10:00:00Z', { manual_review_required: true }),
      record('2026-11-23T10:01:00Z', { manual_review_required: false }),
      record('2026-11-23T10:02:00Z', { manual_review_required: true }),
    ];

    expect(expectedFigures(records).manualReviewRequiredRecords).toBe(2);
  });

  it('lists error fingerprints most frequent first, ties by fingerprint, cut to the requested number', () => {
    const records = [
      failed('2026-11-23T10:00:00Z', { error_fingerprint: 'timeout after <n> ms' }),
      failed('2026-11-23T10:01:00Z', { error_fingerprint: 'customer <n> not found in <n>' }),
      failed('2026-11-23T10:02:00Z', { error_fingerprint: 'customer <n> not found in <n>' }),
      failed('2026-11-23T10:03:00Z', { error_fingerprint: 'lock held by <n>' }),
    ];

    const figures = expectedFigures(records, { topFingerprints: 2 });

    expect(figures.topErrorFingerprints).toEqual([
      { fingerprint: 'customer <n> not found in <n>', count: 2 },
      { fingerprint: 'lock held by <n>', count: 1 },
    ]);
  });

  it('gives zero figures for no records', () => {
    const figures = expectedFigures([]);

    expect(figures).toMatchObject({ totalRecords: 0, operations: 0, operationErrorRate: 0, distinctCustomers: 0 });
    expect(figures.recordsByDay).toEqual({});
    expect(figures.topErrorFingerprints).toEqual([]);
  });

  it('adds up on generated records: days sum to the total, and operations are fewer than records', () => {
    const records = generateRecords({
      seed: 7,
      count: 500,
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-04T00:00:00Z'),
    });

    const figures = expectedFigures(records);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

    expect(sum(figures.recordsByDay)).toBe(500);
    expect(Object.keys(figures.recordsByDay).sort()).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(sum(figures.operationsByLatestStatus)).toBe(figures.operations);
    expect(figures.operations).toBeLessThan(figures.totalRecords);
    expect(figures.operationErrorRate).toBeGreaterThan(0);
    expect(figures.operationErrorRate).toBeLessThan(0.5);
  });
});
