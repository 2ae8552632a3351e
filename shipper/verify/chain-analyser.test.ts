import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../opensearch/integrity/checkpoint.ts';
import { signed, signedChain, testKey, type ChainedRecord, type SignedChain } from '../../test/signed-chain.ts';
import { createChainAnalyser, type RefusedRecord } from './chain-analyser.ts';
import { verifyCheckpoints, type CheckpointCopy, type SuccessorAnchor } from './checkpoint-set.ts';

const key = testKey();
const keys = new Map([[key.keyId, key.publicKey]]);
const DAY = 86_400_000;
const BASE = Date.parse('2026-11-02T00:00:00Z');

/** Records 0..49 in index A, 50.. in index B (a day apart), checkpoints every 10. */
const indexOf = (r: ChainedRecord) => (r.producer_seq < 50 ? 'logs-a' : 'logs-b');
const time = (seq: number) => BASE + seq * 1_000 + (seq >= 50 ? DAY : 0);
const chainOf = (count: number, final = true, every = 10): SignedChain =>
  signedChain({ producerId: 'p', key, count, every, final, time, index: indexOf });

interface Stored {
  records?: readonly ChainedRecord[];
  checkpoints?: readonly Checkpoint[];
  files?: readonly Checkpoint[];
  refused?: readonly RefusedRecord[];
  deleted?: Record<string, string>;
  successors?: readonly SuccessorAnchor[];
  from?: number;
  to?: number | null;
  maxListed?: number;
}

function verify(chain: SignedChain, stored: Stored = {}) {
  const copies: CheckpointCopy[] = [
    ...(stored.checkpoints ?? chain.checkpoints).map((value, i) => ({
      origin: 'cluster' as const,
      where: `c/${i}`,
      value,
    })),
    ...(stored.files ?? []).map((value, i) => ({ origin: 'file' as const, where: `f:${i + 1}`, value })),
  ];
  const analyser = createChainAnalyser({
    producerId: 'p',
    checkpoints: verifyCheckpoints(copies, keys, stored.successors),
    refused: new Map((stored.refused ?? []).map((r) => [r.seq, r])),
    deletedIndices: new Map(Object.entries(stored.deleted ?? {})),
    ...(stored.from === undefined ? {} : { from: stored.from }),
    ...(stored.to === undefined ? {} : { to: stored.to }),
    ...(stored.maxListed === undefined ? {} : { maxListed: stored.maxListed }),
  });
  const records = [...(stored.records ?? chain.records)].sort((a, b) => a.producer_seq - b.producer_seq);
  for (const record of records) analyser.add({ index: indexOf(record), id: record.event_id, source: record });
  return analyser.finish();
}

const kinds = (report: ReturnType<typeof verify>) => report.findings.map((f) => [f.kind, f.from, f.to, f.detail]);
const without = (records: readonly ChainedRecord[], ...seqs: number[]) =>
  records.filter((r) => !seqs.includes(r.producer_seq));
const replaced = (records: readonly ChainedRecord[], seq: number, record: ChainedRecord) =>
  records.map((r) => (r.producer_seq === seq ? record : r));

