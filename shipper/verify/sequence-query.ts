import { timeRangeClause } from '../../opensearch/shared/time-range.ts';

export interface SequenceFilter {
  /** An exact producer id, or a prefix ending with `*` (`crm-sync-*`). Default: every producer. */
  readonly producer?: string;
  /** Inclusive lower bound on `@timestamp`. */
  readonly from?: Date;
  /** Exclusive upper bound on `@timestamp`. */
  readonly to?: Date;
}

/** The query selecting the records whose sequences are checked. */
export function sequenceQuery(filter: SequenceFilter): Record<string, unknown> {
  const clauses: Array<Record<string, unknown>> = [];
  const { producer } = filter;
  if (producer !== undefined) {
    clauses.push(
      producer.endsWith('*') ? { prefix: { producer_id: producer.slice(0, -1) } } : { term: { producer_id: producer } },
    );
  }
  const range = timeRangeClause(filter.from, filter.to);
  if (range) clauses.push(range);
  return clauses.length === 0 ? { match_all: {} } : { bool: { filter: clauses } };
}
