import { COARSE_BANDS, fineHistogram, isSingleValue, locateRank, nearestRank, type Band } from './nearest-rank.ts';

/** Runs one search body over the caller's indices and answers its response body. */
export type SearchBody = (body: Record<string, unknown>) => Promise<unknown>;

export interface ExactPercentilesRequest {
  /** Which documents: a query clause (the caller's time range and filters). */
  readonly query: Record<string, unknown>;
  /** A numeric field of non-negative integers (`long`), such as `duration_ms`. */
  readonly field: string;
  /** Percentiles in (0, 100], such as `[95, 99]`. */
  readonly percents: readonly number[];
}

export interface ExactPercentiles {
  /** Documents with a value in the field. */
  readonly count: number;
  /** The value of each requested percentile, in the order asked. */
  readonly values: readonly number[];
}

type RangeBucket = { from?: number; doc_count: number };
type FineBucket = { key: number; doc_count: number; low: { value: number | null } };

/**
 * Nearest-rank percentiles (the value of rank ⌈p·n⌉ of the sorted values) of a non-negative
 * integer field, from two searches: counts in 64 coarse bands, then fine buckets of the bands that
 * hold the ranks. Each value is an observed one within max(1 %, 1) of the exact nearest-rank
 * value, and equal to it when that value is the smallest of its fine bucket (see `fineInterval`),
 * unlike the `percentiles` aggregation's t-digest, whose error depends on the distribution.
 * `null` when no document has a value. Documents written between the two searches can move a
 * rank; the value is then the nearest one the band holds.
 */
export async function exactPercentiles(
  search: SearchBody,
  request: ExactPercentilesRequest,
): Promise<ExactPercentiles | null> {
  const { field } = request;
  const valued = { bool: { filter: [request.query, { range: { [field]: { gte: 0 } } }] } };
  const coarse = (await search({
    size: 0,
    query: valued,
    aggs: { bands: { range: { field, ranges: COARSE_BANDS.map(({ from, to }) => ({ from, to })) } } },
  })) as { aggregations?: { bands: { buckets: RangeBucket[] } } };
  const byFrom = new Map((coarse.aggregations?.bands.buckets ?? []).map((b) => [b.from ?? 0, b.doc_count]));
  const counts = COARSE_BANDS.map((band) => byFrom.get(band.from) ?? 0);
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;

  const wanted = request.percents.map((percent) => {
    const rank = nearestRank(percent, n);
    const { index, before } = locateRank(counts, rank);
    return { band: COARSE_BANDS[index]!, index, within: rank - before };
  });
  const refine = [...new Set(wanted.filter((w) => !isSingleValue(w.band)).map((w) => w.index))];
  const fine = refine.length === 0 ? new Map<number, FineBucket[]>() : await fineBuckets(search, valued, field, refine);

  return {
    count: n,
    values: wanted.map(({ band, index, within }) =>
      isSingleValue(band) ? band.from : valueAt(fine.get(index) ?? [], within, band),
    ),
  };
}

async function fineBuckets(
  search: SearchBody,
  valued: Record<string, unknown>,
  field: string,
  bands: readonly number[],
): Promise<Map<number, FineBucket[]>> {
  const aggs = Object.fromEntries(
    bands.map((i) => {
      const band = COARSE_BANDS[i]!;
      return [
        `band_${i}`,
        {
          filter: { range: { [field]: { gte: band.from, lt: band.to } } },
          aggs: {
            fine: { histogram: { field, ...fineHistogram(band), min_doc_count: 1 }, aggs: { low: { min: { field } } } },
          },
        },
      ];
    }),
  );
  const body = (await search({ size: 0, query: valued, aggs })) as {
    aggregations?: Record<string, { fine: { buckets: FineBucket[] } }>;
  };
  return new Map(bands.map((i) => [i, body.aggregations?.[`band_${i}`]?.fine.buckets ?? []]));
}

/** The smallest value of the fine bucket holding the `within`-th value of the band. */
function valueAt(buckets: readonly FineBucket[], within: number, band: Band): number {
  const { index } = locateRank(
    buckets.map((b) => b.doc_count),
    within,
  );
  const bucket = index === -1 ? buckets.at(-1) : buckets[index];
  return bucket?.low.value ?? bucket?.key ?? band.from;
}
