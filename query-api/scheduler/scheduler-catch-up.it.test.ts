import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { createScheduler, type SchedulerOptions } from './create-scheduler.ts';
import { currentLease } from './lease.ts';
import { runRecords, type RunRecord } from './run-records.ts';
import type { JobContext, ResolvedJob } from './scheduled-job.ts';
import { createSchedulerMetrics } from './scheduler-metrics.ts';

const client = testClient();
const HOUR = 3_600_000;
const T10 = Date.parse('2026-11-23T10:00:00.000Z');

/** Each test its own prefix: its own lease, run records and first-seen marks. */
const prefixes = setUpPrefixes(client, 'sched');
const freshNames = prefixes.fresh;
afterAll(() => prefixes.dropAll());

const options = (instanceId: string): SchedulerOptions => ({
  instanceId,
  leaseMs: 30_000,
  heartbeatMs: 10_000,
  staleMs: 30_000,
  retryBaseMs: 30_000,
  retryMaxMs: 600_000,
});

function hourly(
  name: string,
  handler: (context: JobContext) => unknown,
  extra: Partial<ResolvedJob> = {},
): ResolvedJob {
  return { name, cron: '0 * * * *', timezone: 'UTC', enabled: true, catchUp: 5, maxAttempts: 3, handler, ...extra };
}

async function recordsOf(names: ReturnType<typeof indexNames>, job: string): Promise<RunRecord[]> {
  return (await runRecords(client, names.schedulerRuns).latest(job, 100)).reverse();
}

