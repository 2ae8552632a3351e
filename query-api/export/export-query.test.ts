import { describe, expect, it } from 'vitest';
import { exportCsvQuerySchema, exportXlsxQuerySchema, splitExportQuery } from './export-query.ts';

const firstIssue = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; code: string }> } }) =>
  result.error?.issues[0];

describe('export query parameters', () => {
  it('take a language, a known time zone and a named separator, and split them from the filters', () => {
    const parsed = exportCsvQuerySchema.parse({ lang: 'ru', tz: 'Europe/Moscow', delimiter: 'comma', status: 'error' });
    expect(splitExportQuery(parsed)).toEqual({
      filters: { status: ['error'] },
      presentation: { lang: 'ru', tz: 'Europe/Moscow', delimiter: 'comma' },
    });
    expect(splitExportQuery(exportCsvQuerySchema.parse({})).presentation).toEqual({});
  });

  it('refuse an unknown language, time zone or separator, naming the parameter', () => {
    expect(firstIssue(exportCsvQuerySchema.safeParse({ lang: 'de' }))?.path).toEqual(['lang']);
    expect(firstIssue(exportCsvQuerySchema.safeParse({ lang: 'ru', tz: 'Mars/Olympus' }))?.path).toEqual(['tz']);
    expect(firstIssue(exportCsvQuerySchema.safeParse({ delimiter: 'tab' }))?.path).toEqual(['delimiter']);
  });

  it('refuse a time zone without a language: the machine-readable file has UTC times only', () => {
    expect(firstIssue(exportCsvQuerySchema.safeParse({ tz: 'Europe/Moscow' }))?.path).toEqual(['tz']);
  });

  it('refuse a separator for XLSX as an unknown parameter', () => {
    const issue = firstIssue(exportXlsxQuerySchema.safeParse({ lang: 'ru', delimiter: 'semicolon' }));
    expect(issue?.code).toBe('unrecognized_keys');
  });

  it('keep the filters’ own checks', () => {
    const result = exportCsvQuerySchema.safeParse({ lang: 'en', from: '2026-11-02T00:00:00Z', to: '2026-11-01' });
    expect(firstIssue(result)?.path).toEqual(['to']);
  });
});
