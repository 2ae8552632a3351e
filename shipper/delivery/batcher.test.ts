import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { createBatcher } from './batcher.ts';
import { createBoundedQueue } from './bounded-queue.ts';
import type { BulkEntry } from './bulk-entry.ts';

const entry = (id: string): BulkEntry => ({ index: 'i', id, lines: Buffer.from(id), bytes: 10, epoch: 0 });

function setup(options: { outage?: boolean; spool?: boolean; replayWork?: number; maxInFlight?: number } = {}) {
  const { clock, advance } = manualClock();
  const queue = createBoundedQueue<BulkEntry>({ maxRecords: 1_000, maxBytes: 1_000_000 });
  const state = { outage: options.outage ?? false, replayWork: options.replayWork ?? 0 };
  const sent: Array<{ at: number; ids: string[] }> = [];
  const spilled: string[][] = [];
  const order: string[] = [];
  /** Sends stay in flight until the test ends them. */
  const inFlight: Array<() => void> = [];
  const batcher = createBatcher({
    clock,
    queue,
    limits: { records: 3, bytes: 1_000 },
    maxInFlight: options.maxInFlight ?? 2,
    flushIntervalMs: 1_000,
    isOutage: () => state.outage,
    spill: options.spool === false ? null : (batch) => spilled.push(batch.map((e) => e.id)),
    send(batch) {
      sent.push({ at: clock.now(), ids: batch.map((e) => e.id) });
      order.push('send');
      return new Promise<void>((resolve) => inFlight.push(resolve));
    },
    replay: {
      wanted: () => state.replayWork > 0,
      run() {
        state.replayWork--;
        order.push('replay');
        return Promise.resolve();
      },
    },
    onError: () => {},
  });
  const log = (...idList: string[]) => {
    for (const id of idList) queue.push(entry(id));
    batcher.pump(false);
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { batcher, queue, state, sent, spilled, order, inFlight, log, advance, settle };
}

describe('the batcher', () => {
  it('sends a partial batch one interval after its first entry, and later entries do not push the timer back', () => {
    const { sent, log, advance } = setup();
    log('a');
    advance(600);
    log('b');
    advance(399);
    expect(sent).toEqual([]);
    advance(1);
    expect(sent.map((s) => s.ids)).toEqual([['a', 'b']]);
  });

  it('sends a full batch at once, and keeps no more than maxInFlight requests out', async () => {
    const { sent, inFlight, log, settle } = setup({ maxInFlight: 2 });
    log('1', '2', '3', '4', '5', '6', '7', '8', '9');
    expect(sent.map((s) => s.ids)).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    inFlight.shift()!();
    await settle();
    expect(sent.map((s) => s.ids).at(-1)).toEqual(['7', '8', '9']);
  });

  it('sends a partial batch whose interval ran out while every slot was busy as soon as a slot frees', async () => {
    const { sent, inFlight, log, advance, settle } = setup({ maxInFlight: 1 });
    log('1', '2', '3');
    log('a');
    advance(1_000);
    expect(sent.map((s) => s.ids)).toEqual([['1', '2', '3']]);
    advance(100);
    log('b');
    advance(100);
    inFlight.shift()!();
    await settle();
    const start = sent[0]!.at;
    expect(sent.map((s) => [s.at - start, s.ids])).toEqual([
      [0, ['1', '2', '3']],
      [1_200, ['a', 'b']],
    ]);
  });

  it('lets spool replay take a request slot before new batches', () => {
    const { order, log } = setup({ replayWork: 1 });
    log('1', '2', '3');
    expect(order).toEqual(['replay', 'send']);
  });

  it('moves whole batches to the spool during an outage, and partial ones when forced', () => {
    const { batcher, sent, spilled, log, queue } = setup({ outage: true });
    log('1', '2', '3', '4');
    expect(spilled).toEqual([['1', '2', '3']]);
    batcher.pump(true);
    expect(spilled).toEqual([['1', '2', '3'], ['4']]);
    expect([sent.length, queue.length]).toEqual([0, 0]);
  });

  it('keeps entries in memory during an outage when there is no spool', () => {
    const { batcher, spilled, log, queue } = setup({ outage: true, spool: false });
    log('1', '2', '3', '4');
    batcher.pump(true);
    expect([spilled.length, queue.length]).toEqual([0, 4]);
  });

  it('arms no timer again once stopped', () => {
    const { batcher, sent, log, advance } = setup();
    log('a');
    batcher.stop();
    advance(5_000);
    log('b');
    advance(5_000);
    expect(sent).toEqual([]);
  });
});
