import { describe, expect, it } from 'vitest';
import { memoryRunRecords } from './fixtures/memory-run-records.ts';
import { startedRecord } from './run-claim.ts';
import { createRunRecordWriter } from './run-record-writer.ts';
import type { RunRecords } from './run-records.ts';

const ID = 'job@2026-11-23T10:00:00.000Z';
const START = startedRecord(
  'job',
  new Date('2026-11-23T10:00:00Z'),
  'schedule',
  1,
  'a',
  Date.parse('2026-11-23T10:00:00Z'),
);

describe('the run record writer', () => {
  it('applies changes in order, each on the record the one before it wrote', async () => {
    const memory = memoryRunRecords();
    const claimed = (await memory.runs.create(ID, START))!;
    const writer = createRunRecordWriter(memory.runs, claimed, { lost: () => {}, log: () => {} });
    void writer.update((r) => ({ ...r, heartbeat_at: '2026-11-23T10:00:10.000Z' }));
    await writer.update((r) => ({ ...r, state: 'succeeded', finished_at: r.heartbeat_at }));
    expect(memory.record(ID)).toMatchObject({ state: 'succeeded', finished_at: '2026-11-23T10:00:10.000Z' });
    expect(writer.owned()).toBe(true);
  });

  it('stops writing and reports the run lost once another instance replaced the record', async () => {
    const memory = memoryRunRecords();
    const claimed = (await memory.runs.create(ID, START))!;
    memory.overwrite(ID, { ...START, instance: 'b', attempts: 2, trigger: 'resume' });
    const lines: string[] = [];
    let lost = 0;
    const writer = createRunRecordWriter(memory.runs, claimed, { lost: () => lost++, log: (l) => lines.push(l) });
    await writer.update((r) => ({ ...r, state: 'succeeded' }));
    await writer.update((r) => ({ ...r, state: 'failed' }));
    expect(memory.record(ID)).toMatchObject({ instance: 'b', state: 'running' });
    expect([lost, writer.owned()]).toEqual([1, false]);
    expect(lines).toEqual([`scheduler: ${ID}: another instance took this run over; its outcome here is not recorded`]);
  });

  it('logs a write that failed and tries the next change on the record it still holds', async () => {
    const memory = memoryRunRecords();
    const claimed = (await memory.runs.create(ID, START))!;
    let failNext = true;
    const flaky: Pick<RunRecords, 'replace'> = {
      replace: (run, record) =>
        failNext ? ((failNext = false), Promise.reject(new Error('timeout'))) : memory.runs.replace(run, record),
    };
    const lines: string[] = [];
    const writer = createRunRecordWriter(flaky, claimed, { lost: () => {}, log: (l) => lines.push(l) });
    await writer.update((r) => ({ ...r, heartbeat_at: 'lost' }));
    await writer.update((r) => ({ ...r, state: 'succeeded' }));
    expect(memory.record(ID)).toMatchObject({ state: 'succeeded', heartbeat_at: START.heartbeat_at });
    expect(lines).toEqual([`scheduler: ${ID}: cannot update the run record: timeout`]);
  });
});
