import { outcomeRecord } from '../query/operation-clauses.ts';
import type { AlertRule } from './alert-rules.ts';

/** A time range of a rule's window: ISO strings for the built-in evaluator, mustache for monitors. */
export type WindowRange = { readonly gte: string; readonly lt: string; readonly format?: string };

/** One thing a rule found to hold: the whole rule, or one group of it (an operation type). */
export interface Finding {
  /** '' for a rule without groups; the operation type for bursts. */
  readonly group: string;
  /** The measured value compared with the threshold (a rate, a count, milliseconds). */
  readonly value: number;
  readonly threshold: number;
  /** Records the value was measured over. */
  readonly count: number;
  readonly summary: string;
  /** Up to 5 matching records (critical records). */
  readonly samples: ReadonlyArray<{ readonly event_id: string; readonly message: string }>;
}

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
  }
}

type SearchResponse = {
  hits: {
    total: { value: number };
    hits?: Array<{ _source: { event_id?: string; message?: string; error_message?: string } }>;
  };
  aggregations?: Record<string, unknown>;
};

const pct = (rate: number) => `${(rate * 100).toFixed(1)} %`;

/** What the search answer says holds. `active` is false for a missing-data rule outside its hours. */
export function findingsOf(rule: AlertRule, response: unknown, active = true): Finding[] {
  const body = response as SearchResponse;
  const total = body.hits.total.value;
  const none = { samples: [] as Finding['samples'] };
  switch (rule.kind) {
    case 'error_rate': {
      const errors = (body.aggregations?.errors as { doc_count: number } | undefined)?.doc_count ?? 0;
      const rate = total === 0 ? 0 : errors / total;
      if (total < rule.min_operations || rate <= rule.threshold) return [];
      return [
        {
          group: '',
          value: rate,
          threshold: rule.threshold,
          count: total,
          summary: `error rate ${pct(rate)} over the last ${rule.window_minutes} min (${errors} of ${total} operations), above ${pct(rule.threshold)}`,
          ...none,
        },
      ];
    }
    case 'error_burst': {
      const buckets =
        (body.aggregations?.by_type as { buckets: Array<{ key: string; doc_count: number }> } | undefined)?.buckets ??
        [];
      return buckets
        .filter((b) => b.doc_count >= rule.threshold)
        .map((b) => ({
          group: b.key,
          value: b.doc_count,
          threshold: rule.threshold,
          count: b.doc_count,
          summary: `${b.doc_count} ${b.key} errors in the last ${rule.window_minutes} min (threshold ${rule.threshold})`,
          ...none,
        }));
    }
    case 'critical_records': {
      if (total === 0) return [];
      const samples = (body.hits.hits ?? []).map((h) => ({
        event_id: h._source.event_id ?? '',
        message: h._source.error_message ?? h._source.message ?? '',
      }));
      return [
        {
          group: '',
          value: total,
          threshold: 1,
          count: total,
          summary: `${total} critical record(s) in the last ${rule.window_minutes} min`,
          samples,
        },
      ];
    }
    case 'slow_operations': {
      const values =
        (body.aggregations?.duration as { values: Record<string, number | null> } | undefined)?.values ?? {};
      return slowOperationsFindings(rule, total, Object.values(values)[0] ?? null);
    }
    case 'missing_data':
      if (!active || total > 0) return [];
      return [
        {
          group: '',
          value: 0,
          threshold: 1,
          count: 0,
          summary: `no sync records at all in the last ${rule.window_minutes} min`,
          ...none,
        },
      ];
  }
}

/** What a slow-operations rule finds, given the window's operations with a duration and their percentile. */
export function slowOperationsFindings(
  rule: Extract<AlertRule, { kind: 'slow_operations' }>,
  count: number,
  value: number | null,
): Finding[] {
  if (count < rule.min_operations || value === null || value <= rule.threshold_ms) return [];
  const summary = `p${rule.percentile} duration ${Math.round(value)} ms over the last ${rule.window_minutes} min (${count} operations), above ${rule.threshold_ms} ms`;
  return [{ group: '', value, threshold: rule.threshold_ms, count, summary, samples: [] }];
}

/** Whether `at` falls in a missing-data rule's active hours (local time in its zone). */
export function inActiveHours(rule: Extract<AlertRule, { kind: 'missing_data' }>, at: Date): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: rule.active_hours.time_zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  const time = `${parts.hour}:${parts.minute}`;
  return rule.active_hours.days.includes(day) && time >= rule.active_hours.from && time < rule.active_hours.to;
}
