import { CHAIN_START } from '../../opensearch/integrity/record-hash.ts';
import type { RefusedRecord } from './absent-seqs.ts';
import type { Anchor } from './checkpoint-set.ts';
import type { Candidate, Evidence, GroupEvidence } from './seq-group.ts';

/**
 * What the chain says about the record at `seq`. Forward: the hash a checkpoint at `seq` states,
 * then the `chain_prev` of each record stored at `seq + 1` (or of its dead letter). Backward: the
 * hash its own `chain_prev` must be: the chain start, the record linked at `seq - 1`, a dead
 * letter's, or a checkpoint's at `seq - 1`.
 */
export function groupEvidence(
  seq: number,
  successor: readonly Candidate[] | undefined,
  previous: { readonly seq: number; readonly hash: string } | undefined,
  anchors: ReadonlyMap<number, Anchor>,
  refused: ReadonlyMap<number, RefusedRecord>,
): GroupEvidence {
  const forward: Evidence[] = [];
  const anchor = anchors.get(seq);
  if (anchor) {
    const source = anchor.kind === 'successor' ? "the next producer's genesis" : `the ${anchor.kind} checkpoint`;
    forward.push({ hash: anchor.hash, source });
  }
  if (successor?.[0]!.seq === seq + 1) {
    for (const by of successor) {
      const hash = by.chainPrev;
      if (hash !== undefined && !forward.some((e) => e.hash === hash)) {
        forward.push({ hash, source: `the chain_prev of seq ${seq + 1}`, by });
      }
    }
  } else {
    const hash = refused.get(seq + 1)?.chainPrev;
    if (hash) forward.push({ hash, source: `the chain_prev of dead-lettered seq ${seq + 1}` });
  }

  const refusedBefore = refused.get(seq - 1)?.hash;
  const anchorBefore = anchors.get(seq - 1);
  const backward: Evidence | undefined =
    seq === 0
      ? { hash: CHAIN_START, source: 'the chain start' }
      : previous?.seq === seq - 1
        ? { hash: previous.hash, source: `the hash of seq ${seq - 1}` }
        : refusedBefore
          ? { hash: refusedBefore, source: `the hash of dead-lettered seq ${seq - 1}` }
          : anchorBefore
            ? { hash: anchorBefore.hash, source: `the hash the checkpoint at seq ${seq - 1} states` }
            : undefined;
  return { forward, backward };
}
