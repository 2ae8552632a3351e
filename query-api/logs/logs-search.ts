import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { timeRangeClause } from '../../opensearch/shared/time-range.ts';
import { recordOfCopy, type ReviewedCopy } from '../reviews/reviewed-copy.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { LogsFilterQuery, LogsQuery } from './logs-query-schema.ts';

export interface LogsPage {
  readonly total: { readonly value: number; readonly relation: 'eq' | 'gte' };
  readonly records: readonly SyncLogRecord[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  readonly next_cursor: string | null;
}

const TOTAL_CAP = 10_000;
/** A record is flagged when the shipper noted at least one validation issue on it. */
const FLAGGED = { exists: { field: 'validation_issues' } };

/** The bool query of a `GET /logs` request: filters as terms and a range, free text only through `match`/`term`. */
export function logsFilter(query: LogsFilterQuery): Record<string, unknown> {
  const filter: unknown[] = [];
  if (query.operation_type) filter.push({ terms: { operation_type: query.operation_type } });
  if (query.status) filter.push({ terms: { status: query.status } });
  if (query.customer_role) filter.push({ terms: { 'customer.role': query.customer_role } });
  if (query.validation_issue) filter.push({ terms: { validation_issues: query.validation_issue } });
  if (query.flagged !== undefined) filter.push(query.flagged ? FLAGGED : { bool: { must_not: [FLAGGED] } });
  if (query.correlation_id) filter.push({ term: { correlation_id: query.correlation_id } });
  const range = timeRangeClause(query.from, query.to);
  if (range) filter.push(range);
  const must = query.q ? [freeSearch(query.q)] : [];
  return { bool: { filter, must } };
}

/**
 * User text is matched as values, never parsed as query syntax: exact e-mail (the field is
 * lower-case normalised), 1C id and correlation id, or every word of it in the customer's name or
 * the error message.
 */
function freeSearch(text: string): Record<string, unknown> {
  return {
    bool: {
      should: [
        { term: { customer_email: text } },
        { term: { onec_id: text } },
        { term: { correlation_id: text } },
        { match: { 'customer.name': { query: text, operator: 'and' } } },
        { match: { error_message: { query: text, operator: 'and' } } },
      ],
      minimum_should_match: 1,
    },
  };
}

type Hit = { _id: string; _source: ReviewedCopy; sort: unknown[] };

const sortOf = (sortParam: string) => {
  const [field, order] = sortParam.split(':') as [string, 'asc' | 'desc'];
  // event_id is unique: the tie-breaker that makes every page boundary exact.
  return [
    { [field]: { order, missing: order === 'asc' ? '_last' : '_first' } },
    ...(field === '@timestamp' ? [] : [{ '@timestamp': { order: 'desc' } }]),
    { event_id: { order } },
  ];
};

const recordOf = (hit: Hit) => recordOfCopy(hit._source);

async function page(
  client: OpenSearchClient,
  index: string,
  query: LogsQuery,
  size: number,
  after: unknown[] | undefined,
  trackTotal: boolean | number,
) {
  const { body } = await client.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    body: {
      size,
      query: logsFilter(query),
      sort: sortOf(query.sort),
      track_total_hits: trackTotal,
      ...(after ? { search_after: after } : {}),
    },
  } as never);
  return (body as unknown as { hits: { total?: { value: number; relation: 'eq' | 'gte' }; hits: Hit[] } }).hits;
}

async function count(client: OpenSearchClient, index: string, query: LogsQuery): Promise<number> {
  const { body } = await client.count({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    body: { query: logsFilter(query) },
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
export async function searchLogs(client: OpenSearchClient, names: IndexNames, query: LogsQuery): Promise<LogsPage> {
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  if (query.reviewed === false) return unreviewedPage(client, names, query, after);
  const index = query.reviewed === true ? names.reviewed : names.readAlias;
  const hits = await page(client, index, query, query.size + 1, after, query.exact_total ? true : TOTAL_CAP);
  const shown = hits.hits.slice(0, query.size);
  return {
    total: hits.total!,
    records: shown.map(recordOf),
    next_cursor: hits.hits.length > query.size ? encodeCursor(shown.at(-1)!.sort, query.sort) : null,
  };
}

const SKIP_BATCH = 1_000;
/** At most this many records are looked at for one page; a sparse page comes back short, with its cursor. */
const SKIP_SCAN_LIMIT = 50_000;

async function unreviewedPage(
  client: OpenSearchClient,
  names: IndexNames,
  query: LogsQuery,
  start: unknown[] | undefined,
): Promise<LogsPage> {
  const collected: Hit[] = [];
  let after = start;
  let examined = 0;
  let exhausted = false;
  while (collected.length < query.size && examined < SKIP_SCAN_LIMIT) {
    const batch = (await page(client, names.readAlias, query, SKIP_BATCH, after, false)).hits;
    if (batch.length === 0) {
      exhausted = true;
      break;
    }
    const { body } = await client.search({
      index: names.reviewed,
      ignore_unavailable: true,
      body: { size: batch.length, _source: false, query: { ids: { values: batch.map((h) => h._id) } } },
    } as never);
    const reviewed = new Set(
      (body as unknown as { hits: { hits: Array<{ _id: string }> } }).hits.hits.map((h) => h._id),
    );
    let consumed = 0;
    for (const hit of batch) {
      consumed++;
      examined++;
      after = hit.sort;
      if (!reviewed.has(hit._id)) collected.push(hit);
      if (collected.length === query.size) break;
    }
    if (consumed === batch.length && batch.length < SKIP_BATCH) exhausted = true;
  }
  const [all, reviewedCount] = await Promise.all([
    count(client, names.readAlias, query),
    count(client, names.reviewed, query),
  ]);
  return {
    total: { value: all - reviewedCount, relation: 'eq' },
    records: collected.map(recordOf),
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
