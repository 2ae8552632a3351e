import { describe, expect, it } from 'vitest';
import { periodOf, type IndexPeriod } from '../record/index-period.ts';
import {
  defaultLifecyclePolicy,
  lifecycleDueDates,
  lifecyclePolicySchema,
  minimumIndexAgeDays,
} from './lifecycle-policy.ts';

const DAY = 86_400_000;
const policy = defaultLifecyclePolicy({ archive_repository: 'synclog-archive' });

describe('lifecycle due dates', () => {
  it.each(['day', 'week', 'month'] as const)(
    'keeps the last record of a %s period hot for the full 90 days',
    (unit: IndexPeriod) => {
      const first = periodOf('2026-01-31T23:59:59.999Z', unit);
      const lastInstant = new Date(first.end.getTime() - 1);
      const { coldAt, deleteAt } = lifecycleDueDates(first, policy);
      expect(coldAt.getTime() - lastInstant.getTime()).toBeGreaterThanOrEqual(90 * DAY);
      expect(deleteAt.getTime() - lastInstant.getTime()).toBeGreaterThanOrEqual(730 * DAY);
    },
  );

  it('does not let a record from the last day of a month go cold at 60 days', () => {
    const november = periodOf('2025-11-30T18:00:00Z', 'month');
    const recordTime = new Date('2025-11-30T18:00:00Z').getTime();
    const { coldAt } = lifecycleDueDates(november, policy);
    expect(coldAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect((coldAt.getTime() - recordTime) / DAY).toBeGreaterThan(89);
  });

  it('keeps the first record of a period no more than one period longer than the policy', () => {
    const november = periodOf('2025-11-01T00:00:00Z', 'month');
    const { coldAt } = lifecycleDueDates(november, policy);
    expect((coldAt.getTime() - november.start.getTime()) / DAY).toBe(30 + 90);
  });

  it('adds the longest period to ages counted from creation date, so they stay minimums', () => {
    expect(minimumIndexAgeDays(90, 'month')).toBe(121);
    expect(minimumIndexAgeDays(90, 'week')).toBe(97);
    expect(minimumIndexAgeDays(90, 'day')).toBe(91);
  });
});

describe('lifecycle policy definition', () => {
  it('defaults to 90 days hot and 2 years before deletion', () => {
    expect(policy).toMatchObject({ hot_days: 90, delete_days: 730 });
  });

  it('refuses a deletion that would come before the end of the hot phase', () => {
    const result = lifecyclePolicySchema.safeParse({ ...policy, delete_days: 30 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['delete_days']);
  });
});
