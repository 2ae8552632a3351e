import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';

/** The codes of the open vocabularies that occur in the stored records, most frequent first. */
export interface SeenCodes {
  readonly operation_type: readonly string[];
  readonly status: readonly string[];
}

export const NOTHING_SEEN: SeenCodes = { operation_type: [], status: [] };

/** Enough for every code an application really uses; a long tail past it stays filterable by URL. */
const SEEN_LIMIT = 100;

type Buckets = { buckets: Array<{ key: string }> };

/**
 * Operation types and statuses present in the log indices. A size-0 search without "now" in it is
 * served from the shard request cache on indices that no longer change (every index but the
 * current period's), so asking on each page view stays cheap on a long retention. A failure is a
 * value: the caller shows the story's codes alone.
 */
export async function seenCodes(
  client: OpenSearchClient,
  names: IndexNames,
  limit = SEEN_LIMIT,
): Promise<SeenCodes | Error> {
  try {
    const { body } = await client.search({
      index: names.readAlias,
      ignore_unavailable: true,
      allow_no_indices: true,
      body: {
        size: 0,
        track_total_hits: false,
        aggs: {
          operation_type: { terms: { field: 'operation_type', size: limit } },
          status: { terms: { field: 'status', size: limit } },
        },
      },
    } as never);
    const aggs = (body as unknown as { aggregations?: { operation_type: Buckets; status: Buckets } }).aggregations;
    if (!aggs) return NOTHING_SEEN;
    return {
      operation_type: aggs.operation_type.buckets.map((b) => b.key),
      status: aggs.status.buckets.map((b) => b.key),
    };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
