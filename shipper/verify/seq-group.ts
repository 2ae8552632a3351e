import { CHAIN_PREV_FIELD, recordHash } from '../../opensearch/integrity/record-hash.ts';
import type { DocumentRef, Finding } from './integrity-report.ts';

/** A log document as read: where it is and its `_source` as stored. */
export interface StoredRecord {
  readonly index: string;
  readonly id: string;
  readonly source: Readonly<Record<string, unknown>>;
}

/** A stored document of one producer, with what the chain check needs. */
export interface Candidate {
  readonly seq: number;
  /** `recordHash` of its `_source`. */
  readonly hash: string;
  readonly chainPrev: string | undefined;
  readonly doc: DocumentRef;
  readonly source: Readonly<Record<string, unknown>>;
}

export function candidateOf(record: StoredRecord): Candidate {
  const chainPrev = record.source[CHAIN_PREV_FIELD];
  return {
    seq: Number(record.source.producer_seq),
    hash: recordHash(record.source),
    chainPrev: typeof chainPrev === 'string' ? chainPrev : undefined,
    doc: { index: record.index, id: record.id },
    source: record.source,
  };
}

/** A hash the chain says the record at some seq has, and who says so. */
export interface Evidence {
  readonly hash: string;
  /** `the chain_prev of seq 13`, `the periodic checkpoint`, … */
  readonly source: string;
  /** The stored record whose `chain_prev` this is. */
  readonly by?: Candidate;
}

export interface GroupEvidence {
  /** What the record at this seq must hash to, most trusted first (a checkpoint, then the successors' links). */
  readonly forward: readonly Evidence[];
  /** What the record's `chain_prev` must be: the hash of the seq before it, when known. */
  readonly backward: Evidence | undefined;
}

export interface SettledGroup {
  /** The hash of the record taken as this seq's: linked into the chain, or the only one seen. */
  readonly linkedHash: string | undefined;
  /** The record linked at this seq, when there is one. */
  readonly linked: Candidate | undefined;
  readonly findings: Finding[];
  /** A record whose hash no link accepts (altered, or stored at a seq not its own), with what was expected. */
  readonly unlinked?: { readonly candidate: Candidate; readonly expected: readonly Evidence[] };
}

const refs = (candidates: readonly Candidate[]) => candidates.slice(0, 5).map((c) => c.doc);
const finding = (kind: Finding['kind'], seq: number, docs: readonly Candidate[], detail: string): Finding => ({
  kind,
  from: seq,
  to: seq,
  count: docs.length,
  detail,
  documents: refs(docs),
});

/**
 * Decides which of the documents stored at one seq is the producer's record, from the links around
 * it: the one whose hash a checkpoint or the next record's `chain_prev` names is linked; copies of
 * it are duplicates; other contents are inserted. When no link names any of them the record was
 * altered (or moved: see reorder-match). Without a link ahead (the next seq is missing, the end of
 * the stream) a single content is taken as is, and several are told apart by their own `chain_prev`.
 */
export function settleGroup(group: readonly Candidate[], evidence: GroupEvidence): SettledGroup {
  const seq = group[0]!.seq;
  const byHash = new Map<string, Candidate[]>();
  for (const c of group) byHash.set(c.hash, [...(byHash.get(c.hash) ?? []), c]);
  const findings: Finding[] = [];
  const backwardOk = (c: Candidate) => evidence.backward === undefined || c.chainPrev === evidence.backward.hash;

  const accept = (hash: string, insertedDetail: string): SettledGroup => {
    const [linked, ...copies] = byHash.get(hash)!;
    if (copies.length > 0) {
      findings.push(finding('duplicated', seq, copies, `the same record stored ${copies.length + 1} times`));
    }
    const others = group.filter((c) => c.hash !== hash);
    if (others.length > 0) findings.push(finding('inserted', seq, others, insertedDetail));
    if (!backwardOk(linked!)) {
      findings.push(finding('altered', seq, [linked!], `its chain_prev is not ${evidence.backward!.source}`));
    }
    return { linkedHash: hash, linked, findings };
  };

  if (evidence.forward.length > 0) {
    const named = evidence.forward.find((e) => byHash.has(e.hash));
    if (named) return accept(named.hash, `not the record linked into the chain (${named.source} names another)`);
    // No stored content is the one the chain expects: the record was altered or moved here.
    const hashes = [...byHash.keys()];
    const altered = hashes.find((h) => byHash.get(h)!.some(backwardOk)) ?? hashes[0]!;
    const [candidate, ...copies] = byHash.get(altered)!;
    if (copies.length > 0) {
      findings.push(finding('duplicated', seq, copies, `the same record stored ${copies.length + 1} times`));
    }
    const others = group.filter((c) => c.hash !== altered);
    if (others.length > 0) {
      findings.push(finding('inserted', seq, others, 'another content stored at this seq, none linked into the chain'));
    }
    return {
      linkedHash: undefined,
      linked: undefined,
      findings,
      unlinked: { candidate: candidate!, expected: evidence.forward },
    };
  }

  if (byHash.size === 1) return accept(group[0]!.hash, '');
  const confirmed = [...byHash.keys()].filter((h) => byHash.get(h)!.some(backwardOk));
  if (evidence.backward !== undefined && confirmed.length === 1) {
    return accept(
      confirmed[0]!,
      `not the record linked into the chain (its chain_prev is not ${evidence.backward.source})`,
    );
  }
  findings.push(
    finding(
      'inserted',
      seq,
      group,
      `${byHash.size} different records at this seq, no link tells which is the producer's`,
    ),
  );
  return { linkedHash: undefined, linked: undefined, findings };
}
