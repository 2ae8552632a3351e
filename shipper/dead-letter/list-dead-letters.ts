import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import {
  deadLetterQuery,
  toStoredDeadLetter,
  type DeadLetterFilter,
  type StoredDeadLetter,
} from './dead-letter-filter.ts';

export interface ListDeadLettersOptions extends DeadLetterFilter {
  /** Most dead letters returned. Default 20. */
  readonly limit?: number;
}

export interface DeadLetterList {
  /** Every dead letter matching the filter, beyond `limit` too. */
  readonly total: number;
  /** Newest first. */
  readonly deadLetters: readonly StoredDeadLetter[];
}

/** The newest dead letters matching the filter; an absent dead-letter index lists nothing. */
export async function listDeadLetters(
  client: OpenSearchClient,
  names: IndexNames,
  options: ListDeadLettersOptions = {},
): Promise<DeadLetterList> {
  const { body } = await client.search({
    index: names.deadLetter,
    ignore_unavailable: true,
    body: {
      size: options.limit ?? 20,
      track_total_hits: true,
      query: deadLetterQuery(options),
      sort: [{ '@timestamp': { order: 'desc' } }],
    },
  } as never);
  const hits = body.hits as { total?: { value: number } | number; hits: Array<{ _id: string; _source: unknown }> };
  const total = typeof hits.total === 'number' ? hits.total : (hits.total?.value ?? hits.hits.length);
  return { total, deadLetters: hits.hits.map(toStoredDeadLetter) };
}
