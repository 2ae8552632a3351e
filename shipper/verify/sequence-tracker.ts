export interface SequenceGap {
  /** First missing seq. */
  readonly from: number;
  /** Last missing seq (inclusive). */
  readonly to: number;
}

export interface SequenceRepeat {
  readonly seq: number;
  /** How many records carry this seq (2 or more). */
  readonly count: number;
}

export interface ProducerSequence {
  readonly producerId: string;
  /** Lowest seq seen. */
  readonly first: number;
  /** Highest seq seen. */
  readonly last: number;
  /** Records seen, duplicates included. */
  readonly records: number;
  /** Missing seqs between `first` and `last`: exact even when `gaps` is truncated. */
  readonly missing: number;
  /** Extra copies: exact even when `repeats` is truncated. */
  readonly duplicates: number;
  /** Seqs not in the log indices but kept as dead letters: refused, not lost. */
  readonly deadLettered: number;
  readonly gaps: readonly SequenceGap[];
  readonly gapsTruncated: boolean;
  readonly repeats: readonly SequenceRepeat[];
  readonly repeatsTruncated: boolean;
}

export interface SequenceTracker {
  /**
   * Takes the next (producer, seq, stored count, dead-letter count), in (producer, seq) order.
   * Returns the previous producer's result when `producerId` starts a new producer.
   */
  add(producerId: string, seq: number, count: number, deadLettered?: number): ProducerSequence | undefined;
  /** The last producer's result, if any. */
  finish(): ProducerSequence | undefined;
}

interface Current {
  producerId: string;
  first: number;
  last: number;
  records: number;
  missing: number;
  duplicates: number;
  deadLettered: number;
  gaps: SequenceGap[];
  gapsTruncated: boolean;
  repeats: SequenceRepeat[];
  repeatsTruncated: boolean;
}

/** Folds an ordered stream of (producer, seq, count) into per-producer gaps and repeats. */
export function createSequenceTracker(maxListed: number): SequenceTracker {
  let current: Current | undefined;

  function start(producerId: string, seq: number): Current {
    return {
      producerId,
      first: seq,
      last: seq,
      records: 0,
      missing: 0,
      duplicates: 0,
      deadLettered: 0,
      gaps: [],
      gapsTruncated: false,
      repeats: [],
      repeatsTruncated: false,
    };
  }

  return {
    add(producerId, seq, count, deadLettered = 0) {
      let finished: ProducerSequence | undefined;
      if (current?.producerId !== producerId) {
        finished = current;
        current = start(producerId, seq);
      } else if (seq > current.last + 1) {
        current.missing += seq - current.last - 1;
        if (current.gaps.length < maxListed) current.gaps.push({ from: current.last + 1, to: seq - 1 });
        else current.gapsTruncated = true;
      }
      current.last = seq;
      current.records += count;
      if (count === 0 && deadLettered > 0) current.deadLettered++;
      if (count > 1) {
        current.duplicates += count - 1;
        if (current.repeats.length < maxListed) current.repeats.push({ seq, count });
        else current.repeatsTruncated = true;
      }
      return finished;
    },
    finish() {
      const finished = current;
      current = undefined;
      return finished;
    },
  };
}
