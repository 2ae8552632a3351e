import { recordHash } from '../../opensearch/integrity/record-hash.ts';
import type { Finding } from './integrity-report.ts';
import type { Candidate, Evidence } from './seq-group.ts';

export interface Unlinked {
  readonly candidate: Candidate;
  readonly expected: readonly Evidence[];
}

/** What the chain expects at a seq where no record is stored: the `chain_prev` of the record after a gap. */
export interface GapEnd {
  readonly seq: number;
  readonly hash: string;
}

/** Cap on unlinked records and seqs compared: the comparison costs one hash per pair. */
const MAX_COMPARED = 500;

/**
 * Which unlinked records are records of another seq: a record's content, with `producer_seq` set to
 * that seq, has the hash the chain expects there (from a checkpoint, a successor's `chain_prev`,
 * the `chain_prev` of the record after a gap, or another unlinked record's own `chain_prev`). Two
 * records whose contents (or seqs) were swapped are found both ways. Returns the seq each such
 * record belongs at, by its stored seq.
 */
export function matchReordered(unlinked: readonly Unlinked[], gapEnds: readonly GapEnd[] = []): Map<Candidate, number> {
  const compared = unlinked.slice(0, MAX_COMPARED);
  const expected = new Set<string>();
  const seqs = new Set<number>();
  for (const g of gapEnds.slice(0, MAX_COMPARED)) {
    expected.add(g.hash);
    seqs.add(g.seq);
  }
  for (const u of compared) {
    for (const e of u.expected) expected.add(e.hash);
    if (u.candidate.chainPrev !== undefined) expected.add(u.candidate.chainPrev);
    seqs.add(u.candidate.seq);
  }
  // A record moved without its chain_prev left that chain_prev at its own seq, in the document
  // stored there now: tried too, so the match holds whether or not the record hash covers it.
  const prevsAt = new Map<number, string[]>();
  for (const { candidate: c } of compared)
    if (c.chainPrev) prevsAt.set(c.seq, [...(prevsAt.get(c.seq) ?? []), c.chainPrev]);
  const belongs = new Map<Candidate, number>();
  for (const u of compared) {
    const { source } = u.candidate;
    const at = [...seqs].find(
      (seq) =>
        seq !== u.candidate.seq &&
        [undefined, ...(prevsAt.get(seq) ?? [])].some((prev) =>
          expected.has(
            recordHash(
              prev === undefined
                ? { ...source, producer_seq: seq }
                : { ...source, producer_seq: seq, chain_prev: prev },
            ),
          ),
        ),
    );
    if (at !== undefined) belongs.set(u.candidate, at);
  }
  return belongs;
}

export const alteredFinding = ({ candidate, expected }: Unlinked): Finding => ({
  kind: 'altered',
  from: candidate.seq,
  to: candidate.seq,
  count: 1,
  detail: `its hash does not match ${expected[0]!.source}`,
  documents: [candidate.doc],
});

/**
 * The findings for the records no link accepted: `reordered` for those whose content belongs at
 * another seq, `altered` for the rest, except a record only a moved record's link disowns (that
 * link says nothing about it).
 */
export function unlinkedFindings(unlinked: readonly Unlinked[], gapEnds: readonly GapEnd[]): Finding[] {
  const moved = matchReordered(unlinked, gapEnds);
  return unlinked.flatMap((u): Finding[] => {
    const belongs = moved.get(u.candidate);
    if (belongs === undefined) return u.expected.every((e) => e.by && moved.has(e.by)) ? [] : [alteredFinding(u)];
    const { seq, doc } = u.candidate;
    return [
      {
        kind: 'reordered',
        from: seq,
        to: seq,
        count: 1,
        detail: `holds the record of seq ${belongs}`,
        documents: [doc],
      },
    ];
  });
}
