import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { memoryRunRecords } from './fixtures/memory-run-records.ts';
import { startedRecord } from './run-claim.ts';
import { createRunExecutor } from './run-executor.ts';
import type { JobContext, ResolvedJob } from './scheduled-job.ts';
import type { SchedulerMetrics } from './scheduler-metrics.ts';

const T = Date.parse('2026-11-23T10:00:00.000Z');
const ID = 'job@2026-11-23T10:00:00.000Z';
const iso = (ms: number) => new Date(ms).toISOString();
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function setUp(handler: (context: JobContext) => unknown, attempts = 1) {
  const { clock, advance } = manualClock(T);
  const memory = memoryRunRecords();
  const finished: unknown[][] = [];
  const metrics: SchedulerMetrics = {
    finished: (...args) => finished.push(args),
    observed: () => {},
    leader: () => {},
  };
  const lines: string[] = [];
  const executor = createRunExecutor(
    { runs: memory.runs, clock, metrics, log: (line) => lines.push(line) },
    { heartbeatMs: 10_000, retryBaseMs: 30_000, retryMaxMs: 600_000 },
  );
  const claimed = (await memory.runs.create(ID, startedRecord('job', new Date(T), 'schedule', attempts, 'a', T)))!;
  const job: ResolvedJob = {
    ...{ name: 'job', cron: '0 * * * *', timezone: 'UTC', enabled: true, catchUp: 1, maxAttempts: 3 },
    handler,
  };
  return { run: () => executor.execute(job, claimed), memory, advance, finished, lines };
}

describe('the run executor', () => {
  it('records a success with its result and duration, keeping the heartbeat going while the handler runs', async () => {
    let finish = (_value: unknown) => {};
    const { run, memory, advance, finished } = await setUp(() => new Promise((resolve) => (finish = resolve)));
    const done = run();
    advance(10_000);
    await settle();
    expect(memory.record(ID)).toMatchObject({ state: 'running', heartbeat_at: iso(T + 10_000) });
    advance(5_000);
    finish({ sent: 3n });
    await done;
    expect(memory.record(ID)).toMatchObject({
      ...{ state: 'succeeded', result: { value: { sent: '3' } }, duration_ms: 15_000 },
      ...{ finished_at: iso(T + 15_000), heartbeat_at: iso(T + 15_000) },
    });
    expect(finished).toEqual([['job', 'succeeded', false, T + 15_000]]);
  });

  it('records a failure with its next attempt after the backoff of its attempt number', async () => {
    const { run, memory, finished, lines } = await setUp(() => Promise.reject(new Error('mail server down')), 2);
    await run();
    expect(memory.record(ID)).toMatchObject({
      ...{ state: 'failed', error: 'Error: mail server down', next_attempt_at: iso(T + 60_000) },
    });
    expect(memory.record(ID)?.gave_up).toBeUndefined();
    expect(finished).toEqual([['job', 'failed', false, T]]);
    expect(lines).toEqual([
      `scheduler: ${ID} failed (attempt 2 of 3, next at ${iso(T + 60_000)}): Error: mail server down`,
    ]);
  });

  it('gives up after the last attempt', async () => {
    const { run, memory, finished } = await setUp(() => {
      throw new Error('still down');
    }, 3);
    await run();
    expect(memory.record(ID)).toMatchObject({ state: 'failed', gave_up: true });
    expect(memory.record(ID)?.next_attempt_at).toBeUndefined();
    expect(finished).toEqual([['job', 'failed', true, T]]);
  });

  it('aborts the handler and records nothing when another instance took the run over', async () => {
    let signal: AbortSignal | undefined;
    let finish = () => {};
    const { run, memory, advance, finished } = await setUp((context) => {
      signal = context.signal;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    const done = run();
    const theirs = { ...memory.record(ID)!, instance: 'b', trigger: 'resume' as const, attempts: 2 };
    memory.overwrite(ID, theirs);
    advance(10_000); // the heartbeat finds the record changed
    await settle();
    expect(signal?.aborted).toBe(true);
    finish();
    await done;
    expect(memory.record(ID)).toEqual(theirs);
    expect(finished).toEqual([]);
  });
});
