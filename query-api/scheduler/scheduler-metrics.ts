import { Counter, Gauge, type Registry } from 'prom-client';

export interface SchedulerMetrics {
  finished(job: string, outcome: 'succeeded' | 'failed', gaveUp: boolean, at: number): void;
  /** What the run records say, whichever instance ran them: read on every pass by every instance. */
  observed(job: string, lastSuccessAt: number | null, gaveUp: number): void;
  leader(isLeader: boolean): void;
}

/** The scheduler's metrics in the service's registry: last success per job, runs and failures. */
export function createSchedulerMetrics(registry: Registry): SchedulerMetrics {
  const runs = new Counter({
    name: 'synclog_scheduler_runs_total',
    help: 'Scheduled job runs finished by this instance, by outcome',
    labelNames: ['job', 'outcome'],
    registers: [registry],
  });
  const gaveUp = new Counter({
    name: 'synclog_scheduler_failed_runs_total',
    help: 'Runs that failed after their last attempt',
    labelNames: ['job'],
    registers: [registry],
  });
  const lastSuccess = new Gauge({
    name: 'synclog_scheduler_last_success_timestamp_seconds',
    help: 'When each job last succeeded, on any instance',
    labelNames: ['job'],
    registers: [registry],
  });
  const failedNow = new Gauge({
    name: 'synclog_scheduler_failed_runs',
    help: 'Runs currently failed for good (after their last attempt), per job, from the run records',
    labelNames: ['job'],
    registers: [registry],
  });
  const leader = new Gauge({
    name: 'synclog_scheduler_leader',
    help: '1 while this instance holds the scheduler lease',
    registers: [registry],
  });
  return {
    finished(job, outcome, failedForGood, at) {
      runs.inc({ job, outcome });
      if (failedForGood) gaveUp.inc({ job });
      if (outcome === 'succeeded') lastSuccess.set({ job }, at / 1000);
    },
    observed(job, lastSuccessAt, gaveUpRuns) {
      if (lastSuccessAt !== null) lastSuccess.set({ job }, lastSuccessAt / 1000);
      failedNow.set({ job }, gaveUpRuns);
    },
    leader: (isLeader) => leader.set(isLeader ? 1 : 0),
  };
}
