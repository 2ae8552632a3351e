import { describe, expect, it } from 'vitest';
import { outcomeRecord } from '../query/operation-clauses.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES } from './alert-rules.ts';
import { actionsOf, monitorFormat } from './fixtures/alerting-api-formats.ts';
import { renderMonitor } from './monitor-rendering.ts';

const names = { prefix: 'synclog', readAlias: 'synclog-read', logsPattern: 'synclog-logs-*' };
const TOTAL = 'ctx.results[0].hits.total.value';

describe('rendering an SLA rule as an Alerting monitor', () => {
  it('renders the default SLA rule as a query-level monitor over the finished operations of 30 days', () => {
    const rule = DEFAULT_ALERT_RULES.find((r) => r.name === 'sla-success-rate')!;
    const monitor = renderMonitor(rule, names, ['chan-1']);
    expect(() => monitorFormat.parse(monitor)).not.toThrow();
    expect(monitor).toMatchObject({
      type: 'monitor',
      name: 'synclog sla-success-rate',
      enabled: true,
      schedule: { period: { interval: 1, unit: 'MINUTES' } },
      monitor_type: 'query_level_monitor',
    });
    expect(monitor.inputs).toEqual([
      {
        search: {
          indices: ['synclog-read'],
          query: {
            size: 0,
            track_total_hits: true,
            query: {
              bool: {
                filter: [
                  {
                    range: {
                      '@timestamp': { gte: '{{period_end}}||-43200m', lt: '{{period_end}}', format: 'epoch_millis' },
                    },
                  },
                  outcomeRecord,
                ],
              },
            },
            aggs: { successes: { filter: { term: { status: 'success' } } } },
          },
        },
      },
    ]);
  });

  it('triggers when at least min_operations finished and successes ÷ finished is below the target', () => {
    const [rule] = alertRulesSchema.parse([
      { name: 'sla', kind: 'sla', target: 0.995, min_operations: 250, window_days: 90, severity: 'critical' },
    ]);
    const [trigger] = renderMonitor(rule!, names, ['chan-1']).triggers as Array<{
      query_level_trigger: { name: string; severity: string; condition: { script: { source: string } } };
    }>;
    expect(trigger!.query_level_trigger).toMatchObject({
      name: 'sla',
      severity: '1',
      condition: {
        script: {
          source: `${TOTAL} >= 250 && ctx.results[0].aggregations.successes.doc_count / (double) ${TOTAL} < 0.995`,
          lang: 'painless',
        },
      },
    });
  });

  it("sends the alert event with the target as threshold and the window's counts, throttled to once a day", () => {
    const [rule] = alertRulesSchema.parse([{ name: 'sla', kind: 'sla', target: 0.97, window_days: 7 }]);
    const [action] = actionsOf(renderMonitor(rule!, names, ['chan-1']));
    expect(action).toMatchObject({ throttle_enabled: true, throttle: { value: 1_440, unit: 'MINUTES' } });
    expect(action!.message_template.source).toBe(
      '{"source":"opensearch-alerting","rule":"sla","kind":"sla","state":"firing","severity":"warning",' +
        '"dedup_key":"synclog:sla","group":"","value":null,"threshold":0.97,' +
        '"count":{{ctx.results.0.hits.total.value}},' +
        '"summary":"success share below the 97 % target over the last 7 days ' +
        '({{ctx.results.0.aggregations.successes.doc_count}} of {{ctx.results.0.hits.total.value}} finished operations)",' +
        '"started_at":"{{ctx.periodEnd}}","at":"{{ctx.periodEnd}}","samples":[]}',
    );
  });
});
