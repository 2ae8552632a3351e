import { describe, expect, it } from 'vitest';
import { createBoundedQueue } from './bounded-queue.ts';
import { documentEntry, type BulkEntry } from './bulk-entry.ts';
import { createDurableWrite } from './durable-write.ts';
import { memorySpool } from './fixtures/memory-spool.ts';
import type { Settlement } from './flush-epochs.ts';

function setup(options: { wal?: boolean; walCapacity?: number; maxRecords?: number } = {}) {
  const queue = createBoundedQueue<BulkEntry>({ maxRecords: options.maxRecords ?? 100, maxBytes: 1_000_000 });
  const wal = memorySpool(options.walCapacity);
  const state = { outage: false, closed: false };
  const admitted: Array<{ entry: BulkEntry; urgent: boolean }> = [];
  const writeDurable = createDurableWrite({
    queue,
    wal: options.wal === false ? null : wal.port,
    isOutage: () => state.outage,
    isClosed: () => state.closed,
    admit(entry, urgent) {
      admitted.push({ entry, urgent });
      queue.push(entry);
    },
  });
  const entry = (id: string) => documentEntry('audit', id, { id }, 0);
  const end = (i: number, how: Settlement) => admitted[i]!.entry.onSettled!(how);
  const outcome = (promise: Promise<void>) =>
    promise.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { writeDurable, queue, wal, state, admitted, entry, end, outcome, settle };
}

describe('durable writes', () => {
  it('resolves once the entry is in the write-ahead log, before it is delivered, and leaves the send to the batch timer', async () => {
    const { writeDurable, wal, admitted, entry } = setup();
    await writeDurable(entry('a'));
    expect(wal.held().map((s) => s.records)).toEqual([1]);
    expect(admitted).toMatchObject([{ urgent: false, entry: { id: 'a', walSegment: 0 } }]);
  });

  it('without a write-ahead log, resolves once the entry is delivered and asks for it to be sent at once', async () => {
    const { writeDurable, admitted, entry, end, outcome, settle } = setup({ wal: false });
    let done = false;
    const writing = writeDurable(entry('a')).then(() => (done = true));
    await settle();
    expect(admitted.map((a) => a.urgent)).toEqual([true]);
    expect(done).toBe(false);
    end(0, 'delivered');
    await writing;
    const refused = outcome(writeDurable(entry('b')));
    await settle();
    end(1, 'deadLettered');
    expect(await refused).toMatch(/refused/);
  });

  it('falls back to waiting for delivery when the write-ahead log is full, and rejects if the entry is dropped', async () => {
    const { writeDurable, admitted, entry, end, outcome, settle } = setup({ walCapacity: 0 });
    const writing = outcome(writeDurable(entry('a')));
    await settle();
    expect(admitted[0]!.urgent).toBe(true);
    end(0, 'dropped');
    expect(await writing).toMatch(/dropped/);
  });

  it('makes the caller wait while the queue is full, rather than drop or spill', async () => {
    const { writeDurable, queue, admitted, entry, settle } = setup({ maxRecords: 2 });
    await writeDurable(entry('a'));
    await writeDurable(entry('b'));
    let third = false;
    const writing = writeDurable(entry('c')).then(() => (third = true));
    await settle();
    expect([third, admitted.length]).toEqual([false, 2]);
    queue.take({ records: 1, bytes: 1_000 }, true);
    await writing;
    expect(admitted.map((a) => a.entry.id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses at once when closed, or during an outage without a write-ahead log', async () => {
    const withWal = setup();
    withWal.state.closed = true;
    expect(await withWal.outcome(withWal.writeDurable(withWal.entry('a')))).toMatch(/closed/);
    const noWal = setup({ wal: false });
    noWal.state.outage = true;
    expect(await noWal.outcome(noWal.writeDurable(noWal.entry('a')))).toMatch(/unreachable/);
    expect(noWal.admitted).toEqual([]);
  });
});
