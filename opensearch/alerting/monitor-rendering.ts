import type { IndexNames } from '../record/index-names.ts';
import type { AlertRule } from './alert-rules.ts';
import { dedupKey } from './alert-rules.ts';
import { criticalClauses, ruleQueryBody } from './rule-query.ts';

/**
 * The native form of the rules: OpenSearch Alerting monitors and Notifications webhook channels,
 * in the request formats the plugins document (Alerting API: `POST _plugins/_alerting/monitors`;
 * Notifications API: `POST _plugins/_notifications/configs`).
 */

const SEVERITY = { critical: '1', warning: '2', info: '3' } as const;
const json = (value: string) => JSON.stringify(value);

/** A Notifications webhook channel per URL; the receiver's secret goes only to synclog's own receiver. */
export function renderChannels(
  prefix: string,
  webhooks: readonly string[],
  receiverSecret?: string,
): Array<{ config_id: string; config: Record<string, unknown> }> {
  return webhooks.map((url, i) => ({
    config_id: `${prefix}-alert-webhook-${i + 1}`,
    config: {
      name: `${prefix} alerts → ${new URL(url).host}`,
      description: 'synclog alert events (rendered by synclog setup)',
      config_type: 'webhook',
      is_enabled: true,
      webhook: {
        url,
        method: 'POST',
        header_params: {
          'Content-Type': 'application/json',
          ...(receiverSecret && new URL(url).pathname.endsWith('/alerts/webhook')
            ? { 'X-Synclog-Alert-Secret': receiverSecret }
            : {}),
        },
      },
    },
  }));
}

/**
 * The message template of a rule: mustache that renders the same alert event JSON the built-in
 * evaluator posts. Every value that can hold user text sits inside a JSON string, where the
 * mustache engine escapes quotes, backslashes and newlines; literals are JSON-encoded here.
 */
export function messageTemplate(
  rule: AlertRule,
  state: 'firing' | 'resolved',
  parts: { group: string; count: string; summary: string; startedAt: string },
): string {
  const fields = [
    `"source":"opensearch-alerting"`,
    `"rule":${json(rule.name)}`,
    `"kind":${json(rule.kind)}`,
    `"state":"${state}"`,
    `"severity":${json(rule.severity)}`,
    `"dedup_key":"${dedupKey(rule.name, '')}${parts.group ? `:${parts.group}` : ''}"`,
    `"group":"${parts.group}"`,
    `"value":null`,
    `"threshold":${thresholdOf(rule)}`,
    `"count":${parts.count}`,
    `"summary":"${parts.summary}"`,
    `"started_at":"${parts.startedAt}"`,
    `"at":"{{ctx.periodEnd}}"`,
    `"samples":[]`,
  ];
  return `{${fields.join(',')}}`;
}

function thresholdOf(rule: AlertRule): number {
  switch (rule.kind) {
    case 'error_rate':
    case 'error_burst':
      return rule.threshold;
    case 'slow_operations':
      return rule.threshold_ms;
    case 'critical_records':
    case 'missing_data':
      return 1;
  }
}

/** Text for a JSON string literal inside a template (no mustache tags can come from a rule). */
const literal = (text: string) => json(text).slice(1, -1);

/** A phrase for a query_string query (what document-level monitors take): quoted, `\` and `"` escaped. */
export const quotedPhrase = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The painless condition of a query-level rule over `ctx.results[0]`. */
function queryCondition(rule: AlertRule): string {
  const total = 'ctx.results[0].hits.total.value';
  switch (rule.kind) {
    case 'error_rate':
      return `${total} >= ${rule.min_operations} && ctx.results[0].aggregations.errors.doc_count / (double) ${total} > ${rule.threshold}`;
    case 'slow_operations':
      return `def v = ctx.results[0].aggregations.duration.values.values().iterator().next(); return ${total} >= ${rule.min_operations} && v != null && v > ${rule.threshold_ms}`;
    case 'missing_data':
      return `${total} == 0`;
    default:
      throw new Error(`${rule.kind} is not a query-level rule`);
  }
}

/** `* 8-19 * * 1,2,3,4,5`: a missing-data rule's active hours as the monitor's cron (whole hours; minutes are rounded to the hour). */
function activeHoursCron(rule: Extract<AlertRule, { kind: 'missing_data' }>): string {
  const from = Number(rule.active_hours.from.slice(0, 2));
  const to = Math.max(from, Number(rule.active_hours.to.slice(0, 2)) - (rule.active_hours.to.endsWith(':00') ? 1 : 0));
  return `* ${from}-${to} * * ${[...rule.active_hours.days]
    .sort()
    .map((d) => d % 7)
    .join(',')}`;
}

const throttleOf = (rule: AlertRule) =>
  rule.throttle_minutes > 0
    ? { throttle_enabled: true, throttle: { value: rule.throttle_minutes, unit: 'MINUTES' } }
    : { throttle_enabled: false };

/** `<prefix> <rule>`: monitors of different prefixes on one cluster never collide. */
export const monitorName = (prefix: string, rule: string) => `${prefix} ${rule}`;

