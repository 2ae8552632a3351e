import { describe, expect, it } from 'vitest';
import { COARSE_BANDS, fineHistogram, fineInterval, isSingleValue, locateRank, nearestRank } from './nearest-rank.ts';

/** The nearest-rank percentile by sorting, the definition itself. */
const bySorting = (values: readonly number[], percent: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length - 1e-9)) - 1]!;
};

/** What the two searches compute, done in memory over `values`: coarse band, then the smallest value of the fine bucket. */
function twoPass(values: readonly number[], percent: number): number {
  const counts = COARSE_BANDS.map((b) => values.filter((v) => v >= b.from && v < b.to).length);
  const { index, before } = locateRank(counts, nearestRank(percent, values.length));
  const band = COARSE_BANDS[index]!;
  if (isSingleValue(band)) return band.from;
  const { interval, offset } = fineHistogram(band);
  const buckets = new Map<number, number[]>();
  for (const v of values.filter((x) => x >= band.from && x < band.to)) {
    const key = Math.floor((v - offset) / interval) * interval + offset;
    buckets.set(key, [...(buckets.get(key) ?? []), v]);
  }
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const at = locateRank(
    sorted.map(([, list]) => list.length),
    nearestRank(percent, values.length) - before,
  );
  return Math.min(...sorted[at.index]![1]);
}

let state = 12345;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

describe('nearest-rank arithmetic', () => {
  it('gives rank ⌈p·n⌉ clamped to [1, n], whole products staying whole', () => {
    expect(nearestRank(95, 20)).toBe(19);
    expect(nearestRank(95, 21)).toBe(20);
    expect(nearestRank(99.9, 1_000)).toBe(999);
    expect(nearestRank(99, 550)).toBe(545);
    expect(nearestRank(95, 550)).toBe(523);
    expect(nearestRank(50, 1)).toBe(1);
    expect(nearestRank(1, 2)).toBe(1);
    expect(nearestRank(100, 7)).toBe(7);
    expect(nearestRank(0.001, 10)).toBe(1);
  });

  it('refuses a percent outside (0, 100] and an empty set, naming the argument', () => {
    expect(() => nearestRank(0, 10)).toThrow(/percent/);
    expect(() => nearestRank(101, 10)).toThrow(/percent/);
    expect(() => nearestRank(95, 0)).toThrow(/n must/);
  });

  it('covers every non-negative long with contiguous coarse bands', () => {
    expect(COARSE_BANDS[0]).toEqual({ from: 0, to: 1 });
    for (let i = 1; i < COARSE_BANDS.length; i++) expect(COARSE_BANDS[i]!.from).toBe(COARSE_BANDS[i - 1]!.to);
    expect(COARSE_BANDS.at(-1)!.to).toBeGreaterThanOrEqual(2 ** 63);
  });

  it('keeps fine buckets narrower than 1 % of any value they hold, and at most 200 to a band', () => {
    for (const band of COARSE_BANDS.slice(1, 54)) {
      const { interval, offset } = fineHistogram(band);
      expect(interval).toBe(fineInterval(band.from));
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(interval);
      expect((band.from - offset) % interval, `aligned on ${band.from}`).toBe(0);
      // Two values of one bucket differ by at most interval − 1; the smallest value of the band bounds the error.
      expect(interval - 1, `band from ${band.from}`).toBeLessThanOrEqual(Math.max(0, 0.01 * band.from));
      expect(Math.ceil((band.to - band.from) / interval)).toBeLessThanOrEqual(200);
    }
  });

  it('locates a rank among bucket counts, and says when the counts fall short', () => {
    expect(locateRank([0, 3, 0, 2], 1)).toEqual({ index: 1, before: 0 });
    expect(locateRank([0, 3, 0, 2], 3)).toEqual({ index: 1, before: 0 });
    expect(locateRank([0, 3, 0, 2], 4)).toEqual({ index: 3, before: 3 });
    expect(locateRank([0, 3, 0, 2], 6)).toEqual({ index: -1, before: 5 });
  });

  it('finds, through coarse and fine counts, a value within max(1 %, 1) of the sorted nearest-rank value on adversarial sets', () => {
    const sets: Record<string, number[]> = {
      'one value': [4_321],
      'two values': [3, 90_000],
      'all ties': Array.from({ length: 550 }, () => 777),
      'zeros and a tail': [
        ...Array.from({ length: 540 }, () => 0),
        ...Array.from({ length: 10 }, (_, i) => 10 ** (i + 2)),
      ],
      'heavy tail': Array.from({ length: 550 }, () => Math.floor(50 / (1 - random()) ** 1.5)),
      bimodal: Array.from({ length: 550 }, (_, i) =>
        i % 10 < 9 ? 100 + Math.floor(random() * 50) : 30_000 + Math.floor(random() * 30_000),
      ),
      'band edges': Array.from({ length: 64 }, (_, i) => [2 ** (i % 40), 2 ** (i % 40) - 1]).flat(),
      'huge values': [2 ** 52, 2 ** 52 + 12_345, 9_007_199_254_740_991, 1, 2],
    };
    for (const [name, values] of Object.entries(sets)) {
      for (const p of [1, 50, 90, 95, 99, 99.9, 100]) {
        const exact = bySorting(values, p);
        const found = twoPass(values, p);
        expect(values, `${name} p${p}: ${found} is a value of the set`).toContain(found);
        expect(Math.abs(found - exact), `${name} p${p}: ${found} vs ${exact}`).toBeLessThanOrEqual(
          Math.max(0.01 * exact, 1),
        );
      }
    }
  });
});
