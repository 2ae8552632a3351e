import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { memoryRunRecords } from './fixtures/memory-run-records.ts';
import { createRunClaims, startedRecord, takeOver } from './run-claim.ts';
import type { RunRecord } from './run-records.ts';
import type { ResolvedJob } from './scheduled-job.ts';

const T = Date.parse('2026-11-23T10:00:00.000Z');
const PERIOD = new Date(T);
const job: ResolvedJob = {
  ...{ name: 'job', cron: '0 * * * *', timezone: 'UTC', enabled: true, catchUp: 1, maxAttempts: 3 },
  handler: () => {},
};
const iso = (ms: number) => new Date(ms).toISOString();
const running = (heartbeatAt: number): RunRecord => startedRecord('job', PERIOD, 'schedule', 1, 'b', heartbeatAt);
const failed = (attempts: number, extra: Partial<RunRecord>): RunRecord => ({
  ...startedRecord('job', PERIOD, 'schedule', attempts, 'b', T),
  state: 'failed',
  ...extra,
});

describe('takeOver', () => {
  it('resumes a running record only once its heartbeat is older than staleMs', () => {
    expect(takeOver(running(T), T + 30_000, 30_000, 3)).toBeNull();
    expect(takeOver(running(T), T + 30_001, 30_000, 3)).toBe('resume');
  });

  it('retries a failed run once its next attempt is due and attempts remain', () => {
    const due = failed(1, { next_attempt_at: iso(T + 60_000) });
    expect(takeOver(due, T + 59_999, 30_000, 3)).toBeNull();
    expect(takeOver(due, T + 60_000, 30_000, 3)).toBe('retry');
    expect(takeOver(failed(3, { next_attempt_at: iso(T) }), T, 30_000, 3)).toBeNull();
  });

  it('leaves given-up and succeeded runs alone', () => {
    expect(takeOver(failed(3, { gave_up: true }), T + 3_600_000, 30_000, 5)).toBeNull();
    expect(takeOver({ ...running(T), state: 'succeeded' }, T + 3_600_000, 30_000, 3)).toBeNull();
  });
});

describe('run claims', () => {
  const setUp = () => {
    const { clock, jump } = manualClock(T);
    const memory = memoryRunRecords();
    const lines: string[] = [];
    const claims = createRunClaims({
      ...{ runs: memory.runs, clock, instanceId: 'a', staleMs: 30_000 },
      log: (line) => lines.push(line),
    });
    return { claims, memory, jump, lines };
  };

  it('creates the first attempt of a period nobody has run', async () => {
    const { claims, memory } = setUp();
    const claimed = await claims.claim(job, PERIOD, undefined, 'catch-up');
    expect(claimed?.record).toEqual(startedRecord('job', PERIOD, 'catch-up', 1, 'a', T));
    expect(memory.record('job@2026-11-23T10:00:00.000Z')).toEqual(claimed?.record);
  });

  it('resumes the run of a silent instance as the next attempt, keeping when it was created, and says so', async () => {
    const { claims, memory, jump, lines } = setUp();
    const theirs = memory.overwrite('job@2026-11-23T10:00:00.000Z', running(T));
    jump(T + 45_000);
    const claimed = await claims.claim(job, PERIOD, theirs, 'retry');
    expect(claimed?.record).toMatchObject({ trigger: 'resume', attempts: 2, instance: 'a', created_at: iso(T) });
    expect(claimed?.record.started_at).toBe(iso(T + 45_000));
    expect(lines).toEqual([`scheduler: job@2026-11-23T10:00:00.000Z: resuming the run of b, silent since ${iso(T)}`]);
  });

  it('gets nothing when another instance wrote the record since it was read', async () => {
    const { claims, memory, jump } = setUp();
    const read = memory.overwrite('job@2026-11-23T10:00:00.000Z', failed(1, { next_attempt_at: iso(T) }));
    memory.overwrite(read.id, { ...read.record, state: 'running' });
    jump(T + 1_000);
    expect(await claims.claim(job, PERIOD, read, 'retry')).toBeNull();
    expect(await claims.claim(job, PERIOD, undefined, 'schedule')).toBeNull();
  });
});
