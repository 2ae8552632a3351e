import { describe, expect, it } from 'vitest';
import { observeRuns } from './observe-runs.ts';
import type { RunRecord, RunRecords } from './run-records.ts';
import type { ResolvedJob } from './scheduled-job.ts';
import type { SchedulerMetrics } from './scheduler-metrics.ts';

const job = (name: string): ResolvedJob => ({
  ...{ name, cron: '0 * * * *', timezone: 'UTC', enabled: true, catchUp: 1, maxAttempts: 3 },
  handler: () => {},
});

function recording() {
  const observed: unknown[][] = [];
  const metrics: SchedulerMetrics = {
    finished: () => {},
    leader: () => {},
    observed: (...args) => observed.push(args),
  };
  return { metrics, observed };
}

describe('observeRuns', () => {
  it("reports each job's last success and given-up runs, null when it never succeeded", async () => {
    const runs: Pick<RunRecords, 'latest' | 'failures'> = {
      latest: async (name) => (name === 'a' ? [{ finished_at: '2026-11-23T10:00:05.000Z' } as RunRecord] : []),
      failures: async (name) => (name === 'a' ? { gaveUp: 0, retrying: 1 } : { gaveUp: 2, retrying: 0 }),
    };
    const { metrics, observed } = recording();
    await observeRuns(runs, [job('a'), job('b')], metrics, () => {});
    expect(observed).toEqual([
      ['a', Date.parse('2026-11-23T10:00:05.000Z'), 0],
      ['b', null, 2],
    ]);
  });

  it('logs a failed read instead of rejecting', async () => {
    const runs: Pick<RunRecords, 'latest' | 'failures'> = {
      latest: () => Promise.reject(new Error('no such index')),
      failures: async () => ({ gaveUp: 0, retrying: 0 }),
    };
    const lines: string[] = [];
    await observeRuns(runs, [job('a')], recording().metrics, (line) => lines.push(line));
    expect(lines).toEqual(['scheduler: cannot read run records for metrics: no such index']);
  });
});
