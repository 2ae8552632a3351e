import { describe, expect, it } from 'vitest';
import { signedChain, testKey } from '../../test/signed-chain.ts';
import { verifyCheckpoints, type CheckpointCopy } from './checkpoint-set.ts';

const key = testKey();
const keys = new Map([[key.keyId, key.publicKey]]);
// seq 0..11 in logs-a, 12.. in logs-b; periodic checkpoints at 4, 9, 14, final at 16.
const chain = signedChain({
  producerId: 'p',
  key,
  count: 17,
  every: 5,
  final: true,
  index: (r) => (r.producer_seq < 12 ? 'logs-a' : 'logs-b'),
});
const inCluster = (value: unknown, i = 0): CheckpointCopy => ({ origin: 'cluster', where: `c/${i}`, value });
const inFile = (value: unknown, i = 0): CheckpointCopy => ({ origin: 'file', where: `f:${i + 1}`, value });

describe('verifyCheckpoints', () => {
  it('counts a checkpoint kept in the cluster and in a file once, and notes those only in a file', () => {
    const copies = [...chain.checkpoints.slice(0, 3).map(inCluster), ...chain.checkpoints.map(inFile)];
    const verified = verifyCheckpoints(copies, keys);
    expect(verified).toMatchObject({ valid: 5, invalid: 0, onlyInFiles: 2, final: 16, findings: [] });
    expect(verified.notes).toEqual(['2 checkpoint(s) only in the files, not in the cluster (the latest at seq 16)']);
  });

  it('states the seqs it vouches for and the records each interval counted per index', () => {
    const verified = verifyCheckpoints(chain.checkpoints.map(inCluster), keys);
    expect(verified.anchors.map((a) => [a.seq, a.kind])).toEqual([
      [-1, 'genesis'],
      [4, 'periodic'],
      [9, 'periodic'],
      [14, 'periodic'],
      [16, 'final'],
    ]);
    expect(verified.intervals).toEqual([
      { after: -1, to: 4, indices: { 'logs-a': 5 } },
      { after: 4, to: 9, indices: { 'logs-a': 5 } },
      { after: 9, to: 14, indices: { 'logs-a': 2, 'logs-b': 3 } },
      { after: 14, to: 16, indices: { 'logs-b': 2 } },
    ]);
    expect(verified.anchors[4]!.hash).toBe(chain.hashes[16]);
  });

  it('names a malformed checkpoint document as inserted and notes a torn file line', () => {
    const verified = verifyCheckpoints([inCluster({ producer_id: 'p', seq: 3 }), inFile('{"producer_id":"p"')], keys);
    expect(verified.findings).toEqual([
      { kind: 'inserted', from: 3, to: 3, count: 1, detail: 'malformed checkpoint (c/0)' },
    ]);
    expect(verified.notes).toEqual(['unreadable checkpoint line f:1']);
    expect(verified.valid).toBe(0);
  });

  it("holds a producer to the seq and hash its successor's genesis states, and names a contradiction", () => {
    const own = chain.checkpoints.slice(0, 2).map((c, i) => inCluster(c, i));
    const agreeing = verifyCheckpoints(own, keys, [{ successor: 'q', seq: 16, hash: chain.hashes[16]! }]);
    expect(agreeing.anchors.at(-1)).toEqual({ seq: 16, hash: chain.hashes[16], kind: 'successor' });
    const contradicting = verifyCheckpoints(own, keys, [{ successor: 'q', seq: 4, hash: chain.hashes[3]! }]);
    expect(contradicting.findings).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        from: 4,
        detail: 'the genesis of q states another hash for seq 4 than the periodic checkpoint',
      }),
    ]);
  });
});
