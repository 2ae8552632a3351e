import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { nextFire } from './cron-periods.ts';
import { currentLease } from './lease.ts';
import { runRecords, type RunRecord } from './run-records.ts';
import type { ResolvedJob } from './scheduled-job.ts';

export interface JobStatus {
  readonly name: string;
  readonly cron: string;
  readonly timezone: string;
  readonly enabled: boolean;
  readonly catch_up: number;
  readonly max_attempts: number;
  readonly next_run: string | null;
  readonly last_run: RunRecord | null;
  readonly last_success: string | null;
  /** Runs that failed after their last attempt. */
  readonly failed: number;
  /** Failed runs that will be tried again. */
  readonly retrying: number;
}

export interface ScheduleStatus {
  readonly leader: {
    readonly holder: string;
    readonly acquired_at: string;
    readonly expires_at: string;
    readonly expired: boolean;
  } | null;
  readonly jobs: readonly JobStatus[];
}

/** Jobs with their next and last runs and failures, and the current leader: for `synclog schedule status` and `GET /schedule`. */
export async function scheduleStatus(
  client: OpenSearchClient,
  names: IndexNames,
  jobs: readonly ResolvedJob[],
  now: Date,
): Promise<ScheduleStatus> {
  const runs = runRecords(client, names.schedulerRuns);
  const lease = await currentLease(client, names.schedulerLeases);
  const statuses = await Promise.all(
    jobs.map(async (job): Promise<JobStatus> => {
      const [[last], [success], failures] = await Promise.all([
        runs.latest(job.name, 1),
        runs.latest(job.name, 1, 'succeeded'),
        runs.failures(job.name),
      ]);
      return {
        name: job.name,
        cron: job.cron,
        timezone: job.timezone,
        enabled: job.enabled,
        catch_up: job.catchUp,
        max_attempts: job.maxAttempts,
        next_run: job.enabled ? nextFire(job.cron, job.timezone, now).toISOString() : null,
        last_run: last ?? null,
        last_success: success?.finished_at ?? null,
        failed: failures.gaveUp,
        retrying: failures.retrying,
      };
    }),
  );
  return {
    leader: lease
      ? {
          holder: lease.holder,
          acquired_at: lease.acquired_at,
          expires_at: lease.expires_at,
          expired: Date.parse(lease.expires_at) <= now.getTime(),
        }
      : null,
    jobs: statuses,
  };
}
