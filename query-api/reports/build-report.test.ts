import { describe, expect, it } from 'vitest';
import { completedPeriod } from './build-report.ts';

describe('the period a scheduled report covers', () => {
  it('is the local day before, the 7 local days up to it, or the month before', () => {
    const at = new Date('2026-12-01T04:00:00Z'); // 07:00 on 1 December in Moscow
    expect(completedPeriod('daily', at, 'Europe/Moscow')).toEqual({ kind: 'daily', date: '2026-11-30' });
    expect(completedPeriod('weekly', at, 'Europe/Moscow')).toEqual({ kind: 'weekly', start: '2026-11-24' });
    expect(completedPeriod('monthly', at, 'Europe/Moscow')).toEqual({ kind: 'monthly', month: '2026-11' });
  });

  it('counts days in the report time zone, not in UTC', () => {
    const at = new Date('2026-01-01T02:00:00Z'); // still 31 December in New York
    expect(completedPeriod('daily', at, 'America/New_York')).toEqual({ kind: 'daily', date: '2025-12-30' });
    expect(completedPeriod('daily', at, 'UTC')).toEqual({ kind: 'daily', date: '2025-12-31' });
    expect(completedPeriod('monthly', at, 'America/New_York')).toEqual({ kind: 'monthly', month: '2025-11' });
    expect(completedPeriod('monthly', at, 'UTC')).toEqual({ kind: 'monthly', month: '2025-12' });
  });
});
