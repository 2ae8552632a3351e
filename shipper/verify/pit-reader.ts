import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { searchJson } from '../../opensearch/client/search-json.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';

export interface Hit<T> {
  readonly _index: string;
  readonly _id: string;
  readonly _source: T;
  readonly sort: unknown[];
}

export interface PitReader {
  /** Every hit of `query` in `sort` order (ended by `_shard_doc`), page by page. Nothing when the index does not exist. */
  pages<T>(query: Record<string, unknown>, sort: Array<Record<string, unknown>>): AsyncGenerator<Array<Hit<T>>>;
  close(): Promise<void>;
}

const KEEP_ALIVE = '5m';

/**
 * Reads one index (or alias) through a point in time opened at the first read: every query of a
 * run sees the same documents, and paging with `search_after` needs no result window. The next
 * page is fetched while the caller works on this one.
 */
export function createPitReader(client: OpenSearchClient, index: string, pageSize: number): PitReader {
  let pit: Promise<string | null> | undefined;
  const open = () =>
    (pit ??= client
      .createPit({ index, keep_alive: KEEP_ALIVE, allow_partial_pit_creation: false } as never)
      .then(({ body }) => (body as unknown as { pit_id: string }).pit_id)
      .catch((error: unknown) => {
        if (errorStatus(error).status === 404) return null;
        throw error;
      }));

  return {
    async *pages<T>(query: Record<string, unknown>, sort: Array<Record<string, unknown>>) {
      const id = await open();
      if (id === null) return;
      const page = async (after: unknown[] | undefined) =>
        (
          await searchJson<{ hits: { hits: Array<Hit<T>> } }>(client, {
            body: {
              size: pageSize,
              query,
              pit: { id, keep_alive: KEEP_ALIVE },
              sort: [...sort, { _shard_doc: 'asc' }],
              track_total_hits: false,
              ...(after ? { search_after: after } : {}),
            },
          })
        ).hits.hits;
      let next = page(undefined);
      try {
        for (;;) {
          const hits = await next;
          if (hits.length === pageSize) next = page(hits.at(-1)!.sort);
          if (hits.length > 0) yield hits;
          if (hits.length < pageSize) return;
        }
      } finally {
        next.catch(() => {});
      }
    },
    async close() {
      const id = await pit?.catch(() => null);
      if (id) await client.deletePit({ body: { pit_id: [id] } } as never).catch(() => {});
    },
  };
}
