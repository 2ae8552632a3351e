import type { Clock } from '../../opensearch/shared/clock.ts';
import { latestFires } from './cron-periods.ts';
import type { InFlightRuns } from './in-flight-runs.ts';
import type { RunClaims } from './run-claim.ts';
import type { RunExecutor } from './run-executor.ts';
import type { RunRecord, RunRecords } from './run-records.ts';
import { runIdOf, type ResolvedJob } from './scheduled-job.ts';

export type ManualRunOutcome =
  | { readonly ran: true; readonly record: RunRecord }
  | { readonly ran: false; readonly reason: string; readonly record?: RunRecord };

export interface ManualRuns {
  /** Runs one job now for a period (default: its latest), under the same once-only rule; no lease needed. */
  runNow(job: string, period?: Date): Promise<ManualRunOutcome>;
}

export interface ManualRunsDeps {
  readonly jobs: readonly ResolvedJob[];
  readonly runs: Pick<RunRecords, 'get'>;
  readonly clock: Clock;
  readonly claims: Pick<RunClaims, 'start'>;
  readonly executor: RunExecutor;
  readonly inFlight: Pick<InFlightRuns, 'track'>;
}

/** The period a manual run stands for: `period` when it is one of the job's fire times, else its latest. */
export function manualPeriod(
  job: Pick<ResolvedJob, 'name' | 'cron' | 'timezone'>,
  now: number,
  period?: Date,
): { readonly period: Date } | { readonly reason: string } {
  const target = period ?? latestFires(job.cron, job.timezone, new Date(now), 1)[0]!;
  const fire = latestFires(job.cron, job.timezone, target, 1)[0]!;
  if (fire.getTime() === target.getTime()) return { period: target };
  return {
    reason: `${target.toISOString()} is not a period of ${job.name} ("${job.cron}" in ${job.timezone}); the one before it is ${fire.toISOString()}`,
  };
}

export function createManualRuns(deps: ManualRunsDeps): ManualRuns {
  const { jobs, runs, clock, claims, executor, inFlight } = deps;
  return {
    async runNow(name, period) {
      const job = jobs.find((j) => j.name === name);
      if (!job)
        return { ran: false, reason: `no job named "${name}" (jobs: ${jobs.map((j) => j.name).join(', ') || 'none'})` };
      const now = clock.now();
      const chosen = manualPeriod(job, now, period);
      if ('reason' in chosen) return { ran: false, reason: chosen.reason };
      const id = runIdOf(job.name, chosen.period);
      const existing = (await runs.get([id])).get(id);
      // A failed run may be run again by hand whatever its retry state; a running or succeeded one not.
      if (existing && existing.record.state !== 'failed') {
        const { record } = existing;
        const reason =
          record.state === 'succeeded'
            ? `already succeeded (${record.finished_at}, ${record.instance})`
            : `running on ${record.instance} since ${record.started_at}`;
        return { ran: false, reason: `${id} ${reason}`, record };
      }
      const claimed = await claims.start(job, chosen.period, 'manual', existing, now);
      if (!claimed) return { ran: false, reason: `${id} was taken by another instance a moment ago` };
      await inFlight.track(executor.execute(job, claimed));
      const after = (await runs.get([id])).get(id);
      return after ? { ran: true, record: after.record } : { ran: false, reason: `${id} disappeared` };
    },
  };
}
