/**
 * Which `producer_seq`s have been seen searchable, and when. `low` is the first one not yet seen;
 * records above it may have been seen already when an earlier poll found a gap below them.
 */
export interface SeenLedger {
  /** Per sequence: when the poll that first saw it answered; NaN while unseen. */
  readonly firstSeen: Float64Array;
  /** Per sequence: when the poll before that one was sent (it was not searchable then). */
  readonly notBefore: Float64Array;
  readonly low: number;
  readonly seen: number;
  /**
   * What a poll's answer (records visible at or above `low`, and the highest) calls for: nothing
   * new; every sequence from `low` to `max` visible (no read needed); or a gap, so read them.
   */
  plan(count: number, max: number): 'nothing' | 'all' | 'read';
  /** Marks every unseen sequence from `low` to `max`. */
  markUpTo(max: number, at: number, notBefore: number): void;
  mark(seq: number, at: number, notBefore: number): void;
  /** After marking: moves `low` past what is seen and recounts what is seen above it. */
  settle(): void;
}

export function createSeenLedger(expected: number): SeenLedger {
  const firstSeen = new Float64Array(expected).fill(NaN);
  const notBefore = new Float64Array(expected).fill(NaN);
  let low = 0;
  let seen = 0;
  let seenAbove = 0;
  let highest = -1;

  const mark = (seq: number, at: number, before: number) => {
    if (seq >= 0 && seq < expected && Number.isNaN(firstSeen[seq]!)) {
      firstSeen[seq] = at;
      notBefore[seq] = before;
      seen++;
      highest = Math.max(highest, seq);
    }
  };
  return {
    firstSeen,
    notBefore,
    get low() {
      return low;
    },
    get seen() {
      return seen;
    },
    plan(count, max) {
      if (count <= seenAbove) return 'nothing';
      return count === max - low + 1 ? 'all' : 'read';
    },
    markUpTo(max, at, before) {
      for (let seq = low; seq <= max; seq++) mark(seq, at, before);
    },
    mark,
    settle() {
      while (low < expected && !Number.isNaN(firstSeen[low]!)) low++;
      seenAbove = 0;
      for (let seq = low; seq <= highest; seq++) if (!Number.isNaN(firstSeen[seq]!)) seenAbove++;
    },
  };
}
