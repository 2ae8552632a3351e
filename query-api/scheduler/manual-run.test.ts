import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { memoryRunRecords } from './fixtures/memory-run-records.ts';
import { createInFlightRuns } from './in-flight-runs.ts';
import { createManualRuns, manualPeriod } from './manual-run.ts';
import { createRunClaims, startedRecord } from './run-claim.ts';
import { createRunExecutor } from './run-executor.ts';
import type { ResolvedJob } from './scheduled-job.ts';

const T = Date.parse('2026-11-23T10:20:00.000Z');
const P10 = new Date('2026-11-23T10:00:00.000Z');
const ID = 'hourly@2026-11-23T10:00:00.000Z';
const hourly: ResolvedJob = {
  ...{ name: 'hourly', cron: '0 * * * *', timezone: 'UTC', enabled: true, catchUp: 1, maxAttempts: 3 },
  handler: ({ attempt }) => `attempt ${attempt}`,
};

function setUp() {
  const { clock } = manualClock(T);
  const memory = memoryRunRecords();
  const log = () => {};
  const manual = createManualRuns({
    ...{ jobs: [hourly], runs: memory.runs, clock, inFlight: createInFlightRuns() },
    claims: createRunClaims({ runs: memory.runs, clock, instanceId: 'a', staleMs: 30_000, log }),
    executor: createRunExecutor(
      { runs: memory.runs, clock, log },
      { heartbeatMs: 10_000, retryBaseMs: 1, retryMaxMs: 1 },
    ),
  });
  return { manual, memory };
}

describe('manualPeriod', () => {
  it('defaults to the latest period and accepts any fire time of the job', () => {
    expect(manualPeriod(hourly, T)).toEqual({ period: P10 });
    expect(manualPeriod(hourly, T, new Date('2026-11-20T03:00:00Z'))).toEqual({
      period: new Date('2026-11-20T03:00:00Z'),
    });
  });

  it('refuses a time that is not a fire time, naming the one before it', () => {
    expect(manualPeriod(hourly, T, new Date('2026-11-23T09:30:00Z'))).toEqual({
      reason:
        '2026-11-23T09:30:00.000Z is not a period of hourly ("0 * * * *" in UTC); the one before it is 2026-11-23T09:00:00.000Z',
    });
  });
});

describe('manual runs', () => {
  it('run the latest period now and return its record', async () => {
    const { manual } = setUp();
    const outcome = await manual.runNow('hourly');
    expect(outcome).toMatchObject({ ran: true, record: { trigger: 'manual', state: 'succeeded', attempts: 1 } });
    expect(outcome.record?.result).toEqual({ value: 'attempt 1' });
  });

  it('run a failed period again as its next attempt, whatever its retry state', async () => {
    const { manual, memory } = setUp();
    memory.overwrite(ID, { ...startedRecord('hourly', P10, 'schedule', 3, 'b', T), state: 'failed', gave_up: true });
    const outcome = await manual.runNow('hourly', P10);
    expect(outcome).toMatchObject({ ran: true, record: { trigger: 'manual', state: 'succeeded', attempts: 4 } });
    expect(outcome.record?.gave_up).toBeUndefined();
  });

  it('refuse a period that succeeded or is running, and a job that does not exist', async () => {
    const { manual, memory } = setUp();
    const done = {
      ...startedRecord('hourly', P10, 'schedule', 1, 'b', T),
      state: 'succeeded' as const,
      finished_at: 'then',
    };
    memory.overwrite(ID, done);
    expect(await manual.runNow('hourly')).toEqual({
      ran: false,
      reason: `${ID} already succeeded (then, b)`,
      record: done,
    });
    memory.overwrite(ID, startedRecord('hourly', P10, 'schedule', 1, 'b', T));
    expect(await manual.runNow('hourly')).toMatchObject({
      ran: false,
      reason: `${ID} running on b since 2026-11-23T10:20:00.000Z`,
    });
    expect(await manual.runNow('daily')).toEqual({ ran: false, reason: 'no job named "daily" (jobs: hourly)' });
  });
});
