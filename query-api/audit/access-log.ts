import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { Caller } from '../auth/api-tokens.ts';
import type { AccessLogWriter } from './access-log-writer.ts';

/** One access: who read what, with which filters, and how many records it returned. Append-only. */
export interface AccessEntry {
  readonly at: string;
  readonly who: string;
  readonly role: string;
  readonly method: string;
  /** The route template (`/logs/:id`), and the record id for detail views. */
  readonly route: string;
  readonly record_id?: string;
  readonly filters: Record<string, unknown>;
  readonly row_count: number;
}

/**
 * Records an access before its answer is sent (to the write-ahead log, or to OpenSearch without
 * one): a search, detail view or export that cannot be recorded fails (503) rather than go unrecorded.
 */
export async function recordAccess(
  writer: AccessLogWriter,
  access: {
    caller: Caller;
    method: string;
    route: string;
    filters: Record<string, unknown>;
    rowCount: number;
    recordId?: string;
  },
): Promise<void> {
  const entry: AccessEntry = {
    at: new Date().toISOString(),
    who: access.caller.id,
    role: access.caller.role,
    method: access.method,
    route: access.route,
    ...(access.recordId ? { record_id: access.recordId } : {}),
    filters: access.filters,
    row_count: access.rowCount,
  };
  await writer.write(entry);
}

/** Newest accesses first, optionally of one caller or route, in a time range. */
export async function readAccessLog(
  client: OpenSearchClient,
  names: IndexNames,
  query: {
    who?: string | undefined;
    route?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    size: number;
  },
): Promise<AccessEntry[]> {
  const filter: unknown[] = [];
  if (query.who) filter.push({ term: { who: query.who } });
  if (query.route) filter.push({ term: { route: query.route } });
  if (query.from || query.to)
    filter.push({
      range: {
        at: {
          ...(query.from ? { gte: query.from.toISOString() } : {}),
          ...(query.to ? { lt: query.to.toISOString() } : {}),
        },
      },
    });
  const { body } = await client.search({
    index: names.accessLog,
    body: { size: query.size, query: { bool: { filter } }, sort: [{ at: 'desc' }] },
  } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: AccessEntry }> } }).hits.hits.map((hit) => hit._source);
}
