/** One way of answering a list query, timed end to end by the caller. */
export type ListPath = (query: string) => Promise<void>;

export interface LatencyPassOptions {
  readonly queries: readonly string[];
  /** Reported rounds; each round calls every path once with the same query. */
  readonly rounds: number;
  /** Unreported rounds first (JIT, connection pools, OpenSearch's caches). */
  readonly warmup: number;
}

/**
 * Calls every path once per round with the same query, one request in flight at a time, the order
 * rotating from round to round so that drift and whatever runs before hit every path alike;
 * returns each path's latencies in ms.
 */
export async function timeInterleaved<K extends string>(
  paths: Record<K, ListPath>,
  options: LatencyPassOptions,
): Promise<Record<K, number[]>> {
  const names = Object.keys(paths) as K[];
  const latencies = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = -options.warmup; round < options.rounds; round++) {
    const query = options.queries[(round + options.warmup) % options.queries.length]!;
    const turn = (round + options.warmup) % names.length;
    for (const name of [...names.slice(turn), ...names.slice(0, turn)]) {
      const start = performance.now();
      await paths[name](query);
      if (round >= 0) latencies[name].push(performance.now() - start);
    }
  }
  return latencies;
}

/** The value at percentile `p` (nearest rank). */
export function percentile(list: readonly number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
