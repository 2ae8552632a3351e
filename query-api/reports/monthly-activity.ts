import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { operationRecord } from '../../opensearch/query/operation-clauses.ts';
import { operationFigures } from './operation-figures.ts';
import { localDayBounds } from './local-day.ts';
import { searchForReport } from './report-search.ts';

export interface MonthlyActivity {
  readonly month: string;
  readonly time_zone: string;
  readonly from: string;
  readonly to: string;
  /** Customers with at least one operation in the month. */
  readonly active_customers: number;
  /** Of those, the ones never seen before the month, and the ones seen before. */
  readonly new_customers: number;
  readonly returning_customers: number;
  /** Operations per customer, most first (each operation once; exact up to 1,000 a customer). */
  readonly top_customers: ReadonlyArray<{ readonly customer_id: string; readonly operations: number }>;
  /** Operations of the story's `import_from_1c` and `export_to_1c` types. */
  readonly imports: number;
  readonly exports: number;
  /** Operation records of the month stored with a refused value. */
  readonly flagged: number;
  /** Customers with two or more operations that ended in `error` in the month, most first. */
  readonly repeated_failures: ReadonlyArray<{ readonly customer_id: string; readonly errors: number }>;
}

type Range = { range: { '@timestamp': { gte?: string; lt: string } } };

/** The monthly customer activity report (`YYYY-MM`, local calendar month in `timeZone`), from aggregations. */
export async function monthlyActivity(
  client: OpenSearchClient,
  names: IndexNames,
  month: string,
  timeZone: string,
  topN = 10,
): Promise<MonthlyActivity> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const from = localDayBounds(`${month}-01`, timeZone).from;
  const to = localDayBounds(`${next}-01`, timeZone).from;
  const inMonth: Range = { range: { '@timestamp': { gte: from.toISOString(), lt: to.toISOString() } } };
  const search = async (body: Record<string, unknown>) =>
    (await searchForReport(client, names, { size: 0, ...body })) as { aggregations?: Record<string, unknown> };

  const figures = await operationFigures(client, names, from, to);
  const { aggregations } = await search({
    query: { bool: { filter: [inMonth, operationRecord] } },
    aggs: {
      top: {
        terms: { field: 'customer.id', size: topN, order: [{ operations: 'desc' }, { _key: 'asc' }] },
        aggs: { operations: { cardinality: { field: 'operation_key', precision_threshold: 1_000 } } },
      },
      failures: {
        filter: { term: { status: 'error' } },
        aggs: {
          customers: {
            terms: {
              field: 'customer.id',
              size: 1_000,
              min_doc_count: 2,
              order: [{ _count: 'desc' }, { _key: 'asc' }],
            },
          },
        },
      },
    },
  });
  const aggs = aggregations as
    | {
        top: { buckets: Array<{ key: string; operations: { value: number } }> };
        failures: { customers: { buckets: Array<{ key: string; doc_count: number }> } };
      }
    | undefined;

  // Every active customer, page by page, checked against the time before the month.
  let active = 0;
  let returning = 0;
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const page = (
      await search({
        query: { bool: { filter: [inMonth, operationRecord] } },
        aggs: {
          customers: {
            composite: {
              size: 5_000,
              sources: [{ id: { terms: { field: 'customer.id' } } }],
              ...(after ? { after } : {}),
            },
          },
        },
      })
    ).aggregations as
      { customers: { buckets: Array<{ key: { id: string } }>; after_key?: Record<string, unknown> } } | undefined;
    const ids = page?.customers.buckets.map((b) => b.key.id) ?? [];
    if (ids.length === 0) break;
    active += ids.length;
    const before = (
      await search({
        query: {
          bool: {
            filter: [{ range: { '@timestamp': { lt: from.toISOString() } } }, { terms: { 'customer.id': ids } }],
          },
        },
        aggs: { seen: { terms: { field: 'customer.id', size: ids.length } } },
      })
    ).aggregations as { seen: { buckets: unknown[] } } | undefined;
    returning += before?.seen.buckets.length ?? 0;
    if (!page!.customers.after_key || ids.length < 5_000) break;
    after = page!.customers.after_key;
  }

  return {
    month,
    time_zone: timeZone,
    from: from.toISOString(),
    to: to.toISOString(),
    active_customers: active,
    new_customers: active - returning,
    returning_customers: returning,
    top_customers: (aggs?.top.buckets ?? []).map((b) => ({ customer_id: b.key, operations: b.operations.value })),
    imports: figures.by_operation_type.import_from_1c,
    exports: figures.by_operation_type.export_to_1c,
    flagged: figures.flagged,
    repeated_failures: (aggs?.failures.customers.buckets ?? []).map((b) => ({
      customer_id: b.key,
      errors: b.doc_count,
    })),
  };
}
