import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { logsQuerySchema } from '../../query-api/logs/logs-query-schema.ts';
import { logsFilter } from '../../query-api/logs/logs-filter.ts';

/** Four typical list queries: a status, type and status lists, a role with a month's range, a free-text word. */
export const LIST_QUERIES = [
  'status=error',
  'operation_type=import_from_1c&status=error,warning',
  'customer_role=dealer&from=2026-01-10&to=2026-02-10',
  'q=timeout',
] as const;

/**
 * The search `GET /logs?<query>` sends for the first page in the default sort (newest first),
 * built from the service's own schema and filter, so the bare client and the proxy ask for
 * exactly what the service asks for.
 */
export function listSearchBody(query: string): Record<string, unknown> {
  const parsed = logsQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
  return {
    size: parsed.size + 1,
    query: logsFilter(parsed),
    sort: [{ '@timestamp': { order: 'desc', missing: '_first' } }, { event_id: { order: 'desc' } }],
    track_total_hits: 10_000,
  };
}

/** The service's search parameters besides the body. */
export const LIST_SEARCH_PARAMS = { ignore_unavailable: true, allow_no_indices: true } as const;

/** The path and query string of the service's list search, for a plain HTTP request. */
export const listSearchPath = (index: string) =>
  `/${index}/_search?${new URLSearchParams({ ignore_unavailable: 'true', allow_no_indices: 'true' })}`;

/** The list search issued by the bare OpenSearch client. */
export async function bareListSearch(client: OpenSearchClient, index: string, query: string): Promise<void> {
  await client.search({ index, ...LIST_SEARCH_PARAMS, body: listSearchBody(query) } as never);
}
