import type { AlertRule } from './alert-rules.ts';
import { SEVERITY, type RenderActions } from './monitor-actions.ts';
import { messageTemplate } from './monitor-message.ts';
import { ruleQueryBody, type WindowRange } from './rule-query.ts';

/** The rules an Alerting monitor judges from one search answer. */
export type QueryLevelRule = Extract<AlertRule, { kind: 'error_rate' | 'slow_operations' | 'missing_data' | 'sla' }>;

const TOTAL = 'ctx.results[0].hits.total.value';

/** A fraction as a percentage without binary noise (0.07 → 7, not 7.000000000000001). */
const percent = (fraction: number) => Number((fraction * 100).toFixed(6));

/** The painless condition of a query-level rule over `ctx.results[0]`. */
function queryCondition(rule: QueryLevelRule): string {
  switch (rule.kind) {
    case 'error_rate':
      return `${TOTAL} >= ${rule.min_operations} && ctx.results[0].aggregations.errors.doc_count / (double) ${TOTAL} > ${rule.threshold}`;
    case 'slow_operations':
      return `def v = ctx.results[0].aggregations.duration.values.values().iterator().next(); return ${TOTAL} >= ${rule.min_operations} && v != null && v > ${rule.threshold_ms}`;
    case 'missing_data':
      return `${TOTAL} == 0`;
    // The built-in evaluator's `slaFindings`, with the same double division and comparison.
    case 'sla':
      return `${TOTAL} >= ${rule.min_operations} && ctx.results[0].aggregations.successes.doc_count / (double) ${TOTAL} < ${rule.target}`;
  }
}

/** The summary of a firing, with the measured counts as mustache. */
function querySummary(rule: QueryLevelRule): string {
  switch (rule.kind) {
    case 'error_rate':
      return `error rate above ${percent(rule.threshold)} % over the last ${rule.window_minutes} min ({{ctx.results.0.aggregations.errors.doc_count}} errors of {{ctx.results.0.hits.total.value}} operations)`;
    case 'slow_operations':
      return `p${rule.percentile} duration above ${rule.threshold_ms} ms over the last ${rule.window_minutes} min ({{ctx.results.0.hits.total.value}} operations)`;
    case 'missing_data':
      return `no sync records at all in the last ${rule.window_minutes} min`;
    case 'sla':
      return `success share below the ${percent(rule.target)} % target over the last ${rule.window_days} days ({{ctx.results.0.aggregations.successes.doc_count}} of {{ctx.results.0.hits.total.value}} finished operations)`;
  }
}

/** An error-rate, slow-operations, missing-data or SLA rule as a query-level monitor running the rule's own search. */
export const renderQueryLevelMonitor = (
  rule: QueryLevelRule,
  readAlias: string,
  range: WindowRange,
  actions: RenderActions,
) => ({
  monitor_type: 'query_level_monitor',
  inputs: [{ search: { indices: [readAlias], query: ruleQueryBody(rule, range) } }],
  triggers: [
    {
      query_level_trigger: {
        name: `${rule.name}`,
        severity: SEVERITY[rule.severity],
        condition: { script: { source: queryCondition(rule), lang: 'painless' } },
        actions: actions(
          'firing',
          messageTemplate(rule, 'firing', {
            group: '',
            count: '{{ctx.results.0.hits.total.value}}',
            summary: querySummary(rule),
            startedAt: '{{ctx.periodEnd}}',
          }),
        ),
      },
    },
  ],
});
