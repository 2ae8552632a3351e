import { createHash } from 'node:crypto';
import { canonicalJson } from '../../opensearch/integrity/canonical-json.ts';
import { CHAIN_PREV_FIELD, CHAIN_START } from '../../opensearch/integrity/record-hash.ts';

/** Turns a record's canonical text into the UTF-8 bytes that are sent: hashed as they are. */
export type EncodeDocument = (text: string) => Buffer;

const utf8: EncodeDocument = (text) => Buffer.from(text, 'utf8');

/** Where a producer's chain stands: what the next checkpoint states. */
export interface ChainHead {
  /** Seq of the last linked record; -1 before the first. */
  readonly seq: number;
  /** Hash of the last linked record; CHAIN_START before the first. */
  readonly hash: string;
}

export interface RecordChain {
  /**
   * Sets the record's `chain_prev` to the previous record's hash, serialises it canonically (JCS)
   * through `encode` and makes it the head, hashing the bytes `encode` returns. The shipper sends
   * those bytes as the document, so the record is serialised once and hashed without a second
   * encoding; `recordHash` of what is stored gives the same hash.
   */
  link(record: Record<string, unknown>, seq: number, index: string, encode?: EncodeDocument): void;
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
    link(record, seq, index, encode = utf8) {
      record[CHAIN_PREV_FIELD] = head.hash;
      const bytes = encode(canonicalJson(record) ?? 'null');
      head = { seq, hash: createHash('sha256').update(bytes).digest('hex') };
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
