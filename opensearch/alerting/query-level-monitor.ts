import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translator.ts';
import { ALERT_TEXT } from './alert-text.ts';
import type { AlertRule } from './alert-rules.ts';
import { SEVERITY, type RenderActions } from './monitor-actions.ts';
import { literal, messageTemplate } from './monitor-message.ts';
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

const MUSTACHE_TOTAL = '{{ctx.results.0.hits.total.value}}';

/** The summary of a firing in `locale`, with the measured counts as mustache (inside a JSON string). */
function querySummary(rule: QueryLevelRule, locale: Locale): string {
  const t = translator(ALERT_TEXT, locale);
  const text = (() => {
    switch (rule.kind) {
      case 'error_rate':
        return t('monitor_error_rate', {
          threshold: percent(rule.threshold),
          window: rule.window_minutes,
          errors: '{{ctx.results.0.aggregations.errors.doc_count}}',
          total: MUSTACHE_TOTAL,
        });
      case 'slow_operations':
        return t('monitor_slow_operations', {
          percentile: rule.percentile,
          threshold: rule.threshold_ms,
          window: rule.window_minutes,
          total: MUSTACHE_TOTAL,
        });
      case 'missing_data':
        return t('missing_data', { window: rule.window_minutes });
      case 'sla':
        return t('monitor_sla', {
          target: percent(rule.target),
          window: rule.window_days,
          successes: '{{ctx.results.0.aggregations.successes.doc_count}}',
          total: MUSTACHE_TOTAL,
        });
    }
  })();
  return literal(text);
}

/** An error-rate, slow-operations, missing-data or SLA rule as a query-level monitor running the rule's own search. */
export const renderQueryLevelMonitor = (
  rule: QueryLevelRule,
  readAlias: string,
  range: WindowRange,
  actions: RenderActions,
  locale: Locale = 'en',
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
            summary: querySummary(rule, locale),
            startedAt: '{{ctx.periodEnd}}',
          }),
        ),
      },
    },
  ],
});
