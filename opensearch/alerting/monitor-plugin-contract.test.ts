import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/locale.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES, type AlertRule } from './alert-rules.ts';
import { CHANNEL_SHAPE } from './fixtures/channel-shape.ts';
import { MONITOR_SHAPE } from './fixtures/plugin-shapes.ts';
import { checkShape } from './fixtures/shape-check.ts';
import { renderChannels, renderMonitor } from './monitor-rendering.ts';

const names = { prefix: 'synclog', readAlias: 'synclog-logs', logsPattern: 'synclog-logs-*' };

/** Every option away from its default, per kind: the renderings' branches besides the defaults'. */
const NON_DEFAULT = alertRulesSchema.parse([
  { name: 'rate', kind: 'error_rate', threshold: 0.125, min_operations: 3, throttle_minutes: 0, severity: 'info' },
  { name: 'rate-day', kind: 'error_rate', window_minutes: 1_440, throttle_minutes: 1_440, enabled: false },
  { name: 'burst', kind: 'error_burst', threshold: 1, window_minutes: 1, throttle_minutes: 0, severity: 'critical' },
  { name: 'crit', kind: 'critical_records', categories: [], patterns: ['a "quoted" \\ phrase', 'x) OR (y'] },
  { name: 'crit-many', kind: 'critical_records', categories: ['security', 'tls', 'a b'], throttle_minutes: 1 },
  { name: 'slow', kind: 'slow_operations', percentile: 99.9, threshold_ms: 1, min_operations: 1 },
  {
    name: 'quiet-weekend',
    kind: 'missing_data',
    active_hours: { from: '00:30', to: '23:59', days: [6, 7], time_zone: 'Europe/Moscow' },
  },
  { name: 'quiet-morning', kind: 'missing_data', active_hours: { from: '06:00', to: '07:00', days: [1, 3, 5, 7] } },
  { name: 'sla-quarter', kind: 'sla', window_days: 92, target: 0.999, min_operations: 1, throttle_minutes: 60 },
]);
const ALL_RULES: readonly AlertRule[] = [...DEFAULT_ALERT_RULES, ...NON_DEFAULT];
const CHANNEL_SETS = [['one'], ['chan-a', 'chan-b', 'chan-c']];
const LOCALES: Locale[] = ['en', 'ru'];

describe('the rendered monitors against the Alerting plugin parsers', () => {
  it('covers every rule kind, with default and non-default options', () => {
    const kinds = (rules: readonly AlertRule[]) => new Set(rules.map((r) => r.kind));
    expect(kinds(DEFAULT_ALERT_RULES)).toEqual(kinds(NON_DEFAULT));
    expect(kinds(NON_DEFAULT).size).toBe(6);
  });

  it('renders, for every rule, both languages and one or several channels, a body the parsers accept', () => {
    let checked = 0;
    for (const rule of ALL_RULES)
      for (const locale of LOCALES)
        for (const channels of CHANNEL_SETS) {
          const monitor = renderMonitor(rule, names, channels, locale);
          expect(checkShape(monitor, MONITOR_SHAPE), `${rule.name} ${locale} ${channels.length}`).toEqual([]);
          checked++;
        }
    expect(checked).toBe(ALL_RULES.length * 4);
  });

  it("gives each document-level trigger a tag that its monitor's queries carry", () => {
    for (const rule of ALL_RULES.filter((r) => r.kind === 'critical_records')) {
      const monitor = renderMonitor(rule, names, ['one']) as {
        inputs: Array<{ doc_level_input: { queries: Array<{ tags: string[] }> } }>;
        triggers: Array<{ document_level_trigger: { condition: { script: { source: string } } } }>;
      };
      const source = monitor.triggers[0]!.document_level_trigger.condition.script.source;
      const tag = /^query\[tag=([^\]]+)\]$/.exec(source)?.[1];
      expect(tag, source).toBeDefined();
      for (const q of monitor.inputs[0]!.doc_level_input.queries) expect(q.tags).toContain(tag);
    }
  });

  it('renders notification channels the Notifications parsers accept, with and without the receiver secret', () => {
    const webhooks = ['https://hooks.example.com/a?b=1', 'http://synclog.internal:8080/alerts/webhook'];
    for (const secret of [undefined, 's3cret'])
      for (const channel of renderChannels('synclog_prod-2', webhooks, secret))
        expect(checkShape(channel, CHANNEL_SHAPE), channel.config_id).toEqual([]);
  });

  it('would notice a body the parsers refuse: a throttle past 24 h, a schedule with two types, a bad enum', () => {
    const monitor = renderMonitor(DEFAULT_ALERT_RULES[0]!, names, ['one']) as Record<string, unknown> & {
      triggers: Array<{ query_level_trigger: { actions: Array<Record<string, unknown>> } }>;
    };
    monitor.triggers[0]!.query_level_trigger.actions[0]!.throttle = { value: 1_441, unit: 'MINUTES' };
    monitor.schedule = { period: { interval: 1, unit: 'MINUTES' }, cron: { expression: '* * * * *', timezone: 'UTC' } };
    monitor.monitor_type = 'query_monitor';
    expect(checkShape(monitor, MONITOR_SHAPE)).toEqual([
      '$.schedule: expected exactly one of cron|period',
      '$.monitor_type: "query_monitor" is not one of query_level_monitor|bucket_level_monitor|cluster_metrics_monitor|doc_level_monitor',
      '$.triggers[0].query_level_trigger.actions[0].throttle.value: 1441 is outside 1..1440',
      '$: triggers query_level_trigger on a query_monitor',
    ]);
  });
});
