import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { createDueRuns } from './due-runs.ts';
import { memoryRunRecords } from './fixtures/memory-run-records.ts';
import { createRunClaims, startedRecord } from './run-claim.ts';
import type { StoredRun } from './run-records.ts';
import type { ResolvedJob } from './scheduled-job.ts';

const T = Date.parse('2026-11-23T13:30:00.000Z');
const hourly: ResolvedJob = {
  ...{ name: 'hourly', cron: '0 * * * *', timezone: 'UTC', enabled: true, catchUp: 3, maxAttempts: 3 },
  handler: () => {},
};

function setUp(
  options: { leaseFor?: number; attention?: (memory: ReturnType<typeof memoryRunRecords>) => StoredRun[] } = {},
) {
  const { clock } = manualClock(T);
  const memory = memoryRunRecords();
  const ran: string[] = [];
  const lines: string[] = [];
  let firstSeenCalls = 0;
  let held = options.leaseFor ?? Infinity;
  const log = (line: string) => lines.push(line);
  const dueRuns = createDueRuns({
    runs: { get: memory.runs.get, needingAttention: async () => options.attention?.(memory) ?? [] },
    clock,
    claims: createRunClaims({ runs: memory.runs, clock, instanceId: 'a', staleMs: 30_000, log }),
    executor: { execute: async (_job, run) => void (ran.push(`${run.record.period} ${run.record.trigger}`), held--) },
    lease: { isHeld: () => held > 0 },
    stopped: new AbortController().signal,
    firstSeen: async () => (firstSeenCalls++, Date.parse('2026-11-23T11:30:00.000Z')),
    staleMs: 30_000,
    log,
  });
  return { dueRuns, memory, ran, lines, firstSeenCalls: () => firstSeenCalls };
}

describe('due runs', () => {
  it('run the periods since the job was first seen, oldest first, and not again on the next pass', async () => {
    const { dueRuns, ran, firstSeenCalls } = setUp();
    await dueRuns.run(hourly);
    await dueRuns.run(hourly);
    expect(ran).toEqual(['2026-11-23T12:00:00.000Z catch-up', '2026-11-23T13:00:00.000Z schedule']);
    expect(firstSeenCalls()).toBe(1);
  });

  it('start nothing more once the lease is no longer held', async () => {
    const failed = { ...startedRecord('hourly', new Date('2026-11-22T08:00:00Z'), 'schedule', 1, 'b', 0) };
    const { dueRuns, ran } = setUp({
      leaseFor: 1,
      attention: () => [{ id: 'x', record: failed, seqNo: 0, primaryTerm: 1 }],
    });
    await dueRuns.run(hourly);
    expect(ran).toEqual(['2026-11-23T12:00:00.000Z catch-up']);
  });

  it('resume an orphaned run found outside the catch-up window, after the due periods', async () => {
    const id = 'hourly@2026-11-22T08:00:00.000Z';
    const silent = startedRecord('hourly', new Date('2026-11-22T08:00:00Z'), 'schedule', 1, 'b', T - 60_000);
    const { dueRuns, ran } = setUp({ attention: (memory) => [memory.overwrite(id, silent)] });
    await dueRuns.run(hourly);
    expect(ran).toEqual([
      '2026-11-23T12:00:00.000Z catch-up',
      '2026-11-23T13:00:00.000Z schedule',
      '2026-11-22T08:00:00.000Z resume',
    ]);
    expect(dueRuns.busy('hourly')).toBe(false);
  });

  it('log a failing record store instead of rejecting, and are no longer busy', async () => {
    const lines: string[] = [];
    const broken = createDueRuns({
      ...{ runs: { get: () => Promise.reject(new Error('index closed')), needingAttention: async () => [] } },
      ...{ clock: manualClock(T).clock, claims: { claim: async () => null }, executor: { execute: async () => {} } },
      ...{ lease: { isHeld: () => true }, stopped: new AbortController().signal, firstSeen: async () => 0 },
      ...{ staleMs: 30_000, log: (line: string) => lines.push(line) },
    });
    await expect(broken.run(hourly)).resolves.toBeUndefined();
    expect(lines).toEqual(['scheduler: hourly: index closed']);
    expect(broken.busy('hourly')).toBe(false);
  });
});
