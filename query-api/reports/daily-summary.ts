import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { OPERATION_TYPES, STATUSES, type OperationType, type Status } from '../../opensearch/record/vocabulary.ts';
import { searchForReport } from './report-search.ts';
import { localDayBounds } from './local-day.ts';

export interface DailySummary extends OperationFigures {
  readonly date: string;
  readonly time_zone: string;
}

/** What the reports say of the operations of a time range, each counted once in its latest state. */
export interface OperationFigures {
  readonly from: string;
  readonly to: string;
  /** Operations whose latest state falls on the day; each counted once. */
  readonly operations: number;
  readonly by_operation_type: Record<OperationType, number>;
  readonly by_status: Record<Status, number>;
  /** Operations that ended in `error`, by operation type. */
  readonly errors_by_operation_type: Record<OperationType, number>;
  /** Over operations that ended with a duration; percentiles are OpenSearch's t-digest estimates. */
  readonly duration_ms: { readonly avg: number; readonly p95: number; readonly p99: number } | null;
  /** Operations that ended in `error` ÷ operations; 0 on an empty day. */
  readonly error_rate: number;
  /** The 10 most frequent error messages of operations that ended in `error` (messages over 1,024 characters are grouped by fingerprint elsewhere). */
  readonly top_errors: ReadonlyArray<{ readonly message: string; readonly count: number }>;
}

type Buckets = { buckets: Array<{ key: string; doc_count: number }> };
const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The daily summary, from aggregations. An operation that logged several records (`pending`,
 * then its outcome, sharing `operation_id`) counts once, in its latest state: its outcome record,
 * or its `pending` record when no outcome was ever logged. An operation has at most one outcome
 * record (the sync loggers log one per operation id).
 */
export async function dailySummary(client: OpenSearchClient, names: IndexNames, date: string, timeZone: string): Promise<DailySummary> {
  const { from, to } = localDayBounds(date, timeZone);
  return { date, time_zone: timeZone, ...(await operationFigures(client, names, from, to)) };
}

/** The operations of `[from, to)`: each counted once, where its latest record falls. */
export async function operationFigures(client: OpenSearchClient, names: IndexNames, from: Date, to: Date): Promise<OperationFigures> {
  const day = { range: { '@timestamp': { gte: from.toISOString(), lt: to.toISOString() } } };

  // Outcomes on the day: each is its operation's latest record.
  const body = await searchForReport(client, names, {
    size: 0,
    track_total_hits: true,
    query: { bool: { filter: [day, { exists: { field: 'operation_id' } }], must_not: [{ term: { status: 'pending' } }] } },
    aggs: {
      types: { terms: { field: 'operation_type', size: OPERATION_TYPES.length } },
      statuses: { terms: { field: 'status', size: STATUSES.length } },
      duration_avg: { avg: { field: 'duration_ms' } },
      duration_pct: { percentiles: { field: 'duration_ms', percents: [95, 99] } },
      errors: {
        filter: { term: { status: 'error' } },
        aggs: {
          messages: { terms: { field: 'error_message.keyword', size: 10, order: [{ _count: 'desc' }, { _key: 'asc' }] } },
          types: { terms: { field: 'operation_type', size: OPERATION_TYPES.length } },
        },
      },
    },
  });
  const result = body as {
    hits: { total: { value: number } };
    aggregations?: {
      types: Buckets;
      statuses: Buckets;
      duration_avg: { value: number | null };
      duration_pct: { values: Record<string, number | null> };
      errors: { doc_count: number; messages: Buckets; types: Buckets };
    };
  };
  // No log index at all (a new installation) answers without aggregations: an empty day.
  const aggs = result.aggregations ?? {
    types: { buckets: [] },
    statuses: { buckets: [] },
    duration_avg: { value: null },
    duration_pct: { values: {} },
    errors: { doc_count: 0, messages: { buckets: [] }, types: { buckets: [] } },
  };
  const byType = zero(OPERATION_TYPES);
  const byStatus = zero(STATUSES);
  for (const b of aggs.types.buckets) byType[b.key as OperationType] = b.doc_count;
  for (const b of aggs.statuses.buckets) byStatus[b.key as Status] = b.doc_count;
  const errorsByType = zero(OPERATION_TYPES);
  for (const b of aggs.errors.types.buckets) errorsByType[b.key as OperationType] = b.doc_count;

  // Pending records on the day whose operation never logged an outcome: still running, or lost.
  const pendingOnly = await pendingOnlyOperations(client, names, day);
  byStatus.pending = pendingOnly.total;
  for (const [type, n] of Object.entries(pendingOnly.byType)) byType[type as OperationType] += n;

  const operations = result.hits.total.value + pendingOnly.total;
  const p95 = aggs.duration_pct.values['95.0'];
  const p99 = aggs.duration_pct.values['99.0'];
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    operations,
    by_operation_type: byType,
    by_status: byStatus,
    errors_by_operation_type: errorsByType,
    duration_ms: aggs.duration_avg.value === null || p95 == null || p99 == null ? null : { avg: aggs.duration_avg.value, p95, p99 },
    error_rate: operations === 0 ? 0 : aggs.errors.doc_count / operations,
    top_errors: aggs.errors.messages.buckets.map((b) => ({ message: b.key, count: b.doc_count })),
  };
}

/** Pages through the day's pending records by operation id and keeps those with no outcome record anywhere. */
async function pendingOnlyOperations(client: OpenSearchClient, names: IndexNames, day: Record<string, unknown>): Promise<{ total: number; byType: Partial<Record<OperationType, number>> }> {
  const byType: Partial<Record<OperationType, number>> = {};
  let total = 0;
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const body = await searchForReport(client, names, {
      size: 0,
      query: { bool: { filter: [day, { term: { status: 'pending' } }, { exists: { field: 'operation_id' } }] } },
      aggs: { ops: { composite: { size: 5_000, sources: [{ id: { terms: { field: 'operation_id' } } }, { type: { terms: { field: 'operation_type', missing_bucket: true } } }], ...(after ? { after } : {}) } } },
    });
    const ops = (body as { aggregations?: { ops: { buckets: Array<{ key: { id: string; type: OperationType | null } }>; after_key?: Record<string, unknown> } } }).aggregations?.ops;
    if (!ops || ops.buckets.length === 0) break;
    const ids = ops.buckets.map((b) => b.key.id);
    const outcomes = await searchForReport(client, names, {
      size: 0,
      query: { bool: { filter: [{ terms: { operation_id: ids } }], must_not: [{ term: { status: 'pending' } }] } },
      aggs: { ids: { terms: { field: 'operation_id', size: ids.length } } },
    });
    const ended = new Set((outcomes as { aggregations: { ids: Buckets } }).aggregations.ids.buckets.map((b) => b.key));
    for (const { key } of ops.buckets) {
      if (ended.has(key.id)) continue;
      total++;
      if (key.type) byType[key.type] = (byType[key.type] ?? 0) + 1;
    }
    if (!ops.after_key || ops.buckets.length < 5_000) break;
    after = ops.after_key;
  }
  return { total, byType };
}
