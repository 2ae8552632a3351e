import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint, CheckpointKind } from '../../opensearch/integrity/checkpoint.ts';
import { checkpointDir, claimPredecessor, openCheckpointFile } from './checkpoint-file.ts';

const spool = () => mkdtempSync(join(tmpdir(), 'synclog-lineage-'));

function checkpoint(producerId: string, kind: CheckpointKind, seq: number, at: string): Checkpoint {
  return {
    producer_id: producerId,
    kind,
    seq,
    hash: String(seq % 10).repeat(64),
    indices: {},
    at,
    key_id: 'k',
    signature: 'c2ln',
  };
}

/** A pid that is certainly gone: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the producer that ran before', () => {
  it('is the newest closed producer of the same name (not of a longer name), claimed once', async () => {
    const dir = spool();
    const older = openCheckpointFile(dir, 'web-1-k0-aa', 1);
    await older.append(checkpoint('web-1-k0-aa', 'genesis', -1, '2026-12-01T00:00:00.000Z'));
    await older.append(checkpoint('web-1-k0-aa', 'final', 9, '2026-12-01T01:00:00.000Z'));
    const newer = openCheckpointFile(dir, 'web-1-k1-bb', 2);
    await newer.append(checkpoint('web-1-k1-bb', 'genesis', -1, '2026-12-02T00:00:00.000Z'));
    await newer.append(checkpoint('web-1-k1-bb', 'final', 4, '2026-12-02T01:00:00.000Z'));
    const other = openCheckpointFile(dir, 'worker-k9-55', 3);
    await other.append(checkpoint('worker-k9-55', 'final', 99, '2026-12-03T00:00:00.000Z'));
    const longerName = openCheckpointFile(dir, 'web-1-eu-k9-66', 3);
    await longerName.append(checkpoint('web-1-eu-k9-66', 'final', 77, '2026-12-03T00:00:00.000Z'));

    expect(claimPredecessor(dir, 'web-1', 'web-1-k2-cc')).toEqual({
      producer_id: 'web-1-k1-bb',
      seq: 4,
      hash: '4'.repeat(64),
    });
    expect(claimPredecessor(dir, 'web-1', 'web-1-k3-dd')).toEqual({
      producer_id: 'web-1-k0-aa',
      seq: 9,
      hash: '9'.repeat(64),
    });
    expect(claimPredecessor(dir, 'web-1', 'web-1-k4-ee')).toBeNull();
  });

  it('is a killed producer, named with its last checkpoint, but never one whose process still runs', async () => {
    const dir = spool();
    const running = openCheckpointFile(dir, 'web-1-k5-11', Date.now());
    await running.append(checkpoint('web-1-k5-11', 'periodic', 5, '2026-12-02T00:00:00.000Z'));
    expect(claimPredecessor(dir, 'web-1', 'web-1-k6-22')).toBeNull();

    const killed = openCheckpointFile(dir, 'web-1-k7-33', 1);
    await killed.append(checkpoint('web-1-k7-33', 'periodic', 3, '2026-12-01T00:00:00.000Z'));
    writeFileSync(
      join(checkpointDir(dir), 'web-1-k7-33.owner.json'),
      JSON.stringify({ producerId: 'web-1-k7-33', pid: deadPid(), hostname: hostname(), startedAt: 1 }),
    );
    expect(claimPredecessor(dir, 'web-1', 'web-1-k6-22')).toEqual({
      producer_id: 'web-1-k7-33',
      seq: 3,
      hash: '3'.repeat(64),
    });
  });

  it('is nobody on a fresh spool, or when the checkpoint file holds only a torn line', () => {
    const dir = spool();
    expect(claimPredecessor(dir, 'web-1', 'web-1-k0-aa')).toBeNull();
    openCheckpointFile(dir, 'web-1-k8-44', 1);
    writeFileSync(join(checkpointDir(dir), 'web-1-k8-44.jsonl'), '{"producer_id":"web-1-to');
    writeFileSync(
      join(checkpointDir(dir), 'web-1-k8-44.owner.json'),
      JSON.stringify({ producerId: 'web-1-k8-44', pid: deadPid(), hostname: hostname(), startedAt: 1 }),
    );
    expect(claimPredecessor(dir, 'web-1', 'web-1-k1-bb')).toBeNull();
  });
});
