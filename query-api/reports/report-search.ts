import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';

/**
 * A report query over the log indices (none yet is an empty answer, not an error), whose every
 * shard answered. OpenSearch answers 200 with `_shards.failed` when some shards fail (a circuit
 * breaker, say): a report built on that would be silently short, so it fails instead.
 */
export async function searchForReport(
  client: OpenSearchClient,
  names: IndexNames,
  body: Record<string, unknown>,
): Promise<unknown> {
  const { body: result } = await client.search({
    index: names.readAlias,
    ignore_unavailable: true,
    allow_no_indices: true,
    body,
  } as never);
  const shards = (
    result as { _shards?: { failed?: number; failures?: Array<{ reason?: { type?: string; reason?: string } }> } }
  )._shards;
  if (shards?.failed) {
    const reason = shards.failures?.[0]?.reason;
    throw new Error(
      `report query failed on ${shards.failed} shard(s): ${reason?.type ?? 'unknown'}: ${reason?.reason ?? ''}`.slice(
        0,
        500,
      ),
    );
  }
  return result;
}
