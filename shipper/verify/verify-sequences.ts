import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { createSequenceTracker, type ProducerSequence } from './sequence-tracker.ts';
import { sequenceQuery, type SequenceFilter } from './sequence-query.ts';

export type { ProducerSequence, SequenceGap, SequenceRepeat } from './sequence-tracker.ts';
export type { SequenceFilter } from './sequence-query.ts';

export interface SequenceTotals {
  readonly producers: number;
  readonly records: number;
  /** Sequence numbers missing inside the producers' [first, last] ranges. */
  readonly missing: number;
  /** Extra copies: a seq stored three times counts 2. */
  readonly duplicates: number;
  /** Seqs kept as dead letters instead (see `synclog dead-letter`). */
  readonly deadLettered: number;
}

export interface SequenceReport {
  readonly producers: readonly ProducerSequence[];
  readonly totals: SequenceTotals;
  /** No gaps and no repeats for any producer. */
  readonly clean: boolean;
}

export interface VerifyOptions extends SequenceFilter {
  /** Buckets per composite page. Default 10 000. */
  readonly pageSize?: number;
  /** Entries kept in each producer's `gaps` and `repeats` lists. Default 1 000. */
  readonly maxListed?: number;
}

interface CompositeBucket {
  key: { producer: string; seq: number };
  doc_count: number;
  stored: { doc_count: number };
}

/**
 * Delivery's own check, without keys: `synclog verify` goes further (`verifyIntegrity`: hashes,
 * links and signed checkpoints). Checks every producer's `producer_seq` for gaps and repeats, exactly: a composite aggregation
 * over (`producer_id`, `producer_seq`) is paged with `after_key`, so each (producer, seq) pair is
 * seen once, in order, whatever the volume (`cardinality` would only estimate). Memory stays
 * constant per producer apart from the `gaps`/`repeats` lists, capped at `maxListed` (default
 * 1 000) with a `truncated` flag; `missing` and `duplicates` stay exact beyond the cap.
 *
 * `producer_seq` restarts at 0 for each producer id. A time window (`from` inclusive, `to`
 * exclusive, on `@timestamp`) can cut a producer's sequence at either end, so gaps are reported
 * only between the first and last seq seen in the window, never before `first` or after `last`.
 */
export async function verifySequences(
  client: OpenSearchClient,
  names: IndexNames,
  options: VerifyOptions = {},
): Promise<SequenceReport> {
  const pageSize = options.pageSize ?? 10_000;
  const tracker = createSequenceTracker(options.maxListed ?? 1_000);
  const producers: ProducerSequence[] = [];
  let after: CompositeBucket['key'] | undefined;
  do {
    const { body } = await client.search({
      // Dead letters carry the producer and seq of the record they keep: a refused record is
      // accounted for, not missing.
      index: [names.readAlias, names.deadLetter],
      allow_no_indices: true,
      ignore_unavailable: true,
      body: {
        size: 0,
        track_total_hits: false,
        query: sequenceQuery(options),
        aggs: {
          sequences: {
            composite: {
              size: pageSize,
              sources: [
                { producer: { terms: { field: 'producer_id' } } },
                { seq: { terms: { field: 'producer_seq' } } },
              ],
              ...(after ? { after } : {}),
            },
            aggs: { stored: { filter: { prefix: { _index: names.logsPattern.slice(0, -1) } } } },
          },
        },
      },
    } as never);
    const aggregation = (
      body.aggregations as
        { sequences?: { buckets: CompositeBucket[]; after_key?: CompositeBucket['key'] } } | undefined
    )?.sequences;
    const buckets = aggregation?.buckets ?? [];
    for (const bucket of buckets) {
      const finished = tracker.add(
        bucket.key.producer,
        bucket.key.seq,
        bucket.stored.doc_count,
        bucket.doc_count - bucket.stored.doc_count,
      );
      if (finished) producers.push(finished);
    }
    // An empty page, or one shorter than asked, is the last one.
    after = buckets.length === pageSize ? aggregation?.after_key : undefined;
  } while (after);
  const last = tracker.finish();
  if (last) producers.push(last);
  return summarise(producers);
}

function summarise(producers: ProducerSequence[]): SequenceReport {
  const totals = producers.reduce(
    (sum, p) => ({
      producers: sum.producers + 1,
      records: sum.records + p.records,
      missing: sum.missing + p.missing,
      duplicates: sum.duplicates + p.duplicates,
      deadLettered: sum.deadLettered + p.deadLettered,
    }),
    { producers: 0, records: 0, missing: 0, duplicates: 0, deadLettered: 0 },
  );
  return { producers, totals, clean: totals.missing === 0 && totals.duplicates === 0 };
}
