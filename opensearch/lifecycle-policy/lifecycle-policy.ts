import { z } from 'zod';
import { MAX_PERIOD_DAYS, type IndexPeriod, type Period } from '../record/index-period.ts';

/**
 * The one retention definition: hot, then cold (read-only, merged, fewer replicas, lower
 * priority, on `temp=cold` nodes where there are any), archived to a snapshot, deleted. Every
 * duration is a minimum counted from the END of an index's period, so each record is kept at
 * least as long as the policy says, whichever day of the period it was written.
 */
export const lifecyclePolicySchema = z
  .strictObject({
    hot_days: z.number().int().positive(),
    delete_days: z.number().int().positive(),
    /** Days after the period ended until the archive snapshot itself is deleted (never while held). */
    archive_keep_days: z.number().int().positive(),
    cold: z.strictObject({
      replicas: z.number().int().nonnegative(),
      priority: z.number().int().nonnegative(),
      force_merge_segments: z.number().int().positive(),
    }),
    archive_repository: z.string().min(1),
  })
  .refine((p) => p.delete_days > p.hot_days, {
    message: 'delete_days must be greater than hot_days',
    path: ['delete_days'],
  })
  .refine((p) => p.archive_keep_days >= p.delete_days, {
    message: 'archive_keep_days must be at least delete_days',
    path: ['archive_keep_days'],
  });

export type LifecyclePolicy = z.infer<typeof lifecyclePolicySchema>;

export function defaultLifecyclePolicy(
  overrides: Partial<LifecyclePolicy> & { archive_repository: string },
): LifecyclePolicy {
  return lifecyclePolicySchema.parse({
    hot_days: 90,
    delete_days: 730,
    archive_keep_days: 1_825,
    cold: { replicas: 0, priority: 0, force_merge_segments: 1 },
    ...overrides,
  });
}

const DAY_MS = 86_400_000;

export interface LifecycleDueDates {
  /** The index may go cold from this moment on. */
  readonly coldAt: Date;
  /** The index may be deleted (after archiving) from this moment on. */
  readonly deleteAt: Date;
  /** Its archive snapshot may be deleted from this moment on. */
  readonly archiveDeleteAt: Date;
}

/** When an index of `period` becomes due for each transition. */
export function lifecycleDueDates(period: Pick<Period, 'end'>, policy: LifecyclePolicy): LifecycleDueDates {
  const end = period.end.getTime();
  return {
    coldAt: new Date(end + policy.hot_days * DAY_MS),
    deleteAt: new Date(end + policy.delete_days * DAY_MS),
    archiveDeleteAt: new Date(end + policy.archive_keep_days * DAY_MS),
  };
}

/**
 * Ages as counted from `index.creation_date`, which is the period's START. An executor that only
 * knows creation age (ISM's `min_index_age`) must add the longest possible period to stay a minimum.
 */
export function minimumIndexAgeDays(days: number, unit: IndexPeriod): number {
  return days + MAX_PERIOD_DAYS[unit];
}
