import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskSpool, type DiskSpool, type DiskSpoolOptions } from './index.ts';
import { bulkLines, deadPid, drain, recordNumbers, tempRoot, writeProducerDir } from './fixtures/spool-fixtures.ts';

const errors: unknown[] = [];
const open = (dir: string, producerId: string, overrides: Partial<DiskSpoolOptions> = {}): DiskSpool =>
  createDiskSpool({
    dir,
    producerId,
    mode: 'spool',
    fsync: 'never',
    onError: (error) => errors.push(error),
    ...overrides,
  });

describe('orphaned producers', () => {
  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  it('replays the segments of a producer whose process died, oldest first, then removes its directory', async () => {
    const root = await tempRoot();
    const orphanDir = writeProducerDir(root, 'crashed', { pid: deadPid() }, [bulkLines(0, 3), bulkLines(3, 2)]);
    const spool = open(root, 'survivor');
    spool.append(bulkLines(100, 1), 1);

    const replayed = await drain(spool);

    expect(recordNumbers(replayed.lines)).toEqual([0, 1, 2, 3, 4, 100]);
    expect(replayed.producers).toEqual(['crashed', 'crashed', 'survivor']);
    expect(existsSync(orphanDir)).toBe(false);
  });

  it('counts an orphan in its depth by the complete line pairs of its segments', async () => {
    const root = await tempRoot();
    writeProducerDir(root, 'crashed', { pid: deadPid() }, [bulkLines(0, 3) + '{"create":{"_index"']);
    const spool = open(root, 'survivor', { mode: 'wal' });

    const segment = await spool.takeForReplay();

    expect(spool.depth()).toMatchObject({ records: 3, segments: 1 });
    expect(segment).toMatchObject({ producerId: 'crashed', records: 3, lines: Buffer.from(bulkLines(0, 3)) });
  });

  it('replays a directory whose owner file is missing', async () => {
    const root = await tempRoot();
    writeProducerDir(root, 'ownerless', null, [bulkLines(0, 2)]);
    expect(recordNumbers((await drain(open(root, 'survivor'))).lines)).toEqual([0, 1]);
  });

  it('does not touch a directory whose owner is alive', async () => {
    const root = await tempRoot();
    const aliveDir = writeProducerDir(root, 'alive', { pid: process.pid, startedAt: Date.now() }, [bulkLines(0, 2)]);
    const before = readdirSync(aliveDir).sort();

    const spool = open(root, 'survivor');

    expect(await spool.takeForReplay()).toBeNull();
    expect(spool.depth().records).toBe(0);
    expect(readdirSync(aliveDir).sort()).toEqual(before);
  });

  it('lets exactly one of two spools racing for the same orphan replay it', async () => {
    const root = await tempRoot();
    writeProducerDir(root, 'crashed', { pid: deadPid() }, [bulkLines(0, 2), bulkLines(2, 2)]);
    const [a, b] = [open(root, 'a', { mode: 'wal' }), open(root, 'b', { mode: 'wal' })];

    const [fromA, fromB] = await Promise.all([drain(a), drain(b)]);

    expect([fromA.records, fromB.records].sort()).toEqual([0, 4]);
    expect(recordNumbers(fromA.lines + fromB.lines)).toEqual([0, 1, 2, 3]);
  });

  it('leaves an orphan claimed by a live spool alone, and takes it over once that spool closes', async () => {
    const root = await tempRoot();
    writeProducerDir(root, 'crashed', { pid: deadPid() }, [bulkLines(0, 2), bulkLines(2, 2)]);
    const first = open(root, 'first', { mode: 'wal' });
    const taken = await first.takeForReplay();
    await taken?.done();
    const second = open(root, 'second', { mode: 'wal' });
    expect(await second.takeForReplay()).toBeNull();

    await first.close();
    const rest = await drain(open(root, 'third', { mode: 'wal', orphanScanIntervalMs: 1 }));

    expect(recordNumbers(rest.lines)).toEqual([2, 3]);
  });

  it('replays what an earlier process with the same producer id left behind', async () => {
    const root = await tempRoot();
    writeProducerDir(root, 'p1', { pid: deadPid() }, [bulkLines(0, 2)]);
    const spool = open(root, 'p1');
    spool.append(bulkLines(2, 1), 1);

    const replayed = await drain(spool);

    expect(recordNumbers(replayed.lines)).toEqual([0, 1, 2]);
    expect(replayed.producers).toEqual(['p1', 'p1']);
    expect(readdirSync(root)).toEqual(['p1']);
  });
});
