import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { timeRangeClause } from '../../opensearch/shared/time-range.ts';

export interface ProducerSelection {
  /** An exact producer id, or a prefix ending with `*` (`crm-sync-*`). Default: every producer. */
  readonly producer?: string;
  /** Inclusive lower bound on a record's `@timestamp` and a checkpoint's `at`. */
  readonly from?: Date;
  /** Exclusive upper bound. */
  readonly to?: Date;
}

/** Lowest and highest seq of a producer's records in the time window. */
export interface SeqSpan {
  readonly min: number;
  readonly max: number;
}

export const selectsProducer = (selection: ProducerSelection, producerId: string) =>
  selection.producer === undefined ||
  (selection.producer.endsWith('*')
    ? producerId.startsWith(selection.producer.slice(0, -1))
    : producerId === selection.producer);

const producerClause = (producer: string) =>
  producer.endsWith('*') ? { prefix: { producer_id: producer.slice(0, -1) } } : { term: { producer_id: producer } };

const queryOf = (clauses: Array<Record<string, unknown> | null>) => {
  const filter = clauses.filter((c) => c !== null);
  return filter.length === 0 ? { match_all: {} } : { bool: { filter } };
};

interface Bucket {
  key: { producer: string };
  min?: { value: number | null };
  max?: { value: number | null };
}

/** Every producer id among the documents `query` matches: a composite aggregation, paged, so none is left out. */
async function* producerBuckets(
  client: OpenSearchClient,
  index: string[],
  query: Record<string, unknown>,
  aggs: Record<string, unknown> = {},
): AsyncGenerator<Bucket> {
  let after: Bucket['key'] | undefined;
  do {
    const { body } = await client.search({
      index,
      allow_no_indices: true,
      ignore_unavailable: true,
      body: {
        size: 0,
        track_total_hits: false,
        query,
        aggs: {
          producers: {
            composite: {
              size: 1_000,
              sources: [{ producer: { terms: { field: 'producer_id' } } }],
              ...(after ? { after } : {}),
            },
            aggs,
          },
        },
      },
    } as never);
    const agg = (body.aggregations as { producers?: { buckets: Bucket[]; after_key?: Bucket['key'] } } | undefined)
      ?.producers;
    const buckets = agg?.buckets ?? [];
    yield* buckets;
    after = buckets.length === 1_000 ? agg?.after_key : undefined;
  } while (after);
}

/** Producers with a record, a dead letter or a checkpoint in the cluster. */
export async function clusterProducers(
  client: OpenSearchClient,
  names: IndexNames,
  selection: ProducerSelection,
): Promise<Set<string>> {
  const ids = new Set<string>();
  const query = queryOf([selection.producer === undefined ? null : producerClause(selection.producer)]);
  for await (const b of producerBuckets(client, [names.readAlias, names.deadLetter, names.checkpoints], query))
    ids.add(b.key.producer);
  return ids;
}

/**
 * What each producer did in the time window: the seq span of its records with `@timestamp` in it,
 * and (span absent) the producers that only wrote a checkpoint in it.
 */
export async function windowActivity(
  client: OpenSearchClient,
  names: IndexNames,
  selection: ProducerSelection,
): Promise<Map<string, SeqSpan | null>> {
  const producer = selection.producer === undefined ? null : producerClause(selection.producer);
  const activity = new Map<string, SeqSpan | null>();
  const records = queryOf([producer, timeRangeClause(selection.from, selection.to)]);
  const span = { min: { min: { field: 'producer_seq' } }, max: { max: { field: 'producer_seq' } } };
  for await (const b of producerBuckets(client, [names.readAlias], records, span)) {
    activity.set(b.key.producer, { min: b.min?.value ?? 0, max: b.max?.value ?? 0 });
  }
  const at = {
    range: {
      at: {
        ...(selection.from ? { gte: selection.from.toISOString() } : {}),
        ...(selection.to ? { lt: selection.to.toISOString() } : {}),
      },
    },
  };
  for await (const b of producerBuckets(client, [names.checkpoints], queryOf([producer, at]))) {
    if (!activity.has(b.key.producer)) activity.set(b.key.producer, null);
  }
  return activity;
}
