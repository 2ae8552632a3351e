import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { searchJson } from '../../opensearch/client/search-json.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';

const PAGE = 5_000;

/**
 * Every record the query matches, in a stable order (time, then event id), page by page through a
 * point in time: constant memory, no result cap, a consistent view while it runs. The point in
 * time is closed when the loop ends, however it ends (a client that went away included). Records
 * from the reviewed set come as stored there, with its `first_reviewed_*` fields beside the
 * record's own; an export reads only its columns.
 */
export async function* matchingRecords(
  client: OpenSearchClient,
  names: IndexNames,
  query: Record<string, unknown>,
  reviewed?: boolean,
): AsyncGenerator<SyncLogRecord[]> {
  // reviewed=true reads the reviewed set (a copy of each reviewed record); false skips its members page by page.
  const { body: pit } = await client.createPit({
    index: reviewed === true ? names.reviewed : names.readAlias,
    keep_alive: '2m',
    allow_partial_pit_creation: false,
  } as never);
  const pitId = (pit as unknown as { pit_id: string }).pit_id;
  const pageAfter = async (after: unknown[] | undefined) => {
    const body = await searchJson<{ hits: { hits: Array<{ _source: SyncLogRecord; sort: unknown[] }> } }>(client, {
      body: {
        size: PAGE,
        query,
        pit: { id: pitId, keep_alive: '2m' },
        sort: [{ '@timestamp': 'asc' }, { event_id: 'asc' }],
        track_total_hits: false,
        ...(after ? { search_after: after } : {}),
      },
    });
    return body.hits.hits;
  };
  let next = pageAfter(undefined);
  try {
    for (;;) {
      const hits = await next;
      if (hits.length === 0) return;
      // The next page is on its way while this one is written out: OpenSearch and the writer work at once.
      if (hits.length === PAGE) next = pageAfter(hits.at(-1)!.sort);
      const skip =
        reviewed === false
          ? await reviewedAmong(
              client,
              names,
              hits.map((hit) => hit._source.event_id),
            )
          : new Set<string>();
      yield hits.filter((hit) => !skip.has(hit._source.event_id)).map((hit) => hit._source);
      if (hits.length < PAGE) return;
    }
  } finally {
    // A page fetched ahead for a reader that left is not wanted; its failure once the point in time is gone is expected.
    next.catch(() => {});
    await client.deletePit({ body: { pit_id: [pitId] } } as never).catch(() => {});
  }
}

async function reviewedAmong(
  client: OpenSearchClient,
  names: IndexNames,
  ids: readonly string[],
): Promise<Set<string>> {
  const { body } = await client.search({
    index: names.reviewed,
    ignore_unavailable: true,
    body: { size: ids.length, _source: false, query: { ids: { values: ids } } },
  } as never);
  return new Set((body as unknown as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((hit) => hit._id));
}
