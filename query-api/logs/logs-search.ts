import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { RawHit } from '../../opensearch/client/raw-hits.ts';
import { searchRawHits } from '../../opensearch/client/search-json.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { REVIEW_FIELDS } from '../reviews/reviewed-copy.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { logsFilter } from './logs-filter.ts';
import type { LogsQuery } from './logs-query-schema.ts';

export interface LogsPageOf<R> {
  readonly total: { readonly value: number; readonly relation: 'eq' | 'gte' };
  readonly records: readonly R[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  readonly next_cursor: string | null;
}

export type LogsPage = LogsPageOf<SyncLogRecord>;
/** A page whose records are each document's JSON as OpenSearch sent it. */
export type RawLogsPage = LogsPageOf<Buffer>;

const TOTAL_CAP = 10_000;

const sortOf = (sortParam: string) => {
  const [field, order] = sortParam.split(':') as [string, 'asc' | 'desc'];
  // event_id is unique: the tie-breaker that makes every page boundary exact.
  return [
    { [field]: { order, missing: order === 'asc' ? '_last' : '_first' } },
    ...(field === '@timestamp' ? [] : [{ '@timestamp': { order: 'desc' } }]),
    { event_id: { order } },
  ];
};

async function page(
  client: OpenSearchClient,
  index: string,
  query: LogsQuery,
  filter: Record<string, unknown>,
  size: number,
  after: unknown[] | undefined,
  trackTotal: boolean | number,
  reviewedSet = false,
) {
  return searchRawHits(client, {
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    // The reviewed set's copies carry who reviewed first: left out, each hit is the record as logged.
    ...(reviewedSet ? { _source_excludes: REVIEW_FIELDS } : {}),
    body: {
      size,
      query: filter,
      sort: sortOf(query.sort),
      track_total_hits: trackTotal,
      ...(after ? { search_after: after } : {}),
    },
  });
}

async function count(client: OpenSearchClient, index: string, filter: Record<string, unknown>): Promise<number> {
  const { body } = await client.count({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    body: { query: filter },
  } as never);
  return Number((body as unknown as { count: number }).count);
}

/**
 * One page of matching records, newest first by default, paged with `search_after` (never a deep
 * `from`). `reviewed=true` searches the reviewed set, which holds a copy of every reviewed record
 * under the record mapping, so its counts and pages are exact. `reviewed=false` walks the records
 * in sort order and skips those in the reviewed set, a batch at a time, so pages stay exact too;
 * its total is the difference of two exact counts.
 */
export async function searchLogsRaw(
  client: OpenSearchClient,
  names: IndexNames,
  query: LogsQuery,
  privacy?: SearchPrivacy,
): Promise<RawLogsPage> {
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const filter = logsFilter(query, privacy);
  if (query.reviewed === false) return unreviewedPage(client, names, query, filter, after);
  const reviewedSet = query.reviewed === true;
  const index = reviewedSet ? names.reviewed : names.readAlias;
  const hits = await page(
    client,
    index,
    query,
    filter,
    query.size + 1,
    after,
    query.exact_total ? true : TOTAL_CAP,
    reviewedSet,
  );
  const shown = hits.hits.slice(0, query.size);
  return {
    total: hits.total!,
    records: shown.map(sourceOf),
    next_cursor: hits.hits.length > query.size ? encodeCursor(shown.at(-1)!.sort, query.sort) : null,
  };
}

/** {@link searchLogsRaw} with each record parsed, for pages rendered here rather than passed on. */
export async function searchLogs(
  client: OpenSearchClient,
  names: IndexNames,
  query: LogsQuery,
  privacy?: SearchPrivacy,
): Promise<LogsPage> {
  const raw = await searchLogsRaw(client, names, query, privacy);
  return { ...raw, records: raw.records.map((source) => JSON.parse(source.toString('utf8')) as SyncLogRecord) };
}

/** The page as the API's JSON answer, the records spliced in as OpenSearch sent them. */
export function logsPageJson(page: RawLogsPage): Buffer<ArrayBuffer> {
  const parts: Buffer[] = [Buffer.from(`{"total":${JSON.stringify(page.total)},"records":[`)];
  page.records.forEach((source, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(source);
  });
  parts.push(Buffer.from(`],"next_cursor":${JSON.stringify(page.next_cursor)}}`));
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');
const sourceOf = (hit: RawHit) => hit.source;

const SKIP_BATCH = 1_000;
/** At most this many records are looked at for one page; a sparse page comes back short, with its cursor. */
const SKIP_SCAN_LIMIT = 50_000;

async function unreviewedPage(
  client: OpenSearchClient,
  names: IndexNames,
  query: LogsQuery,
  filter: Record<string, unknown>,
  start: unknown[] | undefined,
): Promise<RawLogsPage> {
  const collected: RawHit[] = [];
  let after = start;
  let examined = 0;
  let exhausted = false;
  while (collected.length < query.size && examined < SKIP_SCAN_LIMIT) {
    const batch = (await page(client, names.readAlias, query, filter, SKIP_BATCH, after, false)).hits;
    if (batch.length === 0) {
      exhausted = true;
      break;
    }
    const { body } = await client.search({
      index: names.reviewed,
      ignore_unavailable: true,
      body: { size: batch.length, _source: false, query: { ids: { values: batch.map((h) => h.id) } } },
    } as never);
    const reviewed = new Set(
      (body as unknown as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id),
    );
    let consumed = 0;
    for (const hit of batch) {
      consumed++;
      examined++;
      after = hit.sort;
      if (!reviewed.has(hit.id)) collected.push(hit);
      if (collected.length === query.size) break;
    }
    if (consumed === batch.length && batch.length < SKIP_BATCH) exhausted = true;
  }
  const [all, reviewedCount] = await Promise.all([
    count(client, names.readAlias, filter),
    count(client, names.reviewed, filter),
  ]);
  return {
    total: { value: all - reviewedCount, relation: 'eq' },
    records: collected.map(sourceOf),
    next_cursor: exhausted || !after ? null : encodeCursor(after, query.sort),
  };
}

/** One record by its event id, or `null`. */
export async function logById(
  client: OpenSearchClient,
  names: IndexNames,
  eventId: string,
): Promise<SyncLogRecord | null> {
  const { body } = await client.search({
    index: names.readAlias,
    ignore_unavailable: true,
    allow_no_indices: true,
    body: { size: 1, query: { ids: { values: [eventId] } } },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: SyncLogRecord }> } }).hits.hits[0]?._source ?? null;
}
