import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDiskSpool, type DiskSpoolOptions } from './index.ts';
import { bulkLines, drain, recordNumbers, tempRoot } from './fixtures/spool-fixtures.ts';

async function openSpool(overrides: Partial<DiskSpoolOptions> = {}) {
  const dir = overrides.dir ?? (await tempRoot());
  const onError = vi.fn();
  const onDrop = vi.fn();
  const spool = createDiskSpool({
    dir,
    producerId: 'p1',
    mode: 'spool',
    fsync: 'never',
    onError,
    onDrop,
    ...overrides,
  });
  return { spool, dir, producerDir: join(dir, overrides.producerId ?? 'p1'), onError, onDrop };
}

const segmentFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.ndjson'))
    .sort();

describe('disk spool', () => {
  it('replays appended batches in order, deletes them once done, and its depth goes to zero', async () => {
    const { spool, producerDir, onError } = await openSpool({ segmentBytes: 200 });
    for (let batch = 0; batch < 5; batch++) expect(spool.append(bulkLines(batch * 3, 3), 3).ok).toBe(true);
    expect(spool.depth()).toMatchObject({ records: 15 });
    expect(spool.depth().segments).toBeGreaterThan(1);

    const replayed = await drain(spool);

    expect(recordNumbers(replayed.lines)).toEqual([...Array(15).keys()]);
    expect(replayed.records).toBe(15);
    expect(spool.depth()).toEqual({ bytes: 0, records: 0, segments: 0 });
    expect(segmentFiles(producerDir)).toEqual([]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('starts a new segment before a batch would take the open one past segmentBytes', async () => {
    const batch = bulkLines(0, 1);
    const { spool, producerDir } = await openSpool({ segmentBytes: batch.length * 2 });

    const segments = [0, 1, 2, 3, 4].map((n) => spool.append(bulkLines(n, 1), 1));

    expect(segments.map((r) => (r.ok ? r.segment : null))).toEqual([1, 1, 2, 2, 3]);
    expect(segmentFiles(producerDir)).toEqual(['000000000001.ndjson', '000000000002.ndjson', '000000000003.ndjson']);
  });

  it('gives a batch larger than segmentBytes a segment of its own', async () => {
    const { spool } = await openSpool({ segmentBytes: 100 });
    const results = [
      spool.append(bulkLines(0, 1), 1),
      spool.append(bulkLines(1, 5), 5),
      spool.append(bulkLines(6, 1), 1),
    ];
    expect(results.map((r) => (r.ok ? r.segment : null))).toEqual([1, 2, 3]);
  });

  it('ignores a line torn by a crash at the end of a segment', async () => {
    const { spool, producerDir } = await openSpool();
    spool.append(bulkLines(0, 2), 2);
    appendFileSync(join(producerDir, '000000000001.ndjson'), '{"create":{"_index":"synclog-test","_id":"r2"}}\n{"n":');

    const segment = await spool.takeForReplay();

    expect(segment?.records).toBe(2);
    expect(segment?.lines.toString('utf8')).toBe(bulkLines(0, 2));
  });

  it('refuses appends past maxBytes under drop-newest and counts the records', async () => {
    const batch = bulkLines(0, 2);
    const { spool, onDrop } = await openSpool({
      maxBytes: batch.length * 2,
      segmentBytes: batch.length,
      whenFull: 'drop-newest',
    });
    spool.append(batch, 2);
    spool.append(batch, 2);

    const refused = spool.append(batch, 2);

    expect(refused).toEqual({ ok: false, dropped: 2, reason: 'full' });
    expect(onDrop).toHaveBeenCalledWith(2, 'full');
    expect(spool.stats().droppedRecords).toBe(2);
    expect(spool.depth()).toMatchObject({ records: 4, bytes: batch.length * 2 });
  });

  it('deletes the oldest segments under drop-oldest to make room, and counts what they held', async () => {
    const batch = (n: number) => bulkLines(n * 2, 2);
    const size = batch(0).length;
    const { spool, onDrop, producerDir } = await openSpool({
      maxBytes: size * 3,
      segmentBytes: size,
      whenFull: 'drop-oldest',
    });
    for (let n = 0; n < 5; n++) expect(spool.append(batch(n), 2).ok).toBe(true);

    expect(onDrop).toHaveBeenCalledTimes(2);
    expect(onDrop).toHaveBeenCalledWith(2, 'evicted');
    expect(spool.stats().droppedRecords).toBe(4);
    expect(spool.depth().bytes).toBeLessThanOrEqual(size * 3);
    expect(segmentFiles(producerDir)).toEqual(['000000000003.ndjson', '000000000004.ndjson', '000000000005.ndjson']);
    expect(recordNumbers((await drain(spool)).lines)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('refuses under drop-oldest a batch that could not fit even in an empty spool, keeping what it has', async () => {
    const { spool } = await openSpool({ maxBytes: 200, segmentBytes: 100, whenFull: 'drop-oldest' });
    spool.append(bulkLines(0, 1), 1);
    expect(spool.append(bulkLines(1, 10), 10)).toMatchObject({ ok: false, dropped: 10, reason: 'full' });
    expect(spool.depth().records).toBe(1);
  });

  it('refuses a batch that does not end with a newline rather than break the pairs after it', async () => {
    const { spool } = await openSpool();
    expect(spool.append('{"create":{}}\n{"n":1}', 1)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(spool.depth().records).toBe(0);
  });

  it('never hands out a segment twice, and hands a released one out again first', async () => {
    const { spool } = await openSpool({ segmentBytes: 1 });
    spool.append(bulkLines(0, 1), 1);
    spool.append(bulkLines(1, 1), 1);

    const [first, second, none] = await Promise.all([
      spool.takeForReplay(),
      spool.takeForReplay(),
      spool.takeForReplay(),
    ]);
    expect([first?.segment, second?.segment, none]).toEqual([1, 2, null]);
    first?.release();

    expect((await spool.takeForReplay())?.segment).toBe(1);
  });

  it('closes idempotently, refuses appends afterwards and removes its directory when nothing is left', async () => {
    const { spool, producerDir } = await openSpool();
    spool.append(bulkLines(0, 1), 1);
    await drain(spool);

    await Promise.all([spool.close(), spool.close()]);
    await spool.close();

    expect(existsSync(producerDir)).toBe(false);
    expect(spool.append(bulkLines(1, 1), 1)).toMatchObject({ ok: false, reason: 'closed' });
    expect(await spool.takeForReplay()).toBeNull();
  });

  it('keeps what was not replayed on disk when closed', async () => {
    const { spool, producerDir } = await openSpool();
    spool.append(bulkLines(0, 3), 3);
    await spool.close();
    expect(segmentFiles(producerDir)).toEqual(['000000000001.ndjson']);
  });

  it('refuses a second live spool with the same producer id', async () => {
    const { dir } = await openSpool();
    expect(() => createDiskSpool({ dir, producerId: 'p1', mode: 'spool', onError: () => {} })).toThrow(/in use by pid/);
  });

  it('syncs at most once per fsyncIntervalMs from a timer, however many appends', async () => {
    vi.useFakeTimers();
    try {
      const { spool, onError } = await openSpool({ fsync: 'interval', fsyncIntervalMs: 1_000 });
      for (let n = 0; n < 10; n++) spool.append(bulkLines(n, 1), 1);
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(1_000);
      expect(vi.getTimerCount()).toBe(0);
      expect(onError).not.toHaveBeenCalled();
      await spool.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
