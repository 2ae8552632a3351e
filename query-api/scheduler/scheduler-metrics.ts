import { Counter, Gauge, type Registry } from 'prom-client';

export interface SchedulerMetrics {
  finished(job: string, outcome: 'succeeded' | 'failed', gaveUp: boolean, at: number): void;
  lastSuccess(job: string, at: number): void;
  leader(isLeader: boolean): void;
}

/** The scheduler's metrics in the service's registry: last success per job, runs and failures. */
export function createSchedulerMetrics(registry: Registry): SchedulerMetrics {
  const runs = new Counter({ name: 'synclog_scheduler_runs_total', help: 'Scheduled job runs finished by this instance, by outcome', labelNames: ['job', 'outcome'], registers: [registry] });
  const gaveUp = new Counter({ name: 'synclog_scheduler_failed_runs_total', help: 'Runs that failed after their last attempt', labelNames: ['job'], registers: [registry] });
  const lastSuccess = new Gauge({ name: 'synclog_scheduler_last_success_timestamp_seconds', help: 'When each job last succeeded (any instance, as far as this one knows)', labelNames: ['job'], registers: [registry] });
  const leader = new Gauge({ name: 'synclog_scheduler_leader', help: '1 while this instance holds the scheduler lease', registers: [registry] });
  return {
    finished(job, outcome, failedForGood, at) {
      runs.inc({ job, outcome });
      if (failedForGood) gaveUp.inc({ job });
      if (outcome === 'succeeded') lastSuccess.set({ job }, at / 1000);
    },
    lastSuccess: (job, at) => lastSuccess.set({ job }, at / 1000),
    leader: (isLeader) => leader.set(isLeader ? 1 : 0),
  };
}
