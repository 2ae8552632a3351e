import type { IntervalLedger } from './interval-ledger.ts';

/** A seq kept as a dead letter; `hash` and `chainPrev` when its `raw` is the full document. */
export interface RefusedRecord {
  readonly seq: number;
  readonly index?: string;
  readonly hash?: string;
  readonly chainPrev?: string;
}

export interface AbsentSeqs {
  /** Seqs `from..to` with no stored record; `label` says where (`at the head`, …). */
  absent(from: number, to: number, label: string): void;
  /** Absent seqs kept as dead letters. */
  refused(): number;
  /** Absent seqs after the last checkpoint of a producer that did not close. */
  inTail(): number;
}

/**
 * Sorts out the seqs a producer has no stored record for: those kept as dead letters are refused,
 * those after the last checkpoint of a killed producer belong to its unverifiable tail, the rest go
 * to the ledger, which tells retention from loss. Seqs outside the checked range are ignored.
 */
export function createAbsentSeqs(options: {
  readonly from: number;
  readonly to: number | null;
  readonly refused: ReadonlyMap<number, RefusedRecord>;
  /** No final checkpoint: seqs after `verifiedTo` are the unverifiable tail. */
  readonly killed: boolean;
  readonly verifiedTo: number;
  readonly ledger: IntervalLedger;
}): AbsentSeqs {
  const { refused, ledger, killed, verifiedTo } = options;
  const refusedSeqs = [...refused.keys()].sort((a, b) => a - b);
  let refusedCount = 0;
  let tail = 0;
  const gap = (from: number, to: number, label: string) => {
    if (killed && to > verifiedTo) {
      tail += to - Math.max(from, verifiedTo + 1) + 1;
      to = Math.min(to, verifiedTo);
    }
    if (from <= to) ledger.absent(from, to, label);
  };
  return {
    absent(a, b, label) {
      const hi = options.to === null ? b : Math.min(b, options.to);
      let seq = Math.max(a, options.from);
      for (let i = firstAtOrAbove(refusedSeqs, seq); i < refusedSeqs.length && refusedSeqs[i]! <= hi; i++) {
        const r = refusedSeqs[i]!;
        if (r > seq) gap(seq, r - 1, label);
        refusedCount++;
        ledger.refused(r, refused.get(r)!.index);
        seq = r + 1;
      }
      if (seq <= hi) gap(seq, hi, label);
    },
    refused: () => refusedCount,
    inTail: () => tail,
  };
}

/** Position of the first element ≥ `value` in an ascending array. */
function firstAtOrAbove(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
