/**
 * The arithmetic of nearest-rank percentiles over bucket counts, kept apart from the searches
 * that produce the counts so it can be checked against sorted arrays.
 *
 * Values are non-negative integers (milliseconds in a `long` field). They are first counted in
 * coarse bands: `[0, 1)`, then `[2^k, 2^(k+1))` up to the `long` range. The band holding the rank
 * is then counted in fine buckets of `fineInterval(band.from)`: at most 200 buckets a
 * band, whatever the spread of the data, and never a retry.
 */

/** A half-open range of values `[from, to)`. */
export interface Band {
  readonly from: number;
  readonly to: number;
}

/** `[0, 1)`, `[1, 2)`, `[2, 4)`, … `[2^62, 2^63)`: every non-negative `long`, in 64 bands. */
export const COARSE_BANDS: readonly Band[] = [
  { from: 0, to: 1 },
  ...Array.from({ length: 63 }, (_, k) => ({ from: 2 ** k, to: 2 ** (k + 1) })),
];

/**
 * The 1-based rank ⌈p·n/100⌉ of the nearest-rank percentile `percent` (0 < p ≤ 100) of `n`
 * values, clamped to `[1, n]`. The product is rounded to 6 decimals before the ceiling so that a
 * whole rank stays whole (99.9 · 1000 / 100 is 999.0000000000001 in floating point).
 */
export function nearestRank(percent: number, n: number): number {
  if (!(percent > 0 && percent <= 100)) throw new Error(`nearestRank: percent must be in (0, 100], got ${percent}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`nearestRank: n must be a positive integer, got ${n}`);
  const exact = Math.round(((percent * n) / 100) * 1e6) / 1e6;
  return Math.min(n, Math.max(1, Math.ceil(exact)));
}

/**
 * The width of the fine buckets of a band starting at `from`: `max(1, ⌊from/100⌋)`. A value `v`
 * of the band lies in a bucket whose values are at most `width − 1` apart, and
 * `width − 1 < from/100 ≤ v/100`: any value of the bucket is within 1 % of `v` (and equal to it
 * when the width is 1).
 */
export function fineInterval(from: number): number {
  return Math.max(1, Math.floor(from / 100));
}

/** Whether a band needs no fine pass: all its integers are one value. */
export const isSingleValue = (band: Band) => band.to - band.from <= 1;

/**
 * The histogram of a band's fine pass: buckets of `fineInterval(band.from)` aligned on
 * `band.from` (the offset is taken modulo the interval, as the histogram aggregation requires).
 */
export function fineHistogram(band: Band): { readonly interval: number; readonly offset: number } {
  const interval = fineInterval(band.from);
  return { interval, offset: band.from % interval };
}

/** Where the `rank`-th smallest value (1-based) falls among consecutive bucket counts. */
export interface Located {
  /** Index of the bucket that holds it, or -1 when the counts add up to less than `rank`. */
  readonly index: number;
  /** Values in the buckets before it. */
  readonly before: number;
}

export function locateRank(counts: readonly number[], rank: number): Located {
  let before = 0;
  for (let index = 0; index < counts.length; index++) {
    const count = counts[index]!;
    if (before + count >= rank) return { index, before };
    before += count;
  }
  return { index: -1, before };
}
