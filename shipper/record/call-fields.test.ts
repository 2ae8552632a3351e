import { describe, expect, it } from 'vitest';
import { copyCallFields } from './call-fields.ts';
import { flaggedValues } from './flagged-values.ts';
import { recordRules } from './record-rules.ts';

const rules = recordRules({
  retentionDays: 730,
  clockSkewMs: 300_000,
  indexPeriod: 'month',
  operationTypes: ['import_from_1c'],
  statuses: ['success'],
});

function copy(info: Record<string, unknown>, details?: Record<string, unknown>) {
  const record: Record<string, unknown> = {};
  const flags = flaggedValues();
  const returned = copyCallFields(info, record, rules, flags, details);
  flags.applyTo(record);
  return { record, details: returned };
}

describe('copying the typed fields of a log call', () => {
  it('keeps a numeric id as its text and other numbers as numbers', () => {
    const { record } = copy({ onec_id: 42, trace_id: 7, created_new: true, duration_ms: 12.6 });
    expect(record).toEqual({ onec_id: '42', trace_id: '7', created_new: true, duration_ms: 13 });
  });

  it('flags a value outside its vocabulary as unknown and an empty or non-text one as invalid', () => {
    const { record } = copy({ operation_type: 'export', status: '' });
    expect(record).toEqual({
      invalid: { operation_type: 'export', status: '' },
      validation_issues: ['operation_type_unknown', 'status_invalid'],
    });
  });

  it('flags a negative or non-numeric duration instead of storing it', () => {
    expect(copy({ duration_ms: -1 }).record).toEqual({
      invalid: { duration_ms: '-1' },
      validation_issues: ['duration_ms_invalid'],
    });
    expect(copy({ duration_ms: '5' }).record.duration_ms).toBeUndefined();
  });

  it('moves the untyped customer fields into details beside what was there', () => {
    const { record, details } = copy({ customer: { id: 9, name: 'Acme', email: 'a@example.com' } }, { source: 'crm' });
    expect(record.customer).toEqual({ id: '9', name: 'Acme' });
    expect(details).toEqual({ source: 'crm', customer: { email: 'a@example.com' } });
  });

  it('ignores keys that are not record fields and returns details untouched', () => {
    const details = { a: 1 };
    const { record, details: returned } = copy({ userId: 5, message: 'hi' }, details);
    expect(record).toEqual({});
    expect(returned).toBe(details);
  });
});
