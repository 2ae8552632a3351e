import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { HttpGetter } from './http-get.ts';
import type { ListPath } from './list-latency.ts';
import { LIST_SEARCH_PARAMS, listSearchBody } from './list-search.ts';
import type { TemperedIndex } from './hot-cold-placement.ts';
import { sameRecords } from './same-records.ts';

/** The list benchmark's typical queries without its own month range: each scope adds its range. */
export const SCOPE_QUERIES = [
  'status=error',
  'operation_type=import_from_1c&status=error,warning',
  'customer_role=dealer',
  'q=timeout',
] as const;

export const SCOPES = ['hot', 'cold', 'both'] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = {
  hot: 'hot-only months',
  cold: 'cold-only months',
  both: 'all months (hot + cold)',
};

export interface ScopeRange {
  /** Inclusive, as `from` takes it. */
  readonly from: Date;
  /** Exclusive, as `to` takes it. */
  readonly to: Date;
  /** The indices whose records the range covers. */
  readonly indices: ReadonlySet<string>;
}

const span = (indices: readonly TemperedIndex[]): ScopeRange => ({
  from: new Date(Math.min(...indices.map((i) => i.period.start.getTime()))),
  to: new Date(Math.max(...indices.map((i) => i.period.end.getTime()))),
  indices: new Set(indices.map((i) => i.index)),
});

/** Each scope's time range: exactly the periods of its indices, so `both` is the whole data set. */
export function scopeRanges(cold: readonly TemperedIndex[], hot: readonly TemperedIndex[]): Record<Scope, ScopeRange> {
  return { hot: span(hot), cold: span(cold), both: span([...cold, ...hot]) };
}

/** `query` limited to the scope's range. */
export const scoped = (query: string, range: ScopeRange) =>
  `${query}&${new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() })}`;

const bareSearch = async (client: OpenSearchClient, index: string, query: string) =>
  (await client.search({ index, ...LIST_SEARCH_PARAMS, body: listSearchBody(query) } as never)).body as unknown;

/** The six timed paths: the service and the bare client, in each scope. */
export function scopePaths(
  client: OpenSearchClient,
  index: string,
  api: HttpGetter,
  ranges: Record<Scope, ScopeRange>,
): Record<`${Scope} ${'service' | 'bare'}`, ListPath> {
  const paths = {} as Record<`${Scope} ${'service' | 'bare'}`, ListPath>;
  for (const scope of SCOPES) {
    paths[`${scope} service`] = (query) => api.get(`/logs?${scoped(query, ranges[scope])}`);
    paths[`${scope} bare`] = async (query) => void (await bareSearch(client, index, scoped(query, ranges[scope])));
  }
  return paths;
}

/**
 * Before timing: in every scope, every query finds records, the service returns the bare client's
 * hits in the same order, and every hit comes from one of the scope's indices (so a hot-only
 * search really reads hot data). Returns, per scope, the shards the searches went to and how many
 * of them OpenSearch's pre-filter skipped without searching (`_shards.total`, `.skipped`).
 */
export async function checkScopes(
  client: OpenSearchClient,
  index: string,
  api: HttpGetter,
  ranges: Record<Scope, ScopeRange>,
): Promise<Record<Scope, string>> {
  const shards = { hot: new Set<string>(), cold: new Set<string>(), both: new Set<string>() };
  for (const scope of SCOPES) {
    for (const query of SCOPE_QUERIES) {
      const q = scoped(query, ranges[scope]);
      const bare = (await bareSearch(client, index, q)) as {
        _shards: { total: number; skipped?: number };
        hits: { hits: Array<{ _index: string }> };
      };
      shards[scope].add(`${bare._shards.total} (${bare._shards.skipped ?? 0} skipped)`);
      sameRecords(q, await api.json(`/logs?${q}`), bare);
      const found = bare.hits.hits;
      if (found.length === 0) throw new Error(`"${q}" found nothing: the scope would time an empty search`);
      const stray = found.find((h) => !ranges[scope].indices.has(h._index));
      if (stray) throw new Error(`"${q}" (${scope}) returned a record of ${stray._index}`);
    }
  }
  const summary = (scope: Scope) => [...shards[scope]].join(' or ');
  return { hot: summary('hot'), cold: summary('cold'), both: summary('both') };
}
