import { describe, expect, it } from 'vitest';
import { createBoundedQueue } from './bounded-queue.ts';

const entry = (id: number, bytes = 10) => ({ id, bytes });
const ids = (batch: Array<{ id: number }> | null) => batch?.map((e) => e.id) ?? null;

describe('the bounded queue', () => {
  it('holds no full batch back and no partial batch without force', () => {
    const queue = createBoundedQueue<{ id: number; bytes: number }>({ maxRecords: 100, maxBytes: 10_000 });
    for (let i = 0; i < 5; i++) queue.push(entry(i));
    const limits = { records: 3, bytes: 1_000 };
    expect(ids(queue.take(limits, false))).toEqual([0, 1, 2]);
    expect(queue.take(limits, false)).toBeNull();
    expect(ids(queue.take(limits, true))).toEqual([3, 4]);
    expect(queue.take(limits, true)).toBeNull();
    expect([queue.length, queue.bytes]).toEqual([0, 0]);
  });

  it('cuts a batch at its byte limit, but always takes at least one entry however large', () => {
    const queue = createBoundedQueue<{ id: number; bytes: number }>({ maxRecords: 100, maxBytes: 10_000 });
    queue.push(entry(0, 500));
    queue.push(entry(1, 300));
    queue.push(entry(2, 300));
    expect(ids(queue.take({ records: 10, bytes: 100 }, true))).toEqual([0]);
    expect(ids(queue.take({ records: 10, bytes: 600 }, true))).toEqual([1, 2]);
  });

  it('counts against both bounds: records and bytes', () => {
    const queue = createBoundedQueue<{ id: number; bytes: number }>({ maxRecords: 3, maxBytes: 25 });
    queue.push(entry(0));
    queue.push(entry(1));
    expect(queue.fits(5)).toBe(true);
    expect(queue.fits(6)).toBe(false);
    queue.push(entry(2, 1));
    expect(queue.fits(1)).toBe(false);
    expect(queue.bytes).toBe(21);
  });

  it('keeps order across many takes from the moving head, and takeAll empties it', () => {
    const queue = createBoundedQueue<{ id: number; bytes: number }>({ maxRecords: 100_000, maxBytes: 10_000_000 });
    for (let i = 0; i < 40_000; i++) queue.push(entry(i, 1));
    const taken: number[] = [];
    for (let i = 0; i < 30; i++) taken.push(...ids(queue.take({ records: 1_000, bytes: 1_000_000 }, false))!);
    queue.push(entry(40_000, 1));
    const rest = ids(queue.takeAll())!;
    expect([...taken, ...rest]).toEqual([...Array(40_001).keys()]);
    expect([queue.length, queue.bytes]).toEqual([0, 0]);
  });

  it('wakes writers waiting for room when entries leave, and not before', async () => {
    const queue = createBoundedQueue<{ id: number; bytes: number }>({ maxRecords: 1, maxBytes: 100 });
    queue.push(entry(0));
    let woken = false;
    const waiting = queue.whenRoom().then(() => (woken = true));
    queue.push(entry(1));
    await Promise.resolve();
    expect(woken).toBe(false);
    expect(ids(queue.take({ records: 5, bytes: 100 }, true))).toEqual([0, 1]);
    await Promise.resolve();
    expect(woken).toBe(true);
    await waiting;
    expect(queue.fits(10)).toBe(true);
  });
});
