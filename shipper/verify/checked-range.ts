import type { VerifiedCheckpoints } from './checkpoint-set.ts';
import type { SeqSpan } from './producer-activity.ts';

export interface CheckedRange {
  readonly from: number;
  /** null: to the producer's end. */
  readonly to: number | null;
}

/**
 * The seqs a time window makes verify check for one producer: whole checkpoint intervals, from the
 * last checkpoint before the first record (or checkpointed interval) the window touches to the first
 * checkpoint at or after the last one. Ending on checkpoints, the range is checked like a whole
 * producer: its first record links to a signed hash, its last one is signed. When the range reaches
 * the producer's last checkpoint it runs on to the end (records after a final checkpoint, an
 * unverifiable tail). Null when the producer did nothing in the window.
 */
export function checkedRange(
  checkpoints: VerifiedCheckpoints,
  span: SeqSpan | null,
  window: { readonly from?: Date; readonly to?: Date },
): CheckedRange | null {
  const lows: number[] = span ? [span.min] : [];
  const highs: number[] = span ? [span.max] : [];
  for (const c of checkpoints.signed) {
    const at = Date.parse(c.at);
    if ((window.from && at < window.from.getTime()) || (window.to && at >= window.to.getTime())) continue;
    const counted = Object.values(c.indices).reduce((sum, n) => sum + n, 0);
    lows.push(c.seq - counted + 1);
    highs.push(c.seq);
  }
  if (lows.length === 0) return null;
  const low = lows.reduce((a, b) => Math.min(a, b));
  const high = highs.reduce((a, b) => Math.max(a, b), low);
  const seqs = checkpoints.anchors.map((a) => a.seq);
  const before = seqs.filter((seq) => seq < low).at(-1);
  const after = seqs.find((seq) => seq >= high);
  return {
    from: before === undefined ? 0 : before + 1,
    to: after === undefined || after === seqs.at(-1) ? null : after,
  };
}
