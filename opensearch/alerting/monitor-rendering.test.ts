import { describe, expect, it } from 'vitest';
import { alertRulesSchema, DEFAULT_ALERT_RULES } from './alert-rules.ts';
import { actionsOf, channelFormat, monitorFormat } from './fixtures/alerting-api-formats.ts';
import { renderChannels, renderMonitor } from './monitor-rendering.ts';

const names = { prefix: 'synclog', readAlias: 'synclog-read', logsPattern: 'synclog-logs-*' };
const ruleNamed = (name: string) => DEFAULT_ALERT_RULES.find((r) => r.name === name)!;

const NEW_KEYS =
  '{{#ctx.newAlerts}}{{#agg_alert_content.bucket_keys}}{{.}}{{/agg_alert_content.bucket_keys}}{{/ctx.newAlerts}}';
const DONE_KEYS =
  '{{#ctx.completedAlerts}}{{#agg_alert_content.bucket_keys}}{{.}}{{/agg_alert_content.bucket_keys}}{{/ctx.completedAlerts}}';
const template = (state: string, group: string, summary: string, startedAt: string) =>
  `{"source":"opensearch-alerting","rule":"error-burst","kind":"error_burst","state":"${state}","severity":"warning",` +
  `"dedup_key":"synclog:error-burst:${group}","group":"${group}","value":null,"threshold":10,"count":null,` +
  `"summary":"${summary}","started_at":"${startedAt}","at":"{{ctx.periodEnd}}","samples":[]}`;
const perAlert = (alerts: string[]) => ({
  action_execution_policy: { action_execution_scope: { per_alert: { actionable_alerts: alerts } } },
});

/** The default error-burst rule as the Alerting API receives it, key order included. */
const ERROR_BURST_MONITOR = {
  type: 'monitor',
  name: 'synclog error-burst',
  enabled: true,
  schedule: { period: { interval: 1, unit: 'MINUTES' } },
  monitor_type: 'bucket_level_monitor',
  inputs: [
    {
      search: {
        indices: ['synclog-read'],
        query: {
          size: 0,
          query: {
            bool: {
              filter: [
                {
                  range: { '@timestamp': { gte: '{{period_end}}||-5m', lt: '{{period_end}}', format: 'epoch_millis' } },
                },
                { term: { status: 'error' } },
              ],
            },
          },
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
        name: 'error-burst: 10+ errors of one operation type in 5 min',
        severity: '2',
        condition: {
          buckets_path: { _count: '_count' },
          parent_bucket_path: 'composite_agg',
          script: { source: 'params._count >= 10', lang: 'painless' },
        },
        actions: [
          {
            name: 'synclog error-burst firing 1',
            destination_id: 'chan-1',
            subject_template: { source: 'synclog firing: error-burst', lang: 'mustache' },
            message_template: {
              source: template('firing', NEW_KEYS, '10+ errors of one operation type in 5 min', '{{ctx.periodEnd}}'),
              lang: 'mustache',
            },
            throttle_enabled: true,
            throttle: { value: 30, unit: 'MINUTES' },
            ...perAlert(['NEW']),
          },
          {
            name: 'synclog error-burst resolved 1',
            destination_id: 'chan-1',
            subject_template: { source: 'synclog resolved: error-burst', lang: 'mustache' },
            message_template: {
              source: template(
                'resolved',
                DONE_KEYS,
                'resolved: errors of this operation type back under 10 in 5 min',
                '{{ctx.periodStart}}',
              ),
              lang: 'mustache',
            },
            throttle_enabled: false,
            ...perAlert(['COMPLETED']),
          },
        ],
      },
    },
  ],
};

describe('rendering a rule as an Alerting monitor', () => {
  it('renders the default error-burst rule as a bucket-level monitor, byte for byte', () => {
    const rendered = renderMonitor(ruleNamed('error-burst'), names, ['chan-1']);
    expect(JSON.stringify(rendered)).toBe(JSON.stringify(ERROR_BURST_MONITOR));
  });

  it('runs a missing-data monitor only in its active hours, Sunday as 0 and a to-time on the hour excluded', () => {
    const [rule] = alertRulesSchema.parse([
      {
        name: 'silent',
        kind: 'missing_data',
        active_hours: { from: '06:30', to: '22:00', days: [7, 1, 3], time_zone: 'Europe/Moscow' },
      },
    ]);
    expect(renderMonitor(rule!, names, ['chan-1']).schedule).toEqual({
      cron: { expression: '* 6-21 * * 1,3,0', timezone: 'Europe/Moscow' },
    });
  });

  it('sends no throttle with an action of a rule whose throttle is 0', () => {
    const [rule] = alertRulesSchema.parse([{ name: 'rate', kind: 'error_rate', throttle_minutes: 0 }]);
    const [action] = actionsOf(renderMonitor(rule!, names, ['chan-1']));
    expect(action).toMatchObject({ throttle_enabled: false });
    expect(action).not.toHaveProperty('throttle');
  });
});

describe('the native renderings of the default rules', () => {
  it('match the documented monitor and channel formats', () => {
    const rendered = DEFAULT_ALERT_RULES.map((rule) => renderMonitor(rule, names, ['chan-1', 'chan-2']));
    for (const monitor of rendered) expect(() => monitorFormat.parse(monitor), String(monitor.name)).not.toThrow();
    expect(rendered.map((m) => m.monitor_type)).toEqual([
      'query_level_monitor',
      'bucket_level_monitor',
      'doc_level_monitor',
      'query_level_monitor',
      'query_level_monitor',
      'query_level_monitor',
    ]);
    for (const monitor of rendered)
      expect(
        actionsOf(monitor)
          .map((a) => a.destination_id)
          .sort(),
      ).toEqual(expect.arrayContaining(['chan-1', 'chan-2']));
    const channels = renderChannels(
      names.prefix,
      ['https://hooks.example.com/x', 'https://synclog.example.com/alerts/webhook'],
      'receiver-secret-0123456789',
    );
    for (const channel of channels) channelFormat.parse(channel);
    expect(channels[0]!.config.webhook).not.toHaveProperty(['header_params', 'X-Synclog-Alert-Secret']);
    expect(
      (channels[1]!.config.webhook as { header_params: Record<string, string> }).header_params[
        'X-Synclog-Alert-Secret'
      ],
    ).toBe('receiver-secret-0123456789');
  });
});
