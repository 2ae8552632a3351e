import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { EXPORT_HEADER, exportRow } from './export-columns.ts';

const [plain, base] = generateRecords({
  seed: 5,
  count: 2,
  from: new Date('2026-11-01T00:00:00Z'),
  to: new Date('2026-11-02T00:00:00Z'),
}) as [SyncLogRecord, SyncLogRecord];
const flagged: SyncLogRecord = {
  ...base,
  validation_issues: ['event_time_unreadable', 'status_unknown', 'duration_ms_invalid'],
  event_time_raw: '=04.12.2026 10:00:00',
  invalid: { status: 'done!', duration_ms: '-5' },
};
const cell = (record: SyncLogRecord, column: string) => exportRow(record)[EXPORT_HEADER.indexOf(column)];

describe('export columns', () => {
  it('carry a flagged record\'s issues joined with ";" and its raw event time, neutralised like any text', () => {
    expect(cell(flagged, 'validation_issues')).toBe('event_time_unreadable;status_unknown;duration_ms_invalid');
    expect(cell(flagged, 'event_time_raw')).toBe("'=04.12.2026 10:00:00");
  });

  it('leave both cells empty for a record nothing was wrong with', () => {
    expect(plain.validation_issues).toBeUndefined();
    expect(cell(plain, 'validation_issues')).toBe('');
    expect(cell(plain, 'event_time_raw')).toBe('');
  });

  it('give every row exactly one cell per header column', () => {
    expect(new Set(EXPORT_HEADER).size).toBe(EXPORT_HEADER.length);
    for (const record of [plain, flagged]) expect(exportRow(record)).toHaveLength(EXPORT_HEADER.length);
  });
});
