import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { createScheduler } from './create-scheduler.ts';
import { HOUR, T10, hourly, options, recordsOf } from './fixtures/scheduler-test-setup.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'sched');
afterAll(() => prefixes.dropAll());

describe('catch-up on a real node (injected clock)', () => {
  let names: IndexNames;
  beforeAll(async () => {
    names = await prefixes.fresh();
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
    const records = await recordsOf(client, names, 'outage-job');
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
});
