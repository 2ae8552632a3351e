import { afterAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import type { SyncLogRecord } from '../record/schema.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import { createAlertEvaluator } from './alert-evaluator.ts';
import { alertRulesSchema } from './alert-rules.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'alerts');
const freshNames = prefixes.fresh;
const T = Date.parse('2026-11-23T10:00:00.000Z'); // a Monday
const MIN = 60_000;

afterAll(() => prefixes.dropAll());

let seed = 1;
/** `count` generated records at `at`, changed by `change`. */
function records(count: number, at: number, change: Partial<SyncLogRecord>): SyncLogRecord[] {
  return generateRecords({ seed: seed++, count, from: new Date(at), to: new Date(at + 1_000) }).map((r) => ({
    ...r,
    ...change,
  }));
}
/** The value of rank ⌈p·n/100⌉ of the sorted values. */
const nearestRank = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(Number(((p * values.length) / 100).toFixed(6)))) - 1]!;

describe('the built-in alert evaluator judging each rule kind (real node, injected clock)', () => {
  it('fires each rule kind on records that break it and stays quiet on records that do not', async () => {
    const own = await freshNames();
    const { clock } = manualClock(T);
    const rules = alertRulesSchema.parse([
      { name: 'rate', kind: 'error_rate', threshold: 0.2, min_operations: 10 },
      { name: 'slow', kind: 'slow_operations', threshold_ms: 5_000, min_operations: 10 },
      { name: 'critical', kind: 'critical_records', categories: ['security'], patterns: ['certificate "expired"'] },
      {
        name: 'silent',
        kind: 'missing_data',
        window_minutes: 30,
        active_hours: { from: '08:00', to: '20:00', days: [1, 2, 3, 4, 5], time_zone: 'Europe/Moscow' },
      },
      {
        name: 'silent-at-night',
        kind: 'missing_data',
        window_minutes: 30,
        active_hours: { from: '00:00', to: '06:00', days: [1], time_zone: 'UTC' },
      },
    ]);
    const evaluator = createAlertEvaluator({ client, names: own, rules, clock, webhooks: [] });
    // Nothing logged yet: only the missing-data rule inside its hours fires.
    expect((await evaluator.evaluate()).events.map((e) => e.rule)).toEqual(['silent']);

    const at = T - 5 * MIN;
    const written: SyncLogRecord[] = [
      ...records(30, at, { status: 'success', duration_ms: 200 }),
      // Half the errors logged without an id: each still an operation of its own.
      ...records(12, at, { status: 'error', duration_ms: 9_000 }).map(({ operation_id, ...r }, i) =>
        i % 2 ? { ...r, operation_key: r.event_id } : { ...r, operation_id },
      ),
      ...records(1, at, { level: 'warn', category: 'security', status: 'success' }),
      ...records(1, at, {
        level: 'error',
        status: 'error',
        error_message: 'TLS: certificate "expired" on 1C endpoint',
      }),
      // A phrase matches word for word (quotes and case aside): this one does not.
      ...records(1, at, { level: 'error', status: 'error', error_message: 'the certificate has expired' }),
    ];
    await writeRecords(client, own, 'month', written);
    const outcomes = written.filter((r) => r.operation_key && r.status !== 'pending');
    expect(outcomes.filter((r) => !r.operation_id)).toHaveLength(6);
    const fired = (await evaluator.evaluate()).events;
    expect(fired.map((e) => `${e.rule} ${e.state}`).sort()).toEqual([
      'critical firing',
      'rate firing',
      'silent resolved',
      'slow firing',
    ]);
    const critical = written.filter(
      (r) =>
        r.level === 'critical' || r.category === 'security' || /certificate\W+expired/i.test(r.error_message ?? ''),
    );
    expect(critical.length).toBeLessThan(written.length - 1);
    expect(fired.find((e) => e.rule === 'critical')).toMatchObject({ count: critical.length });
    expect(fired.find((e) => e.rule === 'rate')!.value).toBeCloseTo(
      outcomes.filter((r) => r.status === 'error').length / outcomes.length,
      6,
    );
    expect(fired.find((e) => e.rule === 'slow')).toMatchObject({
      value: nearestRank(
        written.flatMap((r) => (r.duration_ms === undefined ? [] : [r.duration_ms])),
        95,
      ),
    });
  });
});

describe('the built-in alert evaluator judging slow operations (real node, injected clock)', () => {
  it('judges slow operations by the nearest-rank percentile of the window, not an estimate, on a heavy-tailed window', async () => {
    const own = await freshNames();
    const { clock } = manualClock(T);
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const durations = Array.from({ length: 553 }, (_, i) =>
      i % 25 === 0 ? 20_000 + Math.floor(random() * 40_000) : Math.floor(30 / (1 - random()) ** 1.2),
    );
    const written = records(durations.length, T - 5 * MIN, {}).map((r, i) => ({
      ...r,
      status: 'success',
      duration_ms: durations[i]!,
    }));
    await writeRecords(client, own, 'month', written);
    for (const percentile of [95, 99]) {
      const exact = nearestRank(durations, percentile);
      const rules = alertRulesSchema.parse([
        {
          name: `over-${percentile}`,
          kind: 'slow_operations',
          percentile,
          threshold_ms: Math.floor(exact * 0.98),
          min_operations: 10,
        },
        // The value read never exceeds the exact one: at the exact value the rule holds its peace.
        { name: `at-${percentile}`, kind: 'slow_operations', percentile, threshold_ms: exact, min_operations: 10 },
      ]);
      const { events } = await createAlertEvaluator({ client, names: own, rules, clock, webhooks: [] }).evaluate();
      expect(
        events.map((e) => e.rule),
        `p${percentile}`,
      ).toEqual([`over-${percentile}`]);
      expect(events[0]!.count).toBe(durations.length);
      expect(
        Math.abs(events[0]!.value! - exact),
        `p${percentile}: ${events[0]!.value} vs ${exact}`,
      ).toBeLessThanOrEqual(Math.max(0.01 * exact, 1));
    }
  });
});
