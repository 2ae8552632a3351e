import type { Clock } from '../../opensearch/shared/clock.ts';
import { startHeartbeat } from './run-heartbeat.ts';
import { describeError, finishedFields, jsonSafe, performRun, retryDelay, withoutRetry } from './run-outcome.ts';
import { createRunRecordWriter } from './run-record-writer.ts';
import type { RunRecords, StoredRun } from './run-records.ts';
import type { ResolvedJob } from './scheduled-job.ts';
import type { SchedulerMetrics } from './scheduler-metrics.ts';

export interface RunExecutor {
  /** Runs the handler with a heartbeat on its record, then records the outcome, all under if_seq_no. */
  execute(job: ResolvedJob, claimed: StoredRun): Promise<void>;
}

export interface RunExecutorDeps {
  readonly runs: Pick<RunRecords, 'replace'>;
  readonly clock: Clock;
  readonly metrics?: SchedulerMetrics;
  readonly log: (line: string) => void;
}

export interface RunExecutorOptions {
  readonly heartbeatMs: number;
  /** First retry after this long, doubling per attempt up to retryMaxMs. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export function createRunExecutor(deps: RunExecutorDeps, options: RunExecutorOptions): RunExecutor {
  const { runs, clock, metrics, log } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function execute(job: ResolvedJob, claimed: StoredRun): Promise<void> {
    const controller = new AbortController();
    const writer = createRunRecordWriter(runs, claimed, { lost: () => controller.abort(), log });
    const heartbeat = startHeartbeat(
      clock,
      options.heartbeatMs,
      () => writer.update((record) => ({ ...record, heartbeat_at: iso(clock.now()) })),
      () => writer.owned() && !controller.signal.aborted,
    );
    const began = clock.now();
    const outcome = await performRun(job, claimed, controller.signal);
    heartbeat.stop();
    const now = clock.now();
    const finished = finishedFields(began, now);
    if (outcome.ok) {
      const value = outcome.value === undefined ? null : jsonSafe(outcome.value);
      await writer.update((r) => ({ ...withoutRetry(r), ...finished, state: 'succeeded', result: { value } }));
      if (writer.owned()) metrics?.finished(job.name, 'succeeded', false, now);
      return;
    }
    const { attempts } = claimed.record;
    const message = describeError(outcome.error);
    const gaveUp = attempts >= job.maxAttempts;
    const nextAttempt = iso(now + retryDelay(attempts, options.retryBaseMs, options.retryMaxMs));
    await writer.update((r) => ({
      ...withoutRetry(r),
      ...finished,
      state: 'failed',
      error: message,
      ...(gaveUp ? { gave_up: true } : { next_attempt_at: nextAttempt }),
    }));
    log(
      `scheduler: ${claimed.id} failed (attempt ${attempts} of ${job.maxAttempts}${gaveUp ? ', giving up' : `, next at ${nextAttempt}`}): ${message}`,
    );
    if (writer.owned()) metrics?.finished(job.name, 'failed', gaveUp, now);
  }

  return { execute };
}
