export interface LatencyStats {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of values already sorted ascending. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function latencyStats(values: Iterable<number>): LatencyStats {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/**
 * `seen` − log call, per sequence seen (`seen`: when it was first seen, or the earliest it can have
 * become searchable); sequences never seen (NaN on either side) are left out.
 */
export function freshnessLatencies(calls: Float64Array, seen: Float64Array): Float64Array {
  const out: number[] = [];
  for (let seq = 0; seq < Math.min(calls.length, seen.length); seq++) {
    const latency = seen[seq]! - calls[seq]!;
    if (!Number.isNaN(latency)) out.push(latency);
  }
  return Float64Array.from(out);
}
