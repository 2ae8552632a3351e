import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { timeRangeClause } from '../../opensearch/shared/time-range.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { LogsFilterQuery, LogsQuery } from './logs-query-schema.ts';

export interface LogsPage {
  readonly total: { readonly value: number; readonly relation: 'eq' | 'gte' };
  readonly records: readonly SyncLogRecord[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  readonly next_cursor: string | null;
}

const TOTAL_CAP = 10_000;

/** The bool query of a `GET /logs` request: filters as terms and a range, free text only through `match`/`term`. */
export function logsFilter(query: LogsFilterQuery): Record<string, unknown> {
  const filter: unknown[] = [];
  if (query.operation_type) filter.push({ terms: { operation_type: query.operation_type } });
  if (query.status) filter.push({ terms: { status: query.status } });
  if (query.customer_role) filter.push({ terms: { 'customer.role': query.customer_role } });
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

/** One page of matching records, newest first by default, paged with `search_after` (never a deep `from`). */
export async function searchLogs(client: OpenSearchClient, names: IndexNames, query: LogsQuery): Promise<LogsPage> {
  const [field, order] = query.sort.split(':') as [string, 'asc' | 'desc'];
  // event_id is unique: the tie-breaker that makes every page boundary exact.
  const sort = [{ [field]: { order, missing: order === 'asc' ? '_last' : '_first' } }, ...(field === '@timestamp' ? [] : [{ '@timestamp': { order: 'desc' } }]), { event_id: { order } }];
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const { body } = await client.search({
    index: names.readAlias,
    ignore_unavailable: true,
    allow_no_indices: true,
    body: {
      size: query.size + 1,
      query: logsFilter(query),
      sort,
      track_total_hits: query.exact_total ? true : TOTAL_CAP,
      ...(after ? { search_after: after } : {}),
    },
  } as never);
  const result = body as unknown as { hits: { total: { value: number; relation: 'eq' | 'gte' }; hits: Array<{ _source: SyncLogRecord; sort: unknown[] }> } };
  const hits = result.hits.hits;
  const page = hits.slice(0, query.size);
  const more = hits.length > query.size;
  return {
    total: result.hits.total,
    records: page.map((hit) => hit._source),
    next_cursor: more ? encodeCursor(page.at(-1)!.sort, query.sort) : null,
  };
}

/** One record by its event id, or `null`. */
export async function logById(client: OpenSearchClient, names: IndexNames, eventId: string): Promise<SyncLogRecord | null> {
  const { body } = await client.search({ index: names.readAlias, ignore_unavailable: true, allow_no_indices: true, body: { size: 1, query: { ids: { values: [eventId] } } } } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: SyncLogRecord }> } }).hits.hits[0]?._source ?? null;
}
