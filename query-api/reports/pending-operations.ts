import { outcomeRecord, pendingRecord } from '../../opensearch/query/operation-clauses.ts';

type Search = (body: Record<string, unknown>) => Promise<unknown>;

/** Operations whose only records in `range` are `pending` and that logged no outcome anywhere, by operation type. */
export interface PendingOnly {
  readonly total: number;
  readonly byType: ReadonlyMap<string, number>;
}

const PAGE = 5_000;

/**
 * Pages through the range's pending records by operation key and keeps those with no outcome
 * record anywhere (before, in or after the range). A pending record logged without an id is its
 * own operation (its key is its event id), so it is always pending-only.
 */
export async function pendingOnlyOperations(search: Search, range: Record<string, unknown>): Promise<PendingOnly> {
  const byType = new Map<string, number>();
  let total = 0;
  // Buckets come sorted by key: an operation whose pending records disagree on the type is in adjacent buckets, counted once.
  let previous: string | undefined;
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const body = await search({
      size: 0,
      query: { bool: { filter: [range, pendingRecord] } },
      aggs: {
        ops: {
          composite: {
            size: PAGE,
            sources: [
              { key: { terms: { field: 'operation_key' } } },
              { type: { terms: { field: 'operation_type', missing_bucket: true } } },
            ],
            ...(after ? { after } : {}),
          },
        },
      },
    });
    const ops = (
      body as {
        aggregations?: {
          ops: { buckets: Array<{ key: { key: string; type: string | null } }>; after_key?: Record<string, unknown> };
        };
      }
    ).aggregations?.ops;
    if (!ops || ops.buckets.length === 0) break;
    const keys = [...new Set(ops.buckets.map((b) => b.key.key))];
    const outcomes = await search({
      size: 0,
      query: { bool: { filter: [{ terms: { operation_key: keys } }, outcomeRecord] } },
      aggs: { keys: { terms: { field: 'operation_key', size: keys.length } } },
    });
    const ended = new Set(
      (outcomes as { aggregations?: { keys: { buckets: Array<{ key: string }> } } }).aggregations?.keys.buckets.map(
        (b) => b.key,
      ),
    );
    for (const { key } of ops.buckets) {
      const repeated = key.key === previous;
      previous = key.key;
      if (ended.has(key.key) || repeated) continue;
      total++;
      if (key.type !== null) byType.set(key.type, (byType.get(key.type) ?? 0) + 1);
    }
    if (!ops.after_key || ops.buckets.length < PAGE) break;
    after = ops.after_key;
  }
  return { total, byType };
}
