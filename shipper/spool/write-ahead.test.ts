import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskSpool, type DiskSpool } from './index.ts';
import { bulkLines, deadPid, drain, recordNumbers, tempRoot } from './fixtures/spool-fixtures.ts';

const errors: unknown[] = [];
const openWal = (dir: string, producerId: string, segmentBytes = 1_000_000): DiskSpool =>
  createDiskSpool({
    dir,
    producerId,
    mode: 'wal',
    segmentBytes,
    fsync: 'always',
    onError: (error) => errors.push(error),
  });
const segmentFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.ndjson'))
        .sort()
    : [];
const appendAt = (spool: DiskSpool, from: number, count: number) => {
  const result = spool.append(bulkLines(from, count), count);
  if (!result.ok) throw new Error(`append refused: ${result.reason}`);
  return result.segment;
};

describe('write-ahead mode', () => {
  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  it('deletes a sealed segment once every record written to it is acknowledged', async () => {
    const root = await tempRoot();
    const spool = openWal(root, 'app', bulkLines(0, 2).length);
    const first = appendAt(spool, 0, 2);
    const second = appendAt(spool, 2, 2);
    expect([first, second]).toEqual([1, 2]);

    spool.acknowledge(first, 1);
    expect(segmentFiles(join(root, 'app'))).toEqual(['000000000001.ndjson', '000000000002.ndjson']);
    spool.acknowledge(first, 1);
    expect(segmentFiles(join(root, 'app'))).toEqual(['000000000002.ndjson']);

    spool.acknowledge(second, 2); // the open segment: deleted when close() seals it
    expect(segmentFiles(join(root, 'app'))).toEqual(['000000000002.ndjson']);
    await spool.close();
    expect(existsSync(join(root, 'app'))).toBe(false);
  });

  it('never replays its own segments: they are delivered from memory and acknowledged', async () => {
    const root = await tempRoot();
    const spool = openWal(root, 'app', 100);
    appendAt(spool, 0, 2);
    appendAt(spool, 2, 2);
    expect(await spool.takeForReplay()).toBeNull();
    expect(spool.depth()).toMatchObject({ records: 4, segments: 2 });
  });

  it('keeps unacknowledged segments through close(), and the next spool replays them', async () => {
    const root = await tempRoot();
    const before = openWal(root, 'app-1', bulkLines(0, 2).length);
    const acknowledged = appendAt(before, 0, 2);
    appendAt(before, 2, 2);
    appendAt(before, 4, 2);
    before.acknowledge(acknowledged, 2);
    await before.close();

    const replayed = await drain(openWal(root, 'app-2'));

    expect(recordNumbers(replayed.lines)).toEqual([2, 3, 4, 5]);
    expect(existsSync(join(root, 'app-1'))).toBe(false);
  });

  it('replays every record of a spool whose process died without closing', async () => {
    const root = await tempRoot();
    const crashed = openWal(root, 'app-1', 300);
    for (let n = 0; n < 10; n++) appendAt(crashed, n * 2, 2);
    // What a SIGKILL leaves: no close(), and an owner whose pid is gone.
    writeFileSync(
      join(root, 'app-1', 'owner.json'),
      JSON.stringify({ pid: deadPid(), startedAt: 1, hostname: hostname() }),
    );

    const replayed = await drain(openWal(root, 'app-2'));

    expect(recordNumbers(replayed.lines)).toEqual([...Array(20).keys()]);
  });
});
