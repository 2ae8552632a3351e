import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translator.ts';
import { ALERT_TEXT } from './alert-text.ts';
import type { AlertRule } from './alert-rules.ts';
import { SEVERITY, type RenderActions } from './monitor-actions.ts';
import { literal, messageTemplate } from './monitor-message.ts';
import { ruleQueryBody, type WindowRange } from './rule-query.ts';

type ErrorBurstRule = Extract<AlertRule, { kind: 'error_burst' }>;

/** The operation types of the alerts that became new, or completed, in this run. */
const NEW_GROUPS =
  '{{#ctx.newAlerts}}{{#agg_alert_content.bucket_keys}}{{.}}{{/agg_alert_content.bucket_keys}}{{/ctx.newAlerts}}';
const COMPLETED_GROUPS =
  '{{#ctx.completedAlerts}}{{#agg_alert_content.bucket_keys}}{{.}}{{/agg_alert_content.bucket_keys}}{{/ctx.completedAlerts}}';

const perAlert = (alerts: string[]) => ({
  action_execution_policy: { action_execution_scope: { per_alert: { actionable_alerts: alerts } } },
});

/** The rule's window of errors in buckets of one operation type each. */
function burstInput(rule: ErrorBurstRule, readAlias: string, range: WindowRange) {
  const body = ruleQueryBody(rule, range) as { query: unknown };
  return {
    search: {
      indices: [readAlias],
      query: {
        size: 0,
        query: body.query,
        aggregations: {
          composite_agg: { composite: { sources: [{ operation_type: { terms: { field: 'operation_type' } } }] } },
        },
      },
    },
  };
}

/** A bucket over the threshold is an alert: notified when it is new, and again when it completes. */
function burstTrigger(rule: ErrorBurstRule, actions: RenderActions, locale: Locale) {
  const t = translator(ALERT_TEXT, locale);
  const words = { threshold: rule.threshold, window: rule.window_minutes };
  const firing = messageTemplate(rule, 'firing', {
    group: NEW_GROUPS,
    count: 'null',
    summary: literal(t('monitor_burst', words)),
    startedAt: '{{ctx.periodEnd}}',
  });
  const resolved = messageTemplate(rule, 'resolved', {
    group: COMPLETED_GROUPS,
    count: 'null',
    summary: literal(t('monitor_burst_resolved', words)),
    startedAt: '{{ctx.periodStart}}',
  });
  return {
    bucket_level_trigger: {
      name: `${rule.name}: ${rule.threshold}+ errors of one operation type in ${rule.window_minutes} min`,
      severity: SEVERITY[rule.severity],
      condition: {
        buckets_path: { _count: '_count' },
        parent_bucket_path: 'composite_agg',
        script: { source: `params._count >= ${rule.threshold}`, lang: 'painless' },
      },
      actions: [
        ...actions('firing', firing, perAlert(['NEW'])),
        ...actions('resolved', resolved, perAlert(['COMPLETED'])),
      ],
    },
  };
}

/** An error-burst rule as a bucket-level monitor: one alert per operation type. */
export const renderBucketLevelMonitor = (
  rule: ErrorBurstRule,
  readAlias: string,
  range: WindowRange,
  actions: RenderActions,
  locale: Locale = 'en',
) => ({
  monitor_type: 'bucket_level_monitor',
  inputs: [burstInput(rule, readAlias, range)],
  triggers: [burstTrigger(rule, actions, locale)],
});
