import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import {
  deadLetterQuery,
  toStoredDeadLetter,
  type DeadLetterFilter,
  type StoredDeadLetter,
} from './dead-letter-filter.ts';

/** A requested dead letter: stored, or `null` when no dead letter has that id. */
export interface PageEntry {
  readonly id: string;
  readonly stored: StoredDeadLetter | null;
}

const NOT_REPLAYED = { bool: { must_not: { exists: { field: 'replayed_at' } } } };
const REPLAYED = { exists: { field: 'replayed_at' } };

/** The dead letters with these ids, in pages, in the order given (duplicates dropped). */
export async function* deadLettersByIds(
  client: OpenSearchClient,
  names: IndexNames,
  ids: readonly string[],
  pageSize: number,
): AsyncGenerator<PageEntry[]> {
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += pageSize) {
    const chunk = unique.slice(i, i + pageSize);
    const { body } = await client.mget({ index: names.deadLetter, body: { ids: chunk } } as never);
    // A missing dead-letter index answers each id with an error instead of `found: false`.
    const docs = body.docs as Array<{ _id: string; found?: boolean; _source?: unknown }>;
    yield docs.map((doc) => ({
      id: doc._id,
      stored: doc.found ? toStoredDeadLetter({ _id: doc._id, _source: doc._source }) : null,
    }));
  }
}

/**
 * Every dead letter matching the filter that was never replayed, in pages, read through a scroll
 * so that marking them as replayed meanwhile cannot make the paging skip or repeat any.
 */
export async function* unreplayedDeadLetters(
  client: OpenSearchClient,
  names: IndexNames,
  filter: DeadLetterFilter,
  pageSize: number,
): AsyncGenerator<PageEntry[]> {
  let { body } = await client.search({
    index: names.deadLetter,
    ignore_unavailable: true,
    scroll: '2m',
    size: pageSize,
    body: { query: deadLetterQuery(filter, [NOT_REPLAYED]), sort: ['_doc'] },
  } as never);
  let scrollId = body._scroll_id as string | undefined;
  try {
    for (;;) {
      const hits = (body.hits as { hits: Array<{ _id: string; _source: unknown }> }).hits;
      if (hits.length === 0 || scrollId === undefined) return;
      yield hits.map((hit) => ({ id: hit._id, stored: toStoredDeadLetter(hit) }));
      ({ body } = await client.scroll({ scroll_id: scrollId, scroll: '2m' } as never));
      scrollId = (body._scroll_id as string | undefined) ?? scrollId;
    }
  } finally {
    if (scrollId !== undefined) await client.clearScroll({ scroll_id: scrollId } as never).catch(() => {});
  }
}

/** How many dead letters matching the filter were replayed before. */
export async function countReplayed(
  client: OpenSearchClient,
  names: IndexNames,
  filter: DeadLetterFilter,
): Promise<number> {
  const { body } = await client.count({
    index: names.deadLetter,
    ignore_unavailable: true,
    body: { query: deadLetterQuery(filter, [REPLAYED]) },
  } as never);
  return body.count as number;
}
