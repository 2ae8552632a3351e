import { describe, expect, it } from 'vitest';
import { parsePeriodSuffix, periodOf } from './index-period.ts';

describe('periodOf', () => {
  it('names a daily period by its UTC date', () => {
    const p = periodOf('2026-11-23T23:59:59.999+03:00', 'day');
    expect(p.suffix).toBe('2026.11.23');
    expect(p.start.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });

  it('uses UTC, not the offset of the timestamp, to choose the period', () => {
    expect(periodOf('2026-12-01T01:00:00+03:00', 'month').suffix).toBe('2026.11');
  });

  it('names a month and ends it at the first instant of the next month', () => {
    const p = periodOf('2024-02-29T12:00:00Z', 'month');
    expect(p.suffix).toBe('2024.02');
    expect(p.end.toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });

  it('cuts weeks on Mondays and numbers them by ISO week-year', () => {
    expect(periodOf('2021-01-03T10:00:00Z', 'week').suffix).toBe('2020-w53');
    expect(periodOf('2021-01-04T00:00:00Z', 'week').suffix).toBe('2021-w01');
    expect(periodOf('2024-12-30T00:00:00Z', 'week').suffix).toBe('2025-w01');
    const p = periodOf('2026-11-23T08:00:00Z', 'week');
    expect(p.start.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(p.end.getTime() - p.start.getTime()).toBe(7 * 86_400_000);
  });

  it('rejects a time that is not a time', () => {
    expect(() => periodOf('not a date', 'day')).toThrow(RangeError);
  });
});

describe('parsePeriodSuffix', () => {
  it.each([
    ['2026-11-23T05:00:00Z', 'day'],
    ['2020-12-31T05:00:00Z', 'week'],
    ['2026-01-01T00:00:00Z', 'week'],
    ['2026-11-23T05:00:00Z', 'month'],
  ] as const)('reads back the period of %s by %s', (time, unit) => {
    const period = periodOf(time, unit);
    expect(parsePeriodSuffix(period.suffix)).toEqual(period);
  });

  it('rejects suffixes that are not periods', () => {
    for (const suffix of ['2026.13', '2026.02.30', '2026-w54', 'latest', '2026.1']) {
      expect(parsePeriodSuffix(suffix)).toBeNull();
    }
  });
});