describe('createChainAnalyser', () => {
  it('finds nothing in a closed producer whose records and checkpoints are intact', () => {
    const report = verify(chainOf(95));
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({
      records: 95,
      first: 0,
      last: 94,
      checkpoints: { valid: 11, invalid: 0, highest: 94, final: 94 },
      unverifiable: null,
      refused: 0,
    });
  });

  it('names a record whose field was changed as altered, against the chain_prev of the next seq', () => {
    const chain = chainOf(30);
    const records = replaced(chain.records, 12, { ...chain.records[12]!, message: 'Deleted customer' });
    expect(kinds(verify(chain, { records }))).toEqual([
      ['altered', 12, 12, 'its hash does not match the chain_prev of seq 13'],
    ]);
  });

  it('names the last record altered against the final checkpoint', () => {
    const chain = chainOf(30);
    const records = replaced(chain.records, 29, { ...chain.records[29]!, level: 'error' });
    expect(kinds(verify(chain, { records }))).toEqual([
      ['altered', 29, 29, 'its hash does not match the final checkpoint'],
    ]);
  });

  it('names a record whose chain_prev alone was changed as altered', () => {
    const chain = chainOf(30);
    const records = replaced(chain.records, 10, { ...chain.records[10]!, chain_prev: 'f'.repeat(64) });
    expect(kinds(verify(chain, { records }))).toEqual([
      ['altered', 10, 10, 'its hash does not match the chain_prev of seq 11'],
    ]);
  });

  it('names a second content at an existing seq as inserted and keeps the linked one', () => {
    const chain = chainOf(30);
    const forged = { ...chain.records[7]!, event_id: 'forged', message: 'Customer approved' };
    const report = verify(chain, { records: [...chain.records, forged] });
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'inserted',
        from: 7,
        to: 7,
        count: 1,
        documents: [{ index: 'logs-a', id: 'forged' }],
      }),
    ]);
  });

  it('names records after the final checkpoint as inserted', () => {
    const chain = chainOf(30);
    const extra = { ...chain.records[29]!, event_id: 'late', producer_seq: 30, chain_prev: chain.hashes[29]! };
    expect(kinds(verify(chain, { records: [...chain.records, extra] }))).toEqual([
      ['inserted', 30, 30, 'after the final checkpoint at seq 29'],
    ]);
  });

  it('names every record of a producer without a valid signed checkpoint as inserted', () => {
    const chain = chainOf(20);
    const report = verify(chain, { checkpoints: [] });
    expect(kinds(report)).toEqual([['inserted', 0, 19, 'no valid signed checkpoint vouches for this producer']]);
    expect(report.counts.inserted).toBe(20);
  });

  it('names a checkpoint with a bad signature or an unknown key as inserted, and does not trust it', () => {
    const chain = chainOf(30);
    const final = chain.checkpoints.at(-1)!;
    const forged = { ...final, kind: 'final' as const, seq: 40, signature: final.signature };
    const stranger = testKey();
    const unknown = signed({ ...unsignedOf(final), seq: 41, key_id: stranger.keyId }, stranger);
    const report = verify(chain, { checkpoints: [...chain.checkpoints, forged, unknown] });
    expect(kinds(report)).toEqual([
      ['inserted', 40, 40, 'checkpoint final at seq 40 (c/5) has a bad signature'],
      ['inserted', 41, 41, `checkpoint final at seq 41 (c/6) is signed by unknown key ${stranger.keyId}`],
    ]);
    expect(report.checkpoints).toMatchObject({ valid: 5, invalid: 2, highest: 29 });
  });

  it('names a deleted record inside the sequence as missing', () => {
    const chain = chainOf(30);
    expect(kinds(verify(chain, { records: without(chain.records, 14, 15) }))).toEqual([['missing', 14, 15, 'inside']]);
  });

  it('names a deleted first record as missing at the head', () => {
    const chain = chainOf(30);
    expect(kinds(verify(chain, { records: without(chain.records, 0) }))).toEqual([['missing', 0, 0, 'at the head']]);
  });

  it('names a deleted last record as missing at the tail, against the final checkpoint', () => {
    const chain = chainOf(30);
    expect(kinds(verify(chain, { records: without(chain.records, 28, 29) }))).toEqual([
      ['missing', 28, 29, 'at the tail'],
    ]);
  });

  it('finds the deleted tail from the file copy when the last checkpoint was deleted from the cluster too', () => {
    const chain = chainOf(25); // periodic at 9 and 19, final at 24
    const records = without(chain.records, 24);
    const cluster = chain.checkpoints.slice(0, -1);
    const blind = verify(chain, { records, checkpoints: cluster });
    expect(blind.findings).toEqual([]);
    expect(blind.unverifiable).toEqual({ after: 19, records: 4, absent: 0 });
    const report = verify(chain, { records, checkpoints: cluster, files: chain.checkpoints });
    expect(kinds(report)).toEqual([['missing', 24, 24, 'at the tail']]);
    expect(report.notes).toEqual(['1 checkpoint(s) only in the files, not in the cluster (the latest at seq 24)']);
    expect(report.checkpoints.onlyInFiles).toBe(1);
  });

  it('reports the tail of a killed producer as unverifiable after its last checkpoint, not as a finding', () => {
    const chain = chainOf(27, false); // periodic at 19; 20..26 after it
    const report = verify(chain, { records: without(chain.records, 23) });
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual({ after: 19, records: 6, absent: 1 });
  });

  it('names signed records missing at the tail of a producer that did not close, saying it did not close', () => {
    const chain = chainOf(20, false); // periodic checkpoints at 9 and 19, no final
    expect(kinds(verify(chain, { records: chain.records.slice(0, 16) }))).toEqual([
      ['missing', 16, 19, 'at the tail; the producer did not close: still in its spool, or removed'],
    ]);
  });

  it('still names an altered record inside the unverifiable tail when the next record disowns it', () => {
    const chain = chainOf(27, false);
    const records = replaced(chain.records, 22, { ...chain.records[22]!, message: 'changed' });
    expect(kinds(verify(chain, { records }))).toEqual([
      ['altered', 22, 22, 'its hash does not match the chain_prev of seq 23'],
    ]);
  });

  it('names two records whose contents were swapped as reordered, each with the seq it belongs at', () => {
    const chain = chainOf(30);
    const swap = (a: number, b: number) =>
      chain.records.map((r) =>
        r.producer_seq === a
          ? { ...chain.records[b]!, producer_seq: a }
          : r.producer_seq === b
            ? { ...chain.records[a]!, producer_seq: b }
            : r,
      );
    expect(kinds(verify(chain, { records: swap(3, 17) }))).toEqual([
      ['reordered', 3, 3, 'holds the record of seq 17'],
      ['reordered', 17, 17, 'holds the record of seq 3'],
    ]);
    // Contents swapped while each document keeps its seq and chain_prev in place.
    const inPlace = chain.records.map((r) =>
      r.producer_seq === 3
        ? { ...chain.records[17]!, producer_seq: 3, chain_prev: r.chain_prev }
        : r.producer_seq === 17
          ? { ...chain.records[3]!, producer_seq: 17, chain_prev: r.chain_prev }
          : r,
    );
    expect(kinds(verify(chain, { records: inPlace }))).toEqual([
      ['reordered', 3, 3, 'holds the record of seq 17'],
      ['reordered', 17, 17, 'holds the record of seq 3'],
    ]);
    expect(kinds(verify(chain, { records: swap(5, 6) }))).toEqual([
      ['reordered', 5, 5, 'holds the record of seq 6'],
      ['reordered', 6, 6, 'holds the record of seq 5'],
    ]);
  });

  it('names a record moved into a gap as reordered and the seq it left as missing', () => {
    const chain = chainOf(30);
    const records = without(chain.records, 4, 12).concat({ ...chain.records[4]!, producer_seq: 12 });
    expect(kinds(verify(chain, { records }))).toEqual([
      ['missing', 4, 4, 'inside'],
      ['reordered', 12, 12, 'holds the record of seq 4'],
    ]);
  });

  it('names a second copy of the same record at one seq as duplicated', () => {
    const chain = chainOf(30);
    const report = verify(chain, { records: [...chain.records, chain.records[8]!] });
    expect(kinds(report)).toEqual([['duplicated', 8, 8, 'the same record stored 2 times']]);
  });

  it('counts a dead-lettered seq as refused and checks the links around it with its raw document', () => {
    const chain = chainOf(30);
    const records = without(chain.records, 11);
    const full: RefusedRecord = { seq: 11, index: 'logs-a', hash: chain.hashes[11]!, chainPrev: chain.hashes[10]! };
    const clean = verify(chain, { records, refused: [full] });
    expect(clean.findings).toEqual([]);
    expect(clean.refused).toBe(1);
    expect(verify(chain, { records, refused: [{ seq: 11, index: 'logs-a' }] }).findings).toEqual([]);
    const altered = replaced(records, 10, { ...chain.records[10]!, message: 'changed' });
    expect(kinds(verify(chain, { records: altered, refused: [full] }))).toEqual([
      ['altered', 10, 10, 'its hash does not match the chain_prev of dead-lettered seq 11'],
    ]);
  });

  it('reports seqs of an index the lifecycle deleted as deleted by retention, with the day', () => {
    const chain = chainOf(95);
    const report = verify(chain, { records: chain.records.slice(50), deleted: { 'logs-a': '2028-12-01' } });
    expect(report.findings).toEqual([]);
    expect(report.deletedByRetention).toEqual([
      { from: 0, to: 49, count: 50, indices: [{ index: 'logs-a', deletedOn: '2028-12-01' }] },
    ]);
  });

  it('names a record deleted beside a retention deletion as missing, saying what retention may explain', () => {
    const chain = chainOf(95); // interval (49, 59] holds 50..59, all in logs-b
    const report = verify(chain, {
      records: without(chain.records.slice(50), 55),
      deleted: { 'logs-a': '2028-12-01' },
    });
    expect(kinds(report)).toEqual([['missing', 55, 55, 'inside']]);
    expect(report.deletedByRetention).toEqual([
      { from: 0, to: 49, count: 50, indices: [{ index: 'logs-a', deletedOn: '2028-12-01' }] },
    ]);
  });

  it('checks a range of seqs from its checkpoint: the first record links to the hash the checkpoint states', () => {
    const chain = chainOf(60);
    const inRange = chain.records.filter((r) => r.producer_seq >= 20 && r.producer_seq <= 39);
    expect(verify(chain, { records: inRange, from: 20, to: 39 }).findings).toEqual([]);
    const records = replaced(inRange, 20, { ...chain.records[20]!, chain_prev: chain.hashes[3]! });
    expect(kinds(verify(chain, { records, from: 20, to: 39 }))).toEqual([
      ['altered', 20, 20, 'its hash does not match the chain_prev of seq 21'],
    ]);
    expect(kinds(verify(chain, { records: without(inRange, 20), from: 20, to: 39 }))).toEqual([
      ['missing', 20, 20, 'at the start of the checked seqs'],
    ]);
  });

  it("holds a producer to its successor's genesis when its own checkpoints are gone", () => {
    const chain = chainOf(30);
    const successors = [{ successor: 'p2', seq: 29, hash: chain.hashes[29]! }];
    const records = replaced(chain.records, 29, { ...chain.records[29]!, message: 'changed' });
    expect(kinds(verify(chain, { records, checkpoints: [], successors }))).toEqual([
      ['altered', 29, 29, "its hash does not match the next producer's genesis"],
    ]);
  });

  it('caps the listed findings and keeps the counts exact', () => {
    const chain = chainOf(40);
    const records = chain.records.filter((r) => r.producer_seq % 2 === 0);
    const report = verify(chain, { records, maxListed: 3 });
    expect(report.findings).toHaveLength(3);
    expect(report.findingsTruncated).toBe(true);
    expect(report.counts.missing).toBe(20);
  });
});

function unsignedOf(c: Checkpoint): Omit<Checkpoint, 'signature'> {
  const { signature: _s, ...rest } = c;
  return rest;
}
