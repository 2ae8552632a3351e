import type { RunRecords } from './run-records.ts';
import type { ResolvedJob } from './scheduled-job.ts';
import type { SchedulerMetrics } from './scheduler-metrics.ts';

/**
 * Every instance, leader or not, reports each job's last success and failed runs from the run
 * records. Never rejects: a failed read goes to the log.
 */
export async function observeRuns(
  runs: Pick<RunRecords, 'latest' | 'failures'>,
  jobs: readonly ResolvedJob[],
  metrics: SchedulerMetrics | undefined,
  log: (line: string) => void,
): Promise<void> {
  if (!metrics) return;
  try {
    for (const job of jobs) {
      const [[success], failures] = await Promise.all([runs.latest(job.name, 1, 'succeeded'), runs.failures(job.name)]);
      metrics.observed(job.name, success?.finished_at ? Date.parse(success.finished_at) : null, failures.gaveUp);
    }
  } catch (error) {
    log(`scheduler: cannot read run records for metrics: ${(error as Error).message}`);
  }
}
