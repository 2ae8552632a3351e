import type { Period } from '../record/index-period.ts';

/** The period a retention-log record names (for indices that no longer exist), or `null`. */
export function parsePeriodBounds(record: {
  period_start?: string | undefined;
  period_end?: string | undefined;
}): Pick<Period, 'start' | 'end'> | null {
  if (!record.period_start || !record.period_end) return null;
  const start = new Date(record.period_start);
  const end = new Date(record.period_end);
  return Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) ? null : { start, end };
}
