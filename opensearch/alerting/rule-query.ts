import { outcomeRecord } from '../query/operation-clauses.ts';
import type { AlertRule } from './alert-rules.ts';

/** A time range of a rule's window: ISO strings for the built-in evaluator, mustache for monitors. */
export type WindowRange = { readonly gte: string; readonly lt: string; readonly format?: string };

/** What a critical-records rule matches: level critical, one of its categories, or one of its phrases. */
export function criticalClauses(rule: Extract<AlertRule, { kind: 'critical_records' }>): object[] {
  return [
    { term: { level: 'critical' } },
    ...(rule.categories.length > 0 ? [{ terms: { category: rule.categories } }] : []),
    ...rule.patterns.map((phrase) => ({ match_phrase: { error_message: phrase } })),
  ];
}

/**
 * The search a rule runs over its window: the same body for the built-in evaluator and, with a
 * mustache range, for an Alerting monitor. User text only ever appears as a term or phrase value.
 */
export function ruleQueryBody(rule: AlertRule, range: WindowRange): Record<string, unknown> {
  const window = { range: { '@timestamp': range } };
  switch (rule.kind) {
    case 'error_rate':
      return {
        size: 0,
        track_total_hits: true,
        query: { bool: { filter: [window, outcomeRecord] } },
        aggs: { errors: { filter: { term: { status: 'error' } } } },
      };
    case 'error_burst':
      return {
        size: 0,
        query: { bool: { filter: [window, { term: { status: 'error' } }] } },
        aggs: {
          by_type: {
            terms: {
              field: 'operation_type',
              size: 50,
              min_doc_count: rule.threshold,
              order: [{ _count: 'desc' }, { _key: 'asc' }],
            },
          },
        },
      };
    case 'critical_records':
      return {
        size: 5,
        track_total_hits: true,
        _source: ['event_id', 'message', 'error_message'],
        sort: [{ '@timestamp': 'desc' }],
        query: { bool: { filter: [window], should: criticalClauses(rule), minimum_should_match: 1 } },
      };
    case 'slow_operations':
      // The t-digest estimate is what an Alerting monitor can read in one search; the built-in
      // evaluator reads the nearest-rank value instead (`exactPercentiles` over the same query).
      return {
        size: 0,
        track_total_hits: true,
        query: { bool: { filter: [window, { exists: { field: 'duration_ms' } }] } },
        aggs: { duration: { percentiles: { field: 'duration_ms', percents: [rule.percentile] } } },
      };
    case 'missing_data':
      return {
        size: 0,
        track_total_hits: true,
        query: { bool: { filter: [window, { exists: { field: 'operation_type' } }] } },
      };
    case 'sla':
      // The finished operations are error_rate's: one outcome record per operation, so an
      // operation that logged `pending` and then its outcome counts once, in its latest state.
      return {
        size: 0,
        track_total_hits: true,
        query: { bool: { filter: [window, outcomeRecord] } },
        aggs: { successes: { filter: { term: { status: 'success' } } } },
      };
  }
}
