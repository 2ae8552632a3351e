import { latestFires } from './cron-periods.ts';
import type { ResolvedJob } from './scheduled-job.ts';

/** A period the leader owes a run, and why: the newest is the scheduled run, older ones are catch-up. */
export interface DuePeriod {
  readonly period: Date;
  readonly trigger: 'schedule' | 'catch-up';
}

/**
 * The job's latest `catchUp` fire times at or before `now`, oldest first, leaving out those from
 * before the job was first seen: catch-up runs missed periods, never periods the job never had.
 */
export function duePeriods(
  job: Pick<ResolvedJob, 'cron' | 'timezone' | 'catchUp'>,
  now: number,
  firstSeenAt: number,
): DuePeriod[] {
  const periods = latestFires(job.cron, job.timezone, new Date(now), job.catchUp).filter(
    (p) => p.getTime() >= firstSeenAt,
  );
  return periods.map((period, i) => ({ period, trigger: i === periods.length - 1 ? 'schedule' : 'catch-up' }));
}
