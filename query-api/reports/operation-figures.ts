import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { exactPercentiles } from '../../opensearch/query/exact-percentiles.ts';
import { flaggedRecord, operationRecord, outcomeRecord } from '../../opensearch/query/operation-clauses.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { OPERATION_TYPES, STATUSES, type OperationType, type Status } from '../../opensearch/record/vocabulary.ts';
import { pendingOnlyOperations } from './pending-operations.ts';
import { searchForReport } from './report-search.ts';

/** Counts by code: the story's codes always present (zero when unseen), then every other code seen. */
export type OpenCounts<K extends string> = Readonly<Record<K, number>> & Readonly<Record<string, number>>;

/** What the reports say of the operations of a time range, each counted once in its latest state. */
export interface OperationFigures {
  readonly from: string;
  readonly to: string;
  /** Operations whose latest state falls in the range; each counted once. */
  readonly operations: number;
  readonly by_operation_type: OpenCounts<OperationType>;
  /** By logged status; an operation whose status the vocabulary refused is counted in `flagged`, not here. */
  readonly by_status: OpenCounts<Status>;
  /** Operations that ended in `error`, by operation type. */
  readonly errors_by_operation_type: OpenCounts<OperationType>;
  /** Operation records of the range stored with a refused value (`validation_issues`): those values are in no figure. */
  readonly flagged: number;
  /** Over operations that ended with a duration; p95 and p99 within max(1 %, 1 ms) of the nearest-rank value. */
  readonly duration_ms: { readonly avg: number; readonly p95: number; readonly p99: number } | null;
  /** Operations that ended in `error` ÷ operations; 0 on an empty range. */
  readonly error_rate: number;
  /** The 10 most frequent error messages of operations that ended in `error` (messages over 1,024 characters are grouped by fingerprint elsewhere). */
  readonly top_errors: ReadonlyArray<{ readonly message: string; readonly count: number }>;
}

/** Distinct codes read per vocabulary: far more than any application declares. */
export const VOCABULARY_TERMS = 200;

type Buckets = { buckets: Array<{ key: string; doc_count: number }> };
const codes = (field: string) => ({
  terms: { field, size: VOCABULARY_TERMS, order: [{ _count: 'desc' }, { _key: 'asc' }] },
});

/** The story's codes at zero, plus the counts of every source, added up by code. */
export function openCounts<K extends string>(
  story: readonly K[],
  ...sources: ReadonlyArray<ReadonlyArray<readonly [string, number]>>
): OpenCounts<K> {
  const counts: Record<string, number> = Object.fromEntries(story.map((k) => [k, 0]));
  for (const source of sources) for (const [key, n] of source) counts[key] = (counts[key] ?? 0) + n;
  return counts as OpenCounts<K>;
}
const entries = (b: Buckets) => b.buckets.map((x) => [x.key, x.doc_count] as const);

/**
 * The operations of `[from, to)`, from aggregations. An operation that logged several records
 * (`pending`, then its outcome, sharing `operation_key`) counts once, in its latest state: its
 * outcome record, or its `pending` record when no outcome was ever logged. An operation has at
 * most one outcome record (the sync loggers log one per operation id).
 */
export async function operationFigures(
  client: OpenSearchClient,
  names: IndexNames,
  from: Date,
  to: Date,
): Promise<OperationFigures> {
  const range = { range: { '@timestamp': { gte: from.toISOString(), lt: to.toISOString() } } };
  const search = (body: Record<string, unknown>) => searchForReport(client, names, body);

  const body = await search({
    size: 0,
    query: { bool: { filter: [range, operationRecord] } },
    aggs: {
      flagged: { filter: flaggedRecord },
      // Outcomes in the range: each is its operation's latest record.
      outcomes: {
        filter: outcomeRecord,
        aggs: {
          types: codes('operation_type'),
          statuses: codes('status'),
          duration_avg: { avg: { field: 'duration_ms' } },
          errors: {
            filter: { term: { status: 'error' } },
            aggs: {
              messages: {
                terms: { field: 'error_message.keyword', size: 10, order: [{ _count: 'desc' }, { _key: 'asc' }] },
              },
              types: codes('operation_type'),
            },
          },
        },
      },
    },
  });
  type Outcomes = {
    doc_count: number;
    types: Buckets;
    statuses: Buckets;
    duration_avg: { value: number | null };
    errors: { doc_count: number; messages: Buckets; types: Buckets };
  };
  const aggs = (body as { aggregations?: { flagged: { doc_count: number }; outcomes: Outcomes } }).aggregations;
  // No log index at all (a new installation) answers without aggregations: an empty range.
  const empty: Buckets = { buckets: [] };
  const outcomes: Outcomes = aggs?.outcomes ?? {
    doc_count: 0,
    types: empty,
    statuses: empty,
    duration_avg: { value: null },
    errors: { doc_count: 0, messages: empty, types: empty },
  };

  // Pending records in the range whose operation never logged an outcome: still running, or lost.
  const [pendingOnly, percentiles] = await Promise.all([
    pendingOnlyOperations(search, range),
    exactPercentiles(search, {
      query: { bool: { filter: [range, outcomeRecord] } },
      field: 'duration_ms',
      percents: [95, 99],
    }),
  ]);

  const operations = outcomes.doc_count + pendingOnly.total;
  const avg = outcomes.duration_avg.value;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    operations,
    by_operation_type: openCounts(OPERATION_TYPES, entries(outcomes.types), [...pendingOnly.byType]),
    by_status: openCounts(STATUSES, entries(outcomes.statuses), [['pending', pendingOnly.total]]),
    errors_by_operation_type: openCounts(OPERATION_TYPES, entries(outcomes.errors.types)),
    flagged: aggs?.flagged.doc_count ?? 0,
    duration_ms:
      avg === null || percentiles === null ? null : { avg, p95: percentiles.values[0]!, p99: percentiles.values[1]! },
    error_rate: operations === 0 ? 0 : outcomes.errors.doc_count / operations,
    top_errors: outcomes.errors.messages.buckets.map((b) => ({ message: b.key, count: b.doc_count })),
  };
}
