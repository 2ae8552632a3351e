import { describe, expect, it } from 'vitest';
import { createFlushEpochs } from './flush-epochs.ts';

describe('flush epochs', () => {
  it('resolves a flush only when every record logged before it has settled', async () => {
    const epochs = createFlushEpochs();
    const first = epochs.current;
    epochs.added(first);
    epochs.added(first);
    let resolved = false;
    const flushed = epochs.close().then((report) => ((resolved = true), report));
    epochs.settled(first, 'delivered');
    await Promise.resolve();
    expect(resolved).toBe(false);
    epochs.settled(first, 'spooled');
    expect(await flushed).toEqual({ delivered: 1, spooled: 1, deadLettered: 0, dropped: 0 });
  });

  it('does not wait for records logged after the flush call', async () => {
    const epochs = createFlushEpochs();
    epochs.added(epochs.current);
    const flushed = epochs.close();
    epochs.added(epochs.current);
    epochs.settled(0, 'delivered');
    expect(await flushed).toEqual({ delivered: 1, spooled: 0, deadLettered: 0, dropped: 0 });
    expect(epochs.pendingRecords()).toBe(1);
  });

  it('resolves at once when nothing is pending, and resolves earlier flushes first', async () => {
    const epochs = createFlushEpochs();
    expect(await epochs.close()).toEqual({ delivered: 0, spooled: 0, deadLettered: 0, dropped: 0 });
    epochs.added(epochs.current);
    const a = epochs.close();
    const b = epochs.close();
    const order: string[] = [];
    void a.then(() => order.push('a'));
    void b.then(() => order.push('b'));
    epochs.settled(1, 'dropped');
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(await a).toMatchObject({ dropped: 1 });
  });

  it('ignores records replayed from disk, which belong to no flush', () => {
    const epochs = createFlushEpochs();
    epochs.added(-1);
    epochs.settled(-1, 'delivered');
    expect(epochs.pendingRecords()).toBe(0);
  });

  it('resolves a mark once the records logged before it settle, whatever is logged after', async () => {
    const epochs = createFlushEpochs();
    epochs.added(epochs.current);
    let marked = false;
    const mark = epochs.mark().then(() => (marked = true));
    epochs.added(epochs.current);
    await Promise.resolve();
    expect(marked).toBe(false);
    epochs.settled(0, 'spooled');
    await mark;
    expect(epochs.pendingRecords()).toBe(1);
  });

  it('leaves every settled record to the next flush report when marks came in between', async () => {
    const epochs = createFlushEpochs();
    const marks: Promise<void>[] = [];
    for (let round = 0; round < 5; round++) {
      const epoch = epochs.current;
      epochs.added(epoch);
      epochs.added(epoch);
      marks.push(epochs.mark());
      epochs.settled(epoch, 'delivered');
      epochs.settled(epoch, round === 2 ? 'dropped' : 'spooled');
    }
    await Promise.all(marks);
    epochs.added(epochs.current);
    const flushed = epochs.close();
    epochs.settled(epochs.current - 1, 'deadLettered');
    expect(await flushed).toEqual({ delivered: 5, spooled: 4, deadLettered: 1, dropped: 1 });
  });
});
