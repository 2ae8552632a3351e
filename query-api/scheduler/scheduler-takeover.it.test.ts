import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { createScheduler } from './create-scheduler.ts';
import { HOUR, T10, hourly, options, recordsOf } from './fixtures/scheduler-test-setup.ts';
import { currentLease } from './lease.ts';
import { runRecords } from './run-records.ts';
import { createSchedulerMetrics } from './scheduler-metrics.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'sched');
afterAll(() => prefixes.dropAll());

describe('leadership and take-over on a real node (injected clock)', () => {
  let names: IndexNames;
  beforeAll(async () => {
    names = await prefixes.fresh();
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
    const [record] = await recordsOf(client, names, 'orphan-job');
    expect(record).toMatchObject({ state: 'succeeded', instance: 'b', trigger: 'resume', attempts: 2 });
    jump(T10 + 20 * 60_000);
    await scheduler.tick();
    expect(ran).toHaveLength(1);
    await scheduler.stop();
  });
});
