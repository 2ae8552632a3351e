import { CHAIN_PREV_FIELD, CHAIN_START, recordHash } from '../../opensearch/integrity/record-hash.ts';

/** Where a producer's chain stands: what the next checkpoint states. */
export interface ChainHead {
  /** Seq of the last linked record; -1 before the first. */
  readonly seq: number;
  /** Hash of the last linked record; CHAIN_START before the first. */
  readonly hash: string;
}

export interface RecordChain {
  /** Sets the record's `chain_prev` to the previous record's hash and makes this record the head. */
  link(record: Record<string, unknown>, seq: number, index: string): void;
  head(): ChainHead;
  /** Records linked per log index since the last call, and resets the counts. */
  takeIndexCounts(): Record<string, number>;
  /** Records linked since the last `takeIndexCounts()`. */
  pending(): number;
}

/**
 * Links each record of one producer to the one before it: `chain_prev` is the SHA-256 of the
 * previous record as stored, so a record altered, inserted or removed in the cluster breaks a link
 * that `synclog verify` recomputes. Called in log order, after the personal data policy.
 */
export function createRecordChain(): RecordChain {
  let head: ChainHead = { seq: -1, hash: CHAIN_START };
  let counts = new Map<string, number>();
  let pending = 0;
  return {
    link(record, seq, index) {
      record[CHAIN_PREV_FIELD] = head.hash;
      head = { seq, hash: recordHash(record) };
      counts.set(index, (counts.get(index) ?? 0) + 1);
      pending++;
    },
    head: () => head,
    takeIndexCounts() {
      const taken = Object.fromEntries(counts);
      counts = new Map();
      pending = 0;
      return taken;
    },
    pending: () => pending,
  };
}
