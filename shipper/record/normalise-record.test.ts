import { describe, expect, it } from 'vitest';
import { syncLogRecordSchema } from '../../opensearch/record/schema.ts';
import { LIMITS } from '../../opensearch/record/vocabulary.ts';
import { normaliseRecord, type NormaliseContext } from './normalise-record.ts';

const context: NormaliseContext = {
  now: Date.parse('2026-11-23T10:00:00.000Z'),
  producerId: 'app-1',
  producerSeq: 7,
  service: { name: 'crm-sync', environment: 'test' },
};

const ok = (info: Record<string, unknown>) => {
  const result = normaliseRecord(info, context);
  if (!result.ok) throw new Error(result.reason);
  return result.record;
};

describe('normaliseRecord', () => {
  it('assigns event id, producer, sequence, event time and service to a plain log call', () => {
    const record = ok({ level: 'info', message: 'hello' });
    expect(record).toMatchObject({
      '@timestamp': '2026-11-23T10:00:00.000Z',
      ingested_at: '2026-11-23T10:00:00.000Z',
      producer_id: 'app-1',
      producer_seq: 7,
      level: 'info',
      message: 'hello',
      service: { name: 'crm-sync', environment: 'test' },
    });
    expect(record.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(syncLogRecordSchema.safeParse(record).success).toBe(true);
  });

  it("stores a call's service text as its name, and flags one no service may be named", () => {
    expect(ok({ level: 'info', message: 'hi', service: 'user-service' }).service).toEqual({
      name: 'user-service',
      environment: 'test',
    });
    for (const name of ['', 'x'.repeat(LIMITS.idChars + 1)]) {
      const record = ok({ level: 'info', message: 'hi', service: name });
      expect(record.service).toEqual({ name: 'crm-sync', environment: 'test' });
      expect(record.validation_issues).toEqual(['service_invalid']);
      expect(syncLogRecordSchema.safeParse(record).success).toBe(true);
    }
  });

  it('keeps an explicit event time for backfills', () => {
    expect(ok({ level: 'info', message: 'old', '@timestamp': '2025-01-02T03:04:05Z' })['@timestamp']).toBe(
      '2025-01-02T03:04:05.000Z',
    );
    expect(ok({ level: 'info', message: 'old', timestamp: 1_763_000_000_000 })['@timestamp']).toBe(
      '2025-11-13T02:13:20.000Z',
    );
    expect(ok({ level: 'info', message: 'old', event_time: new Date('2026-11-20T08:00:00+03:00') })['@timestamp']).toBe(
      '2026-11-20T05:00:00.000Z',
    );
  });

  it('puts unknown fields in details and lifts the typed ones reports aggregate on', () => {
    const record = ok({
      level: 'info',
      message: 'imported',
      operation_type: 'import_from_1c',
      status: 'success',
      userId: 5,
      details: { customer_type: 'legal', created_new: true, nested: { a: 1 } },
    });
    expect(record.details).toEqual({ customer_type: 'legal', created_new: true, nested: { a: 1 }, userId: 5 });
    expect(record).toMatchObject({ customer_type: 'legal', created_new: true, operation_type: 'import_from_1c' });
  });

  it('maps winston and syslog levels onto synclog levels', () => {
    expect(ok({ level: 'warning', message: 'x' }).level).toBe('warn');
    expect(ok({ level: 'silly', message: 'x' }).level).toBe('debug');
    expect(ok({ level: 'crit', message: 'x' }).level).toBe('critical');
  });

  it('turns an Error into error fields with a fingerprint, and truncates a huge message keeping its length', () => {
    const error = new TypeError(`Customer 123 not found ${'x'.repeat(LIMITS.errorMessageChars)}`);
    const record = ok({ level: 'error', message: 'failed', error });
    expect(record.error_type).toBe('TypeError');
    expect(record.error_message).toHaveLength(LIMITS.errorMessageChars);
    expect(record.error_message_length).toBe(error.message.length);
    expect(record.error_fingerprint).toMatch(/^customer <n> not found/);
    expect(record.error_stack).toContain('TypeError');
  });

  it('survives circular references, BigInt, functions, symbols, huge strings and deep nesting', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100; i++) deep = (deep.next = {}) as Record<string, unknown>;
    const record = ok({
      level: 'info',
      message: 'hostile',
      circular,
      big: 10n ** 30n,
      fn: () => 1,
      sym: Symbol('s'),
      huge: 'y'.repeat(10 * 1024 * 1024),
      root,
      ctrl: 'a\u0000b\u001fc',
    });
    const details = record.details as Record<string, unknown>;
    expect((details.circular as Record<string, unknown>).self).toBe('[circular]');
    expect(details.big).toBe('1000000000000000000000000000000');
    expect(details).not.toHaveProperty('fn');
    expect((details.huge as string).length).toBeLessThan(9_000);
    expect(JSON.stringify(details.root)).toContain('[depth limit]');
    expect(details.ctrl).toBe('a\u0000b\u001fc');
  });

  it('returns a reason even when reading the record itself throws', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys for you');
        },
      },
    );
    const result = normaliseRecord(hostile as Record<string, unknown>, context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/no keys for you/);
  });
});
