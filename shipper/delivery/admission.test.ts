import { describe, expect, it } from 'vitest';
import { createAdmission } from './admission.ts';
import { createBoundedQueue } from './bounded-queue.ts';
import { documentEntry, type BulkEntry } from './bulk-entry.ts';
import { memorySpool } from './fixtures/memory-spool.ts';

function setup(options: { spool?: boolean; writeAhead?: boolean; walCapacity?: number; maxRecords?: number } = {}) {
  const queue = createBoundedQueue<BulkEntry>({ maxRecords: options.maxRecords ?? 100, maxBytes: 1_000_000 });
  const wal = memorySpool(options.walCapacity);
  const state = { closed: false };
  const seen = {
    added: [] as number[],
    queued: 0,
    pumps: [] as boolean[],
    dropped: [] as Array<{ ids: string[]; reason: string }>,
    setAside: [] as Array<{ ids: string[]; reason: string }>,
    warnings: [] as string[],
  };
  const ids = (entries: readonly BulkEntry[]) => entries.map((e) => e.id);
  const admission = createAdmission({
    queue,
    limits: { records: 2, bytes: 1_000_000 },
    settlement: {
      drop: (entries, reason) => void seen.dropped.push({ ids: ids(entries), reason }),
      setAside: (entries, reason) => void seen.setAside.push({ ids: ids(entries), reason }),
    },
    epochs: { added: (epoch) => void seen.added.push(epoch) },
    metrics: { queued: (n) => void (seen.queued += n) },
    pump: (urgent) => void seen.pumps.push(urgent),
    spool: options.spool === false ? null : memorySpool().port,
    wal: wal.port,
    writeAhead: options.writeAhead ?? false,
    isClosed: () => state.closed,
    warn: (message) => void seen.warnings.push(message),
  });
  const entry = (id: string, epoch = 0) => documentEntry('audit', id, { id }, epoch);
  const queued = () => ids(queue.takeAll());
  return { admission, wal, state, seen, entry, queued };
}

describe('admission', () => {
  it('counts an enqueued entry towards its flush epoch and the queued metric, queues it and wakes the batcher without urgency', () => {
    const { admission, seen, entry, queued } = setup();
    admission.enqueue(entry('a', 3));
    expect(seen.added).toEqual([3]);
    expect(seen.queued).toBe(1);
    expect(seen.pumps).toEqual([false]);
    expect(queued()).toEqual(['a']);
  });

  it('spills the oldest batch to the spool when the queue is full, and queues the new entry', () => {
    const { admission, seen, entry, queued } = setup({ maxRecords: 3 });
    for (const id of ['a', 'b', 'c', 'd']) admission.enqueue(entry(id));
    expect(seen.setAside).toEqual([{ ids: ['a', 'b'], reason: 'queue full' }]);
    expect(seen.dropped).toEqual([]);
    expect(queued()).toEqual(['c', 'd']);
  });

  it('without a spool, drops the new entry as queue-full and keeps the queued ones', () => {
    const { admission, seen, entry, queued } = setup({ spool: false, maxRecords: 2 });
    for (const id of ['a', 'b', 'c']) admission.enqueue(entry(id));
    expect(seen.dropped).toEqual([{ ids: ['c'], reason: 'queue-full' }]);
    expect(seen.queued).toBe(3);
    expect(queued()).toEqual(['a', 'b']);
  });

  it('drops an entry enqueued after close as closed, after counting it, so the flush that waits for it ends', () => {
    const { admission, state, seen, entry, queued } = setup();
    state.closed = true;
    admission.enqueue(entry('late', 5));
    expect(seen.added).toEqual([5]);
    expect(seen.dropped).toEqual([{ ids: ['late'], reason: 'closed' }]);
    expect(queued()).toEqual([]);
  });

  it('in write-ahead mode, writes the entry to the log before queueing it, and keeps it in memory with a warning when the log is full', () => {
    const { admission, wal, seen, entry, queued } = setup({ writeAhead: true, walCapacity: 1 });
    const kept = entry('kept');
    const unkept = entry('unkept');
    admission.enqueue(kept);
    admission.enqueue(unkept);
    expect(kept.walSegment).toBe(0);
    expect(unkept.walSegment).toBeUndefined();
    expect(wal.held().map((s) => s.lines.toString('utf8'))).toEqual([kept.lines.toString('utf8')]);
    expect(seen.warnings).toEqual(['synclog: write-ahead log is full; this record is held in memory only']);
    expect(queued()).toEqual(['kept', 'unkept']);
  });

  it('leaves the write-ahead log alone outside write-ahead mode', () => {
    const { admission, wal, entry } = setup();
    admission.enqueue(entry('a'));
    expect(wal.held()).toEqual([]);
  });

  it('admits a durable entry with the urgency its writer asks for, without counting it again', () => {
    const { admission, seen, entry, queued } = setup();
    admission.admit(entry('d'), true);
    expect(seen.pumps).toEqual([true]);
    expect(seen.queued).toBe(0);
    expect(queued()).toEqual(['d']);
  });
});
