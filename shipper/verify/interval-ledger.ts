import type { CountedInterval } from './checkpoint-set.ts';

/** Seqs absent from the log indices, as the ledger classifies them. */
export type AbsentRange =
  | {
      readonly kind: 'missing';
      readonly from: number;
      readonly to: number;
      readonly label: string;
      readonly note?: string;
    }
  | {
      readonly kind: 'retention';
      readonly from: number;
      readonly to: number;
      readonly indices: ReadonlyArray<{ readonly index: string; readonly deletedOn: string }>;
    };

export interface IntervalLedger {
  /** The record stored at `seq` (one per seq), in its log index. */
  stored(seq: number, index: string): void;
  /** A seq absent but kept as a dead letter bound for `index`. */
  refused(seq: number, index: string | undefined): void;
  /** Seqs `from..to` absent and not refused; `label` says where (`at the head`, …). */
  absent(from: number, to: number, label: string): void;
  /** Classifies the intervals that end before `seq`: every record up to there has been seen. */
  passTo(seq: number): AbsentRange[];
  finish(): AbsentRange[];
}

interface Tally {
  readonly interval: CountedInterval;
  readonly stored: Map<string, number>;
  readonly refused: Map<string, number>;
  readonly absent: Array<{ from: number; to: number; label: string }>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Tells records deleted by retention from records lost, interval by interval: each checkpoint
 * counts the records it covers per log index. When every index the lifecycle did not delete holds
 * its count (stored or dead-lettered), the absent seqs of the interval are the ones the deleted
 * indices held. Otherwise they are missing; an absence outside every counted interval is missing.
 */
export function createIntervalLedger(
  intervals: readonly CountedInterval[],
  deletedIndices: ReadonlyMap<string, string>,
): IntervalLedger {
  const tallies = new Map<number, Tally>();
  let closedUpTo = 0; // intervals[0 .. closedUpTo-1] are classified
  const pending: AbsentRange[] = [];

  /** Index of the interval covering `seq`, or -1. */
  const covering = (seq: number): number => {
    let lo = 0;
    let hi = intervals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (intervals[mid]!.to < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo < intervals.length && intervals[lo]!.after < seq ? lo : -1;
  };
  const tally = (i: number): Tally => {
    let t = tallies.get(i);
    if (!t) tallies.set(i, (t = { interval: intervals[i]!, stored: new Map(), refused: new Map(), absent: [] }));
    return t;
  };

  function classify(t: Tally): AbsentRange[] {
    if (t.absent.length === 0) return [];
    const absent = t.absent.reduce((n, r) => n + r.to - r.from + 1, 0);
    const deleted = Object.entries(t.interval.indices).filter(([index]) => deletedIndices.has(index));
    const deletedCount = deleted.reduce((n, [, count]) => n + count, 0);
    const unexplained = Object.entries(t.interval.indices)
      .filter(([index]) => !deletedIndices.has(index))
      .reduce(
        (n, [index, count]) => n + Math.max(0, count - (t.stored.get(index) ?? 0) - (t.refused.get(index) ?? 0)),
        0,
      );
    const indices = deleted.map(([index]) => ({ index, deletedOn: deletedIndices.get(index)! }));
    if (deletedCount > 0 && unexplained === 0 && absent <= deletedCount) {
      return t.absent.map((r) => ({ kind: 'retention', from: r.from, to: r.to, indices }));
    }
    const note =
      deletedCount > 0
        ? `up to ${Math.min(deletedCount, absent)} of the ${absent} absent in (${t.interval.after}, ${t.interval.to}] were in ${indices.map((i) => `${i.index} (deleted ${i.deletedOn})`).join(', ')}`
        : undefined;
    return t.absent.map((r) => ({ kind: 'missing', ...r, ...(note ? { note } : {}) }));
  }

  const closeBefore = (seq: number): AbsentRange[] => {
    const out: AbsentRange[] = [];
    while (closedUpTo < intervals.length && intervals[closedUpTo]!.to < seq) {
      const t = tallies.get(closedUpTo);
      if (t) out.push(...classify(t));
      tallies.delete(closedUpTo++);
    }
    return out;
  };

  return {
    stored(seq, index) {
      const i = covering(seq);
      if (i >= 0) bump(tally(i).stored, index);
    },
    refused(seq, index) {
      const i = covering(seq);
      if (i >= 0 && index !== undefined) bump(tally(i).refused, index);
    },
    absent(from, to, label) {
      let seq = from;
      while (seq <= to) {
        const i = covering(seq);
        if (i < 0) {
          // Up to the next counted interval (or `to`): no checkpoint counts these.
          const next = intervals.findIndex((iv) => iv.after >= seq);
          const end = Math.min(to, next < 0 ? to : intervals[next]!.after);
          pending.push({ kind: 'missing', from: seq, to: end, label });
          seq = end + 1;
        } else {
          const end = Math.min(to, intervals[i]!.to);
          tally(i).absent.push({ from: seq, to: end, label });
          seq = end + 1;
        }
      }
    },
    passTo(seq) {
      return [...pending.splice(0), ...closeBefore(seq)];
    },
    finish() {
      return [...pending.splice(0), ...closeBefore(Number.POSITIVE_INFINITY)];
    },
  };
}
