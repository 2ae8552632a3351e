import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { SyncLogRecord } from '../record/schema.ts';
import { OPERATION_TYPES } from '../record/vocabulary.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES, type AlertRule } from './alert-rules.ts';
import { bucketTriggerFires } from './fixtures/trigger-context.ts';
import { renderMonitor } from './monitor-rendering.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'btrig');
const T = Date.parse('2026-11-23T10:00:00.000Z');
const MIN = 60_000;
const BURST_RULES = [
  DEFAULT_ALERT_RULES.find((r) => r.kind === 'error_burst')!,
  ...alertRulesSchema.parse([{ name: 'burst-3', kind: 'error_burst', threshold: 3, window_minutes: 2 }]),
] as Array<Extract<AlertRule, { kind: 'error_burst' }>>;
let names: IndexNames;
let written: SyncLogRecord[] = [];

/**
 * Per rule, operation types with threshold + 1, threshold and threshold - 1 errors inside its
 * window, plus errors just outside it and successes inside it that must not count.
 */
beforeAll(async () => {
  names = await prefixes.fresh();
  const pool = generateRecords({ seed: 5, count: 400, from: new Date(T - 20 * MIN), to: new Date(T - 1) });
  let next = 0;
  const make = (type: string, status: 'error' | 'success', at: number): SyncLogRecord => ({
    ...pool[next++]!,
    operation_type: type as SyncLogRecord['operation_type'],
    status,
    '@timestamp': new Date(at).toISOString(),
  });
  for (const [r, rule] of BURST_RULES.entries()) {
    const window = rule.window_minutes * MIN;
    for (const [i, delta] of [1, 0, -1].entries()) {
      const type = OPERATION_TYPES[(r * 3 + i) % OPERATION_TYPES.length]!;
      const inside = (k: number) => T - 1 - Math.floor((k * window) / (rule.threshold + 2));
      written.push(...Array.from({ length: rule.threshold + delta }, (_, k) => make(type, 'error', inside(k))));
      written.push(make(type, 'error', T - window - 1), make(type, 'success', inside(0)));
    }
  }
  await writeRecords(client, names, 'month', written);
});
afterAll(() => prefixes.dropAll());

/** Errors per operation type in the rule's window, counted from the written records. */
function errorsPerType(rule: Extract<AlertRule, { kind: 'error_burst' }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of written) {
    const at = Date.parse(r['@timestamp']);
    const type = r.operation_type;
    if (type && r.status === 'error' && at >= T - rule.window_minutes * MIN && at < T)
      counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

type Trigger = {
  condition: { buckets_path: Record<string, string>; parent_bucket_path: string; script: { source: string } };
};
type Bucket = { key: { operation_type: string }; doc_count: number };

/** The monitor's search; with `select`, the trigger injected as a bucket_selector the way BucketSelectorQueryBuilder does. */
async function burstBuckets(rule: AlertRule, select: boolean): Promise<{ trigger: Trigger; buckets: Bucket[] }> {
  const monitor = renderMonitor(rule, names, ['chan']) as unknown as {
    inputs: Array<{ search: { query: { aggregations: Record<string, Record<string, unknown>> } } }>;
    triggers: Array<{ bucket_level_trigger: Trigger }>;
  };
  const trigger = monitor.triggers[0]!.bucket_level_trigger;
  const query = JSON.parse(JSON.stringify(monitor.inputs[0]!.search.query).replaceAll('{{period_end}}', String(T)));
  const parent = query.aggregations[trigger.condition.parent_bucket_path];
  if (select)
    parent.aggregations = {
      _trigger_filter_t: {
        bucket_selector: { buckets_path: trigger.condition.buckets_path, script: trigger.condition.script },
      },
    };
  const { body } = await client.search({ index: names.readAlias, body: query } as never);
  const aggs = (body as unknown as { aggregations: Record<string, { buckets: Bucket[] }> }).aggregations;
  return { trigger, buckets: aggs[trigger.condition.parent_bucket_path]!.buckets };
}

describe("the error-burst trigger on the node's Painless, with the plugin's bucket params", () => {
  it('fires for a bucket at or above the threshold and not below it, each _count a double', async () => {
    for (const rule of BURST_RULES) {
      const { trigger, buckets } = await burstBuckets(rule, false);
      const expected = errorsPerType(rule);
      expect(new Map(buckets.map((b) => [b.key.operation_type, b.doc_count]))).toEqual(expected);
      const verdicts = new Map<number, boolean>();
      for (const count of [...expected.values(), 0, rule.threshold - 0.5, rule.threshold + 0.5])
        verdicts.set(count, await bucketTriggerFires(client, trigger.condition.script.source, { _count: count }));
      expect(
        [...verdicts]
          .filter(([, fires]) => fires)
          .map(([count]) => count)
          .sort((a, b) => a - b),
      ).toEqual([...verdicts.keys()].filter((count) => count >= rule.threshold).sort((a, b) => a - b));
      expect([...verdicts.values()]).toContain(false);
    }
  });

  it("keeps, as the node's own bucket_selector, exactly the operation types counted at or above the threshold", async () => {
    for (const rule of BURST_RULES) {
      const { buckets } = await burstBuckets(rule, true);
      const kept = buckets.map((b) => b.key.operation_type).sort();
      const expected = [...errorsPerType(rule)].filter(([, n]) => n >= rule.threshold).map(([type]) => type);
      expect(kept, rule.name).toEqual(expected.sort());
      expect(kept.length, rule.name).toBeGreaterThanOrEqual(2);
    }
  });
});