describe('the scheduler on a real node (injected clock)', () => {
  let names: ReturnType<typeof indexNames>;
  beforeAll(async () => {
    names = await freshNames();
  });

  it('after an outage covering three periods runs exactly those three, once each, oldest first', async () => {
    const { clock, jump } = manualClock(T10);
    const ran: string[] = [];
    const job = hourly('outage-job', ({ period, trigger }) => ran.push(`${period.toISOString()} ${trigger}`));
    const scheduler = createScheduler({ client, names, clock }, options('a'), [job]);
    await scheduler.tick();
    expect(ran).toEqual(['2026-11-23T10:00:00.000Z schedule']);
    jump(T10 + 3 * HOUR + 30 * 60_000); // down from 10:00 to 13:30: the 11, 12 and 13 o'clock runs were missed
    await scheduler.tick();
    await scheduler.tick();
    expect(ran).toEqual([
      '2026-11-23T10:00:00.000Z schedule',
      '2026-11-23T11:00:00.000Z catch-up',
      '2026-11-23T12:00:00.000Z catch-up',
      '2026-11-23T13:00:00.000Z schedule',
    ]);
    const records = await recordsOf(names, 'outage-job');
    expect(records.map((r) => [r.period, r.state, r.attempts, r.instance])).toEqual([
      ['2026-11-23T10:00:00.000Z', 'succeeded', 1, 'a'],
      ['2026-11-23T11:00:00.000Z', 'succeeded', 1, 'a'],
      ['2026-11-23T12:00:00.000Z', 'succeeded', 1, 'a'],
      ['2026-11-23T13:00:00.000Z', 'succeeded', 1, 'a'],
    ]);
    await scheduler.stop();
  });

  it('catches up no further than the job existed, and no more periods than its catch-up count', async () => {
    const { clock, jump } = manualClock(T10 + 20 * 60_000);
    const ran: string[] = [];
    const scheduler = createScheduler({ client, names, clock }, options('a'), [
      hourly('young-job', ({ period }) => ran.push(period.toISOString()), { catchUp: 2 }),
    ]);
    await scheduler.tick(); // first seen at 10:20: the 10:00 period is from before the job existed
    expect(ran).toEqual([]);
    jump(T10 + 6 * HOUR + 5 * 60_000);
    await scheduler.tick();
    expect(ran).toEqual(['2026-11-23T15:00:00.000Z', '2026-11-23T16:00:00.000Z']);
    await scheduler.stop();
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
    let [record] = await recordsOf(names, 'flaky-job');
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
    [record] = await recordsOf(names, 'flaky-job');
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
    const [steadyRecord] = await recordsOf(names, 'steady-job');
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

  it('lets only the lease holder run; a paused leader whose lease expired runs nothing another instance ran', async () => {
    const { clock, jump } = manualClock(T10);
    const ran: string[] = [];
    const job = (instance: string) =>
      hourly('lease-job', ({ period }) => ran.push(`${instance} ${period.toISOString()}`));
    const a = createScheduler({ client, names, clock }, options('a'), [job('a')]);
    const bRegistry = new Registry();
    const b = createScheduler({ client, names, clock, metrics: createSchedulerMetrics(bRegistry) }, options('b'), [
      job('b'),
    ]);
    await a.tick();
    await b.tick();
    expect(ran).toEqual(['a 2026-11-23T10:00:00.000Z']);
    // A follower reports what the run records say: the leader's success, and that it does not lead.
    const followerMetrics = await bRegistry.metrics();
    expect(followerMetrics).toMatch(
      new RegExp(`^synclog_scheduler_last_success_timestamp_seconds\\{job="lease-job"\\} ${T10 / 1000}$`, 'm'),
    );
    expect(followerMetrics).toMatch(/^synclog_scheduler_leader 0$/m);
    expect((await currentLease(client, names.schedulerLeases))?.holder).toBe('a');
    // a stops renewing (paused); once its lease has expired b takes over and runs the next period.
    jump(T10 + HOUR);
    await b.tick();
    expect((await currentLease(client, names.schedulerLeases))?.holder).toBe('b');
    // a wakes up: its lease is over by its own clock and b holds the lease, so it runs nothing.
    await a.tick();
    expect(ran).toEqual(['a 2026-11-23T10:00:00.000Z', 'b 2026-11-23T11:00:00.000Z']);
    // Even with the period's run unclaimed, a manual run follows the same once-only rule.
    expect(await a.runNow('lease-job', new Date(T10 + HOUR))).toMatchObject({
      ran: false,
      reason: expect.stringMatching(/already succeeded/),
    });
    await a.stop();
    await b.stop();
  });

  it('resumes a run whose instance died mid-run, once its heartbeat is stale', async () => {
    const { clock, jump } = manualClock(T10 + 5 * 60_000);
    const runs = runRecords(client, names.schedulerRuns);
    // An instance took the 10:00 run and died: its record says running, its heartbeat stopped at 10:01.
    await runs.create('orphan-job@2026-11-23T10:00:00.000Z', {
      job: 'orphan-job',
      period: '2026-11-23T10:00:00.000Z',
      state: 'running',
      trigger: 'schedule',
      attempts: 1,
      instance: 'dead',
      created_at: '2026-11-23T10:00:00.000Z',
      started_at: '2026-11-23T10:00:00.000Z',
      heartbeat_at: '2026-11-23T10:01:00.000Z',
    });
    const ran: string[] = [];
    // The job existed before the crash: its first-seen mark is older than the orphaned period.
    await client.index({
      index: names.schedulerLeases,
      id: 'job:orphan-job',
      refresh: true,
      body: { kind: 'job', job: 'orphan-job', first_seen: '2026-11-23T09:30:00.000Z' },
    } as never);
    const scheduler = createScheduler({ client, names, clock }, options('b'), [
      hourly('orphan-job', ({ period, trigger, attempt }) => ran.push(`${period.toISOString()} ${trigger} ${attempt}`)),
    ]);
    await scheduler.tick();
    expect(ran).toEqual(['2026-11-23T10:00:00.000Z resume 2']);
    const [record] = await recordsOf(names, 'orphan-job');
    expect(record).toMatchObject({ state: 'succeeded', instance: 'b', trigger: 'resume', attempts: 2 });
    jump(T10 + 20 * 60_000);
    await scheduler.tick();
    expect(ran).toHaveLength(1);
    await scheduler.stop();
  });
});
