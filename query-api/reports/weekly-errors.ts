import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { outcomeRecord } from '../../opensearch/query/operation-clauses.ts';
import type { OperationType } from '../../opensearch/record/vocabulary.ts';
import { operationFigures, type OpenCounts } from './operation-figures.ts';
import { searchForReport } from './report-search.ts';
import { localDayBounds } from './local-day.ts';

export interface WeekErrors {
  readonly start: string;
  readonly time_zone: string;
  readonly from: string;
  readonly to: string;
  readonly errors: number;
  readonly operations: number;
  readonly error_rate: number;
  /** Errors by operation type: the story's types always, then every other type seen. */
  readonly by_operation_type: OpenCounts<OperationType>;
  /** Operation records of the week stored with a refused value. */
  readonly flagged: number;
  /** Local calendar days, in order, each with its errors. */
  readonly by_day: ReadonlyArray<{ readonly date: string; readonly errors: number }>;
  /** The most common errors, grouped by fingerprint (messages that differ only in ids and numbers are one). */
  readonly top_fingerprints: ReadonlyArray<{
    readonly fingerprint: string;
    readonly count: number;
    readonly example: string;
  }>;
  /** Distinct customers with at least one failed operation (exact up to 40,000). */
  readonly affected_customers: number;
}

export interface WeeklyErrorReport extends WeekErrors {
  readonly previous: WeekErrors;
  readonly change: { readonly errors: number; readonly error_rate: number; readonly affected_customers: number };
}

const DAY_MS = 86_400_000;
const dayAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The weekly error analysis of the 7 local days from `start`, with the week before for comparison.
 * Errors are outcome records with status `error` (an operation's error is always its latest state);
 * operations are counted as in the daily summary, once each, over the whole week.
 */
export async function weeklyErrorReport(
  client: OpenSearchClient,
  names: IndexNames,
  start: string,
  timeZone: string,
): Promise<WeeklyErrorReport> {
  const [week, previous] = await Promise.all([
    weekErrors(client, names, start, timeZone),
    weekErrors(client, names, dayAfter(start, -7), timeZone),
  ]);
  return {
    ...week,
    previous,
    change: {
      errors: week.errors - previous.errors,
      error_rate: week.error_rate - previous.error_rate,
      affected_customers: week.affected_customers - previous.affected_customers,
    },
  };
}

async function weekErrors(
  client: OpenSearchClient,
  names: IndexNames,
  start: string,
  timeZone: string,
): Promise<WeekErrors> {
  const days = Array.from({ length: 7 }, (_, i) => dayAfter(start, i));
  const from = localDayBounds(days[0]!, timeZone).from;
  const to = localDayBounds(days[6]!, timeZone).to;
  // Operations once each and errors in their latest state, as the daily summary counts them.
  const figuresOfWeek = operationFigures(client, names, from, to);
  const body = await searchForReport(client, names, {
    size: 0,
    query: {
      bool: {
        filter: [
          { range: { '@timestamp': { gte: from.toISOString(), lt: to.toISOString() } } },
          outcomeRecord,
          { term: { status: 'error' } },
        ],
      },
    },
    aggs: {
      days: {
        date_histogram: {
          field: '@timestamp',
          calendar_interval: 'day',
          time_zone: timeZone,
          format: 'yyyy-MM-dd',
          min_doc_count: 0,
        },
      },
      fingerprints: {
        terms: { field: 'error_fingerprint', size: 10, order: [{ _count: 'desc' }, { _key: 'asc' }] },
        aggs: { example: { top_hits: { size: 1, _source: ['error_message'] } } },
      },
      customers: { cardinality: { field: 'customer.id', precision_threshold: 40_000 } },
    },
  });
  const aggs = (
    body as {
      aggregations?: {
        days: { buckets: Array<{ key_as_string: string; doc_count: number }> };
        fingerprints: {
          buckets: Array<{
            key: string;
            doc_count: number;
            example: { hits: { hits: Array<{ _source: { error_message?: string } }> } };
          }>;
        };
        customers: { value: number };
      };
    }
  ).aggregations;
  const figures = await figuresOfWeek;
  const perDay = new Map((aggs?.days.buckets ?? []).map((b) => [b.key_as_string, b.doc_count]));
  const errors = figures.by_status.error;
  return {
    start,
    time_zone: timeZone,
    from: from.toISOString(),
    to: to.toISOString(),
    errors,
    operations: figures.operations,
    error_rate: figures.error_rate,
    by_operation_type: figures.errors_by_operation_type,
    flagged: figures.flagged,
    by_day: days.map((date) => ({ date, errors: perDay.get(date) ?? 0 })),
    top_fingerprints: (aggs?.fingerprints.buckets ?? []).map((b) => ({
      fingerprint: b.key,
      count: b.doc_count,
      example: b.example.hits.hits[0]?._source.error_message ?? '',
    })),
    affected_customers: aggs?.customers.value ?? 0,
  };
}
