import { recordHash } from '../../opensearch/integrity/record-hash.ts';
import type { RefusedRecord } from './absent-seqs.ts';
import type { StoredRecord } from './seq-group.ts';
import type { PitReader } from './pit-reader.ts';

/** A producer's records of seqs `from..to` (`to` null: all after `from`). */
const seqRange = (producerId: string, from: number, to: number | null) => ({
  bool: {
    filter: [
      { term: { producer_id: producerId } },
      { range: { producer_seq: { gte: from, ...(to === null ? {} : { lte: to }) } } },
    ],
  },
});

/** The producer's stored records in seq order, each with its `_source` as stored. */
export async function* storedRecords(
  reader: PitReader,
  producerId: string,
  from: number,
  to: number | null,
): AsyncGenerator<StoredRecord[]> {
  const sort = [{ producer_seq: 'asc' }];
  for await (const hits of reader.pages<Record<string, unknown>>(seqRange(producerId, from, to), sort)) {
    yield hits.map((hit) => ({ index: hit._index, id: hit._id, source: hit._source }));
  }
}

interface StoredDeadLetter {
  producer_seq?: number;
  target_index?: string;
  raw?: string;
}

/**
 * The producer's dead letters by seq: refused, not lost. When `raw` is the full document of that
 * record (it names the producer and seq and carries `chain_prev`), its hash takes part in the chain
 * check; otherwise the links around it are not checked.
 */
export async function refusedRecords(
  reader: PitReader,
  producerId: string,
  from: number,
  to: number | null,
): Promise<Map<number, RefusedRecord>> {
  const refused = new Map<number, RefusedRecord>();
  for await (const hits of reader.pages<StoredDeadLetter>(seqRange(producerId, from, to), [{ producer_seq: 'asc' }])) {
    for (const { _source: letter } of hits) {
      const seq = letter.producer_seq;
      if (seq === undefined || refused.get(seq)?.hash) continue;
      const full = fullDocument(letter.raw, producerId, seq);
      refused.set(seq, {
        seq,
        ...(letter.target_index ? { index: letter.target_index } : {}),
        ...(full ? { hash: recordHash(full), chainPrev: full.chain_prev as string } : {}),
      });
    }
  }
  return refused;
}

function fullDocument(raw: string | undefined, producerId: string, seq: number): Record<string, unknown> | null {
  if (raw === undefined) return null;
  try {
    const value = JSON.parse(raw) as Record<string, unknown> | null;
    const full =
      value !== null &&
      typeof value === 'object' &&
      value.producer_id === producerId &&
      value.producer_seq === seq &&
      typeof value.chain_prev === 'string';
    return full ? value : null;
  } catch {
    return null;
  }
}