/** The Alerting monitor of a rule, posting to every channel. */
export function renderMonitor(
  rule: AlertRule,
  names: Pick<IndexNames, 'prefix' | 'readAlias' | 'logsPattern'>,
  channelIds: readonly string[],
): Record<string, unknown> {
  const { readAlias, logsPattern } = names;
  const name = monitorName(names.prefix, rule.name);
  const range = { gte: `{{period_end}}||-${rule.window_minutes}m`, lt: '{{period_end}}', format: 'epoch_millis' };
  const schedule =
    rule.kind === 'missing_data'
      ? { cron: { expression: activeHoursCron(rule), timezone: rule.active_hours.time_zone } }
      : { period: { interval: 1, unit: 'MINUTES' } };
  const base = { type: 'monitor', name, enabled: rule.enabled, schedule };
  const summaryOf = (text: string) => literal(text);
  const actions = (state: 'firing' | 'resolved', template: string, extra: Record<string, unknown> = {}) =>
    channelIds.map((id, i) => ({
      name: `${name} ${state} ${i + 1}`,
      destination_id: id,
      subject_template: { source: `synclog ${state}: ${rule.name}`, lang: 'mustache' },
      message_template: { source: template, lang: 'mustache' },
      ...(state === 'firing' ? throttleOf(rule) : { throttle_enabled: false }),
      ...extra,
    }));

  if (rule.kind === 'error_burst') {
    const body = ruleQueryBody(rule, range) as { query: unknown };
    const perAlert = (alerts: string[]) => ({
      action_execution_policy: { action_execution_scope: { per_alert: { actionable_alerts: alerts } } },
    });
    const group =
      '{{#ctx.newAlerts}}{{#agg_alert_content.bucket_keys}}{{.}}{{/agg_alert_content.bucket_keys}}{{/ctx.newAlerts}}';
    const done =
      '{{#ctx.completedAlerts}}{{#agg_alert_content.bucket_keys}}{{.}}{{/agg_alert_content.bucket_keys}}{{/ctx.completedAlerts}}';
    return {
      ...base,
      monitor_type: 'bucket_level_monitor',
      inputs: [
        {
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
        },
      ],
      triggers: [
        {
          bucket_level_trigger: {
            name: `${rule.name}: ${rule.threshold}+ errors of one operation type in ${rule.window_minutes} min`,
            severity: SEVERITY[rule.severity],
            condition: {
              buckets_path: { _count: '_count' },
              parent_bucket_path: 'composite_agg',
              script: { source: `params._count >= ${rule.threshold}`, lang: 'painless' },
            },
            actions: [
              ...actions(
                'firing',
                messageTemplate(rule, 'firing', {
                  group,
                  count: 'null',
                  summary: summaryOf(`${rule.threshold}+ errors of one operation type in ${rule.window_minutes} min`),
                  startedAt: '{{ctx.periodEnd}}',
                }),
                perAlert(['NEW']),
              ),
              ...actions(
                'resolved',
                messageTemplate(rule, 'resolved', {
                  group: done,
                  count: 'null',
                  summary: summaryOf(
                    `resolved: errors of this operation type back under ${rule.threshold} in ${rule.window_minutes} min`,
                  ),
                  startedAt: '{{ctx.periodStart}}',
                }),
                perAlert(['COMPLETED']),
              ),
            ],
          },
        },
      ],
    };
  }

  if (rule.kind === 'critical_records') {
    const queries = criticalClauses(rule).map((clause, i) => {
      const c = clause as {
        term?: { level: string };
        terms?: { category: string[] };
        match_phrase?: { error_message: string };
      };
      const query = c.term
        ? `level:${quotedPhrase(c.term.level)}`
        : c.terms
          ? c.terms.category.map((v) => `category:${quotedPhrase(v)}`).join(' OR ')
          : `error_message:${quotedPhrase(c.match_phrase!.error_message)}`;
      return { id: `${rule.name}-${i + 1}`, name: `${rule.name}-${i + 1}`, query, tags: ['critical'] };
    });
    return {
      ...base,
      monitor_type: 'doc_level_monitor',
      inputs: [
        { doc_level_input: { description: `critical sync records (${rule.name})`, indices: [logsPattern], queries } },
      ],
      triggers: [
        {
          document_level_trigger: {
            name: `${rule.name}: critical records`,
            severity: SEVERITY[rule.severity],
            condition: { script: { source: 'query[tag=critical]', lang: 'painless' } },
            actions: actions(
              'firing',
              messageTemplate(rule, 'firing', {
                group: '',
                count: 'null',
                summary: `critical record(s): {{#ctx.alerts}}{{#sample_documents}}[{{_source.level}}] {{_source.error_message}} {{/sample_documents}}{{/ctx.alerts}}`,
                startedAt: '{{ctx.periodEnd}}',
              }),
            ),
          },
        },
      ],
    };
  }

  const summary =
    rule.kind === 'error_rate'
      ? `error rate above ${rule.threshold * 100} % over the last ${rule.window_minutes} min ({{ctx.results.0.aggregations.errors.doc_count}} errors of {{ctx.results.0.hits.total.value}} operations)`
      : rule.kind === 'slow_operations'
        ? `p${rule.percentile} duration above ${rule.threshold_ms} ms over the last ${rule.window_minutes} min ({{ctx.results.0.hits.total.value}} operations)`
        : `no sync records at all in the last ${rule.window_minutes} min`;
  return {
    ...base,
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
              summary,
              startedAt: '{{ctx.periodEnd}}',
            }),
          ),
        },
      },
    ],
  };
}
