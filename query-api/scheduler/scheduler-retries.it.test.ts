import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { createScheduler } from './create-scheduler.ts';
import { HOUR, T10, hourly, options, recordsOf } from './fixtures/scheduler-test-setup.ts';
import { createSchedulerMetrics } from './scheduler-metrics.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'sched');
afterAll(() => prefixes.dropAll());

describe('retries on a real node (injected clock)', () => {
  let names: IndexNames;
  beforeAll(async () => {
    names = await prefixes.fresh();
  });

  it('retries a handler that throws with backoff, then records it as failed, while the other job goes on', async () => {
    const { clock, jump } = manualClock(T10);
    const registry = new Registry();
    let attempts = 0;
    const flaky = hourly('flaky-job', () => {
      attempts++;
      throw new Error(`upstream refused (attempt ${attempts})`);
    });
    const steadyRuns: string[] = [];
    const steady = hourly('steady-job', ({ period }) => {
      steadyRuns.push(period.toISOString());
      return { sent: 3 };
    });
    const scheduler = createScheduler(
      { client, names, clock, metrics: createSchedulerMetrics(registry) },
      options('a'),
      [flaky, steady],
    );
    await scheduler.tick();
    expect(attempts).toBe(1);
    let [record] = await recordsOf(client, names, 'flaky-job');
    expect(record).toMatchObject({
      state: 'failed',
      attempts: 1,
      next_attempt_at: '2026-11-23T10:00:30.000Z',
      error: 'Error: upstream refused (attempt 1)',
    });
    jump(T10 + 10_000);
    await scheduler.tick();
    expect(attempts).toBe(1); // not due yet
    jump(T10 + 30_000);
    await scheduler.tick();
    expect(attempts).toBe(2);
    jump(T10 + 90_000); // the second retry waits twice as long
    await scheduler.tick();
    expect(attempts).toBe(3);
    [record] = await recordsOf(client, names, 'flaky-job');
    expect(record).toMatchObject({
      state: 'failed',
      attempts: 3,
      gave_up: true,
      error: 'Error: upstream refused (attempt 3)',
    });
    expect(record?.next_attempt_at).toBeUndefined();
    jump(T10 + 30 * 60_000);
    await scheduler.tick();
    expect(attempts).toBe(3); // given up: stays failed and visible
    jump(T10 + HOUR);
    await scheduler.tick();
    expect(attempts).toBe(4); // the next period is a new run
    expect(steadyRuns).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z']);
    const [steadyRecord] = await recordsOf(client, names, 'steady-job');
    expect(steadyRecord).toMatchObject({ state: 'succeeded', result: { value: { sent: 3 } } });
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/synclog_scheduler_failed_runs_total\{job="flaky-job"\} 1/);
    expect(metrics).toMatch(/^synclog_scheduler_failed_runs\{job="flaky-job"\} 1$/m);
    // Three attempts for 10:00, one so far for 11:00.
    expect(metrics).toMatch(/synclog_scheduler_runs_total\{job="flaky-job",outcome="failed"\} 4/);
    expect(metrics).toMatch(
      new RegExp(`synclog_scheduler_last_success_timestamp_seconds\\{job="steady-job"\\} ${(T10 + HOUR) / 1000}`),
    );
    await scheduler.stop();
  });
});
