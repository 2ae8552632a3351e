import type { Clock } from '../../opensearch/shared/clock.ts';
import type { RunRecord, RunRecords, StoredRun } from './run-records.ts';
import { runIdOf, type ResolvedJob, type RunTrigger } from './scheduled-job.ts';

/** Takes runs for this instance; every write is guarded, so of two instances exactly one gets a run. */
export interface RunClaims {
  /** Takes the run for this period if it is this instance's to run; `null` when it is not. */
  claim(
    job: ResolvedJob,
    period: Date,
    existing: StoredRun | undefined,
    trigger: RunTrigger,
  ): Promise<StoredRun | null>;
  /**
   * Starts the run whatever state `existing` is in: creates the record, or replaces it with the next
   * attempt. `null` when another instance wrote it first.
   */
  start(
    job: ResolvedJob,
    period: Date,
    trigger: RunTrigger,
    existing: StoredRun | undefined,
    now: number,
  ): Promise<StoredRun | null>;
}

export interface RunClaimDeps {
  readonly runs: Pick<RunRecords, 'create' | 'replace'>;
  readonly clock: Clock;
  /** Written on the records this instance starts. */
  readonly instanceId: string;
  /** A running record silent for longer than this belongs to a dead instance. */
  readonly staleMs: number;
  readonly log: (line: string) => void;
}

/**
 * Whether a stored run is due for another attempt: `resume` when its instance went silent (its
 * heartbeat is older than `staleMs`), `retry` when it failed and its next attempt is due; else `null`.
 */
export function takeOver(
  record: RunRecord,
  now: number,
  staleMs: number,
  maxAttempts: number,
): 'resume' | 'retry' | null {
  if (record.state === 'running' && now - Date.parse(record.heartbeat_at) > staleMs) return 'resume';
  const retryDue =
    record.state === 'failed' &&
    !record.gave_up &&
    record.next_attempt_at !== undefined &&
    Date.parse(record.next_attempt_at) <= now;
  return retryDue && record.attempts < maxAttempts ? 'retry' : null;
}

/** A fresh `running` record for one attempt. */
export function startedRecord(
  job: string,
  period: Date,
  trigger: RunTrigger,
  attempts: number,
  instance: string,
  now: number,
): RunRecord {
  const at = new Date(now).toISOString();
  return {
    job,
    period: period.toISOString(),
    state: 'running',
    trigger,
    attempts,
    instance,
    created_at: at,
    started_at: at,
    heartbeat_at: at,
  };
}

export function createRunClaims(deps: RunClaimDeps): RunClaims {
  const { runs, clock, instanceId, staleMs, log } = deps;

  const start: RunClaims['start'] = (job, period, trigger, existing, now) => {
    if (!existing)
      return runs.create(runIdOf(job.name, period), startedRecord(job.name, period, trigger, 1, instanceId, now));
    const { record } = existing;
    return runs.replace(existing, {
      ...startedRecord(job.name, period, trigger, record.attempts + 1, instanceId, now),
      created_at: record.created_at,
    });
  };

  return {
    start,
    async claim(job, period, existing, trigger) {
      const now = clock.now();
      if (!existing) return start(job, period, trigger, undefined, now);
      const { record } = existing;
      const next = takeOver(record, now, staleMs, job.maxAttempts);
      if (next === 'resume')
        log(`scheduler: ${existing.id}: resuming the run of ${record.instance}, silent since ${record.heartbeat_at}`);
      return next ? start(job, period, next, existing, now) : null;
    },
  };
}
