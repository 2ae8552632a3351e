import type { DeadLetter, DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import { timeRangeClause } from '../../opensearch/shared/time-range.ts';

export interface DeadLetterFilter {
  /** `validation` or an OpenSearch error type such as `mapper_parsing_exception`. */
  readonly errorType?: string;
  /** The closed reason code (`read_only`, `mapping`, …). */
  readonly reasonCode?: DeadLetterReason | undefined;
  /** Inclusive lower bound on the dead letter's `@timestamp` (when it was rejected). */
  readonly from?: Date;
  /** Exclusive upper bound on the dead letter's `@timestamp`. */
  readonly to?: Date;
}

/** A dead letter as stored, with its document id (the handle `show` and `replay --id` take). */
export interface StoredDeadLetter {
  readonly id: string;
  readonly deadLetter: DeadLetter;
}

/** The filter clauses selecting dead letters; `extra` clauses are added as they are. */
export function deadLetterQuery(
  filter: DeadLetterFilter,
  extra: ReadonlyArray<Record<string, unknown>> = [],
): Record<string, unknown> {
  const clauses: Array<Record<string, unknown>> = [...extra];
  if (filter.errorType !== undefined) clauses.push({ term: { error_type: filter.errorType } });
  if (filter.reasonCode !== undefined) clauses.push({ term: { reason_code: filter.reasonCode } });
  const range = timeRangeClause(filter.from, filter.to);
  if (range) clauses.push(range);
  return clauses.length === 0 ? { match_all: {} } : { bool: { filter: clauses } };
}

export const toStoredDeadLetter = (hit: { _id: string; _source: unknown }): StoredDeadLetter => ({
  id: hit._id,
  deadLetter: hit._source as DeadLetter,
});
