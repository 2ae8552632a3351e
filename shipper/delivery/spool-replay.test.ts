import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { documentEntry, type BulkEntry } from './bulk-entry.ts';
import { memorySpool } from './fixtures/memory-spool.ts';
import { createSpoolReplay } from './spool-replay.ts';

const lines = (...ids: string[]) => Buffer.concat(ids.map((id) => documentEntry('docs', id, { n: id }, 0).lines));

type Tools = { advance: (ms: number) => void; respool: (batch: readonly BulkEntry[]) => void };

function setup(
  options: {
    batchRecords?: number;
    batchBytes?: number;
    deliver?: (batch: readonly BulkEntry[], tools: Tools) => Promise<void>;
  } = {},
) {
  const { clock, advance } = manualClock();
  const spool = memorySpool();
  const wal = memorySpool();
  const delivered: string[][] = [];
  const state = { outage: false, closing: false, replayed: 0 };
  const replay = createSpoolReplay({
    clock,
    spool: spool.port,
    wal: wal.port,
    batchRecords: options.batchRecords ?? 100,
    batchBytes: options.batchBytes ?? 1_000_000,
    deliver: async (batch) => {
      if (options.deliver) return options.deliver(batch, { advance, respool });
      delivered.push(batch.map((e) => e.id));
    },
    replayed: (n) => (state.replayed += n),
    isOutage: () => state.outage,
    isClosing: () => state.closing,
  });
  /** What a delivery that fails again does: the batch goes back to the spool. */
  function respool(batch: readonly BulkEntry[]) {
    spool.port.append(Buffer.concat(batch.map((e) => e.lines)), batch.length);
    replay.written();
  }
  return { replay, spool, wal, delivered, state, advance };
}

describe('spool replay', () => {
  it('delivers the spool before the write-ahead log, segment by segment, in batches, and marks each segment done', async () => {
    const { replay, spool, wal, delivered, state } = setup({ batchRecords: 2 });
    wal.port.append(lines('w1'), 1);
    spool.port.append(lines('s1', 's2', 's3'), 3);
    await replay.drain(10_000);
    expect(delivered).toEqual([['s1', 's2'], ['s3'], ['w1']]);
    expect(state.replayed).toBe(4);
    expect([spool.held().length, wal.held().length]).toEqual([0, 0]);
    expect(replay.mayHaveWork).toBe(false);
  });

  it('keeps replayed batches within the byte limit of new ones, a larger entry going alone', async () => {
    const entry = (id: string, size: number) => documentEntry('docs', id, { pad: 'x'.repeat(size) }, 0).lines;
    const sizes: Record<string, number> = { a: 300, b: 300, c: 300, big: 2_000, d: 100 };
    const { replay, spool, delivered } = setup({ batchRecords: 100, batchBytes: 1_000 });
    spool.port.append(Buffer.concat(Object.entries(sizes).map(([id, size]) => entry(id, size))), 5);
    await replay.drain(10_000);
    expect(delivered).toEqual([['a', 'b'], ['c'], ['big'], ['d']]);
  });

  it('looks at the disk at start, then only after a spool write or a recovery', async () => {
    const { replay, spool } = setup();
    expect(replay.wanted()).toBe(true);
    await replay.run();
    expect(replay.wanted()).toBe(false);
    spool.port.append(lines('a'), 1);
    replay.written();
    expect(replay.wanted()).toBe(true);
    await replay.run();
    await replay.run();
    expect(replay.wanted()).toBe(false);
    replay.recovered();
    expect(replay.wanted()).toBe(true);
  });

  it('does not forget a spool write made while a replay found nothing', async () => {
    let release!: () => void;
    const { replay, spool } = setup();
    const slowTake = spool.port.takeForReplay;
    spool.port.takeForReplay = async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return slowTake();
    };
    const running = replay.run();
    expect(replay.wanted()).toBe(false);
    replay.written();
    release();
    await running;
    expect(replay.mayHaveWork).toBe(true);
  });

  it('starts no replay while closing, and drains nothing during an outage', async () => {
    const { replay, spool, delivered, state } = setup();
    spool.port.append(lines('a'), 1);
    state.closing = true;
    expect(replay.wanted()).toBe(false);
    state.closing = false;
    state.outage = true;
    await replay.drain(10_000);
    expect(delivered).toEqual([]);
  });

  it('stops draining at its deadline, even when every delivery spools the batch again', async () => {
    const { replay, spool, state } = setup({
      deliver: async (batch, { advance, respool }) => {
        respool(batch);
        advance(400);
      },
    });
    spool.port.append(lines('a'), 1);
    await replay.drain(1_000);
    expect(state.replayed).toBe(3);
    expect(spool.held()).toHaveLength(1);
  });
});
