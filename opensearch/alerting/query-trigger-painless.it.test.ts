import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import type { IndexNames } from '../record/index-names.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES, type AlertRule } from './alert-rules.ts';
import { queryTriggerFires } from './fixtures/trigger-context.ts';
import { renderMonitor } from './monitor-rendering.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'qtrig');
const T = Date.parse('2026-11-23T10:00:00.000Z');
let names: IndexNames;

beforeAll(async () => {
  names = await prefixes.fresh();
  const records = generateRecords({ seed: 23, count: 200, from: new Date(T - 10 * 60_000), to: new Date(T - 1) });
  await writeRecords(client, names, 'month', records);
});
afterAll(() => prefixes.dropAll());

type Answer = { hits: { total: { value: number } }; aggregations?: Record<string, Record<string, unknown>> };
type Monitor = {
  inputs: Array<{ search: { query: unknown } }>;
  triggers: Array<{ query_level_trigger: { condition: { script: { source: string } } } }>;
};

/** The monitor's own search on the node, its range rendered as the plugin renders `{{period_end}}`. */
async function monitorSearch(rule: AlertRule, periodEnd: number): Promise<{ source: string; answer: Answer }> {
  const monitor = renderMonitor(rule, names, ['chan']) as unknown as Monitor;
  const text = JSON.stringify(monitor.inputs[0]!.search.query).replaceAll('{{period_end}}', String(periodEnd));
  const { body } = await client.search({ index: names.readAlias, body: JSON.parse(text) } as never);
  return {
    source: monitor.triggers[0]!.query_level_trigger.condition.script.source,
    answer: body as unknown as Answer,
  };
}

/** The node's answer with its counts replaced: the shape stays the node's own. */
function withCounts(answer: Answer, total: number, set: (aggs: Record<string, Record<string, unknown>>) => void) {
  const copy = structuredClone(answer);
  copy.hits.total.value = total;
  set(copy.aggregations ?? {});
  return copy;
}

const uniq = (xs: number[], max: number) => [...new Set(xs)].filter((x) => x >= 0 && x <= max);
/** Totals below, at and above min_operations, and 1,000, where a share of 0.05 or 0.99 is a whole count: the equality case. */
const totalsAround = (min: number) => uniq([min - 1, min, 4 * min + 3, 1_000], Infinity).filter((t) => t > 0);

/** Whether the rule holds for an answer, read from its numbers in TypeScript, apart from the painless source. */
function judge(rule: AlertRule, answer: Answer): boolean {
  const total = answer.hits.total.value;
  const count = (agg: string) => answer.aggregations![agg]!.doc_count as number;
  switch (rule.kind) {
    case 'error_rate':
      return total >= rule.min_operations && count('errors') / total > rule.threshold;
    case 'sla':
      return total >= rule.min_operations && count('successes') / total < rule.target;
    case 'slow_operations': {
      const [value] = Object.values(answer.aggregations!.duration!.values as Record<string, number | null>);
      return total >= rule.min_operations && value !== null && value! > rule.threshold_ms;
    }
    case 'missing_data':
      return total === 0;
    default:
      throw new Error(`${rule.kind} is not a query-level rule`);
  }
}

/** Answers on both sides of the rule's boundaries: totals around min_operations, counts around the threshold. */
function casesOf(rule: AlertRule, answer: Answer): Array<{ label: string; answer: Answer }> {
  const at = (total: number, set: (aggs: Record<string, Record<string, unknown>>) => void, label: string) => ({
    label: `${label} of ${total}`,
    answer: withCounts(answer, total, set),
  });
  switch (rule.kind) {
    case 'error_rate':
      return totalsAround(rule.min_operations).flatMap((total) =>
        uniq([0, Math.floor(rule.threshold * total), Math.floor(rule.threshold * total) + 1, total], total).map((n) =>
          at(total, (a) => (a.errors!.doc_count = n), `${n} errors`),
        ),
      );
    case 'sla':
      return totalsAround(rule.min_operations).flatMap((total) =>
        uniq([0, Math.ceil(rule.target * total) - 1, Math.ceil(rule.target * total), total], total).map((n) =>
          at(total, (a) => (a.successes!.doc_count = n), `${n} successes`),
        ),
      );
    case 'slow_operations':
      return totalsAround(rule.min_operations).flatMap((total) =>
        [null, rule.threshold_ms - 1, rule.threshold_ms, rule.threshold_ms + 0.5].map((value) =>
          at(
            total,
            (a) => {
              const values = a.duration!.values as Record<string, number | null>;
              for (const key of Object.keys(values)) values[key] = value;
            },
            `${value} ms`,
          ),
        ),
      );
    case 'missing_data':
      return [0, 1, 2].map((total) => at(total, () => {}, 'records'));
    default:
      return [];
  }
}

const QUERY_RULES: readonly AlertRule[] = [
  ...DEFAULT_ALERT_RULES,
  ...alertRulesSchema.parse([
    { name: 'rate', kind: 'error_rate', threshold: 0.125, min_operations: 3 },
    { name: 'slow', kind: 'slow_operations', percentile: 99.9, threshold_ms: 1, min_operations: 1 },
    { name: 'sla', kind: 'sla', target: 0.999, min_operations: 1 },
  ]),
].filter((r) => r.kind !== 'error_burst' && r.kind !== 'critical_records');

describe("query-level trigger conditions on the node's Painless, with the plugin's ctx", () => {
  it('fire exactly when the rule, judged from its thresholds, says so, on both sides of every boundary', async () => {
    let fired = 0;
    let quiet = 0;
    for (const rule of QUERY_RULES) {
      const { source, answer } = await monitorSearch(rule, T);
      expect(answer.hits.total.value, rule.name).toBeGreaterThan(0);
      for (const c of casesOf(rule, answer)) {
        const fires = judge(rule, c.answer);
        expect(await queryTriggerFires(client, source, c.answer, T), `${rule.name} ${c.label}`).toBe(fires);
        if (fires) fired++;
        else quiet++;
      }
    }
    expect(fired).toBeGreaterThan(15);
    expect(quiet).toBeGreaterThan(15);
  });

  it("judge the node's real answers: the written window as counted apart, and an empty window", async () => {
    for (const rule of QUERY_RULES) {
      const { source, answer } = await monitorSearch(rule, T);
      expect(await queryTriggerFires(client, source, answer, T), rule.name).toBe(judge(rule, answer));
      const empty = await monitorSearch(rule, T - 400 * 86_400_000);
      expect(empty.answer.hits.total.value).toBe(0);
      // Nothing in the window: only the missing-data rule fires (the others need min_operations).
      expect(await queryTriggerFires(client, source, empty.answer, T), rule.name).toBe(rule.kind === 'missing_data');
    }
  });
});
