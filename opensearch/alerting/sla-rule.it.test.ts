import { afterAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { SyncLogRecord } from '../record/schema.ts';
import type { Status } from '../record/vocabulary.ts';
import { createAlertEvaluator } from './alert-evaluator.ts';
import { alertRulesSchema, type AlertRule } from './alert-rules.ts';
import { renderMonitor } from './monitor-rendering.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'sla');
const T = Date.parse('2026-11-23T10:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

afterAll(() => prefixes.dropAll());

/** Operations stamped on generated records: each gets its own id, status and time. */
function operations(seed: number) {
  const pool = generateRecords({ seed, count: 6_000, from: new Date(T - 40 * DAY), to: new Date(T) }).filter(
    (r) => r.operation_key !== undefined,
  );
  let next = 0;
  const take = (id: string, status: Status, at: number): SyncLogRecord => ({
    ...pool[next++]!,
    operation_id: id,
    operation_key: id,
    status,
    '@timestamp': new Date(at).toISOString(),
  });
  /** One operation ending in `status` at `at`; with `pendingFirst`, it logged `pending` a minute before. */
  return (status: Status, at: number, pendingFirst = false): SyncLogRecord[] => {
    const id = `op-${seed}-${next}`;
    return pendingFirst ? [take(id, 'pending', at - MIN), take(id, status, at)] : [take(id, status, at)];
  };
}

/**
 * The expected share, counted apart from the rule's query: each operation once, in its latest
 * state; finished when that state is not `pending` and falls in the window.
 */
function expectedShare(records: readonly SyncLogRecord[], windowDays: number) {
  const latest = new Map<string, SyncLogRecord>();
  for (const r of records) {
    const seen = latest.get(r.operation_key!);
    if (!seen || r['@timestamp'] > seen['@timestamp']) latest.set(r.operation_key!, r);
  }
  const inWindow = [...latest.values()].filter((r) => {
    const at = Date.parse(r['@timestamp']);
    return r.status !== 'pending' && at >= T - windowDays * DAY && at < T;
  });
  const successes = inWindow.filter((r) => r.status === 'success').length;
  return { finished: inWindow.length, successes, share: successes / inWindow.length };
}

/** Whether the rule's Alerting monitor would trigger at T: its search on the node, its condition in the node's Painless. */
async function monitorTriggers(rule: AlertRule, names: IndexNames): Promise<boolean> {
  const monitor = renderMonitor(rule, names, ['chan']) as {
    inputs: Array<{ search: { query: unknown } }>;
    triggers: Array<{ query_level_trigger: { condition: { script: { source: string } } } }>;
  };
  const query = JSON.parse(JSON.stringify(monitor.inputs[0]!.search.query).replaceAll('{{period_end}}', String(T)));
  const { body: answer } = await client.search({ index: names.readAlias, body: query } as never);
  const source = monitor.triggers[0]!.query_level_trigger.condition.script.source;
  const { body } = await client.transport.request({
    method: 'POST',
    path: '/_scripts/painless/_execute',
    body: { script: { source: `def ctx = params.ctx; ${source}`, params: { ctx: { results: [answer] } } } },
  });
  return (body as { result: string }).result === 'true';
}

describe('the SLA rule on both executors (real node, injected clock)', () => {
  it('fires just below the target over 30 days, resolves just above it, counting each operation once in its latest state', async () => {
    const names = await prefixes.fresh();
    const [rule] = alertRulesSchema.parse([{ name: 'sla', kind: 'sla' }]);
    const op = operations(11);
    const spread = (i: number) => T - (1 + (i % 29)) * DAY - (i % 600) * MIN;
    const nonSuccess: Status[] = ['error', 'warning', 'skipped'];
    const written: SyncLogRecord[] = [
      // 1,000 finished in the window, 11 not `success`; 150 of the successes logged `pending` first.
      ...Array.from({ length: 989 }, (_, i) => op('success', spread(i), i < 150)),
      ...Array.from({ length: 11 }, (_, i) => op(nonSuccess[i % 3]!, spread(i * 7), i % 2 === 0)),
      // Still running: started in the window, no outcome yet.
      ...Array.from({ length: 30 }, (_, i) => op('pending', spread(i * 3))),
      // Failures before the window, the last a minute before it opens.
      ...Array.from({ length: 200 }, (_, i) => op('error', T - 31 * DAY - i * MIN)),
      op('error', T - 30 * DAY - MIN),
    ].flat();
    await writeRecords(client, names, 'month', written);
    const below = expectedShare(written, 30);
    expect(below).toMatchObject({ finished: 1_000, successes: 989 });

    const { clock, advance } = manualClock(T);
    const evaluator = createAlertEvaluator({ client, names, rules: [rule!], clock, webhooks: [] });
    const firing = (await evaluator.evaluate()).events;
    expect(firing.map((e) => `${e.rule} ${e.state}`)).toEqual(['sla firing']);
    expect(firing[0]).toMatchObject({ count: below.finished, threshold: 0.99, dedup_key: 'synclog:sla' });
    expect(firing[0]!.value).toBeCloseTo(below.share, 12);
    expect(await monitorTriggers(rule!, names)).toBe(true);

    // 200 more successes, each logged `pending` first: 1,189 of 1,200, just above 99 %.
    const more = Array.from({ length: 200 }, (_, i) => op('success', T - 2 * DAY + i * MIN, true)).flat();
    await writeRecords(client, names, 'month', more);
    const above = expectedShare([...written, ...more], 30);
    expect(above).toMatchObject({ finished: 1_200, successes: 1_189 });
    expect(above.share).toBeGreaterThan(0.99);
    expect(above.share).toBeLessThan(0.9925);
    // Counting `pending` records or the failures before the window would keep the share under the target.
    const records = [...written, ...more];
    expect(records.filter((r) => r.status === 'success').length / records.length).toBeLessThan(0.99);

    advance(MIN);
    const resolved = (await evaluator.evaluate()).events;
    expect(resolved.map((e) => `${e.rule} ${e.state}`)).toEqual(['sla resolved']);
    expect(await monitorTriggers(rule!, names)).toBe(false);
  });

  it('never fires below min_operations finished, however low the share, and fires from min_operations on', async () => {
    const names = await prefixes.fresh();
    const op = operations(12);
    const at = (i: number) => T - (1 + (i % 6)) * DAY;
    // 99 finished operations (60 % success), 50 of them with a `pending` record too: 149 records.
    const written = [
      ...Array.from({ length: 59 }, (_, i) => op('success', at(i), i < 25)),
      ...Array.from({ length: 40 }, (_, i) => op('error', at(i), i < 25)),
    ].flat();
    await writeRecords(client, names, 'month', written);
    const expected = expectedShare(written, 30);
    expect(expected.finished).toBe(99);
    expect(written.length).toBeGreaterThanOrEqual(100);

    const [gated, open] = alertRulesSchema.parse([
      { name: 'sla-default', kind: 'sla' },
      { name: 'sla-99', kind: 'sla', min_operations: 99 },
    ]);
    const { clock } = manualClock(T);
    const { events } = await createAlertEvaluator({
      client,
      names,
      rules: [gated!, open!],
      clock,
      webhooks: [],
    }).evaluate();
    expect(events.map((e) => `${e.rule} ${e.state}`)).toEqual(['sla-99 firing']);
    expect(events[0]!.value).toBeCloseTo(expected.share, 12);
    expect(await monitorTriggers(gated!, names)).toBe(false);
    expect(await monitorTriggers(open!, names)).toBe(true);
  });
});
