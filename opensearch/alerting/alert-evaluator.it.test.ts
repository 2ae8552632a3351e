import { createServer } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
import { type IndexNames } from '../record/index-names.ts';
import type { SyncLogRecord } from '../record/schema.ts';
import { manualClock } from '../../test/manual-clock.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { startWebhookReceiver } from '../../test/webhook-receiver.ts';
import { writeRecords } from '../../test/write-records.ts';
import { alertEventSchema } from './alert-event.ts';
import { listAlerts } from './alert-inbox.ts';
import { createAlertEvaluator } from './alert-evaluator.ts';
import { alertRulesSchema } from './alert-rules.ts';
import { signatureOf } from './post-alert-webhook.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'alerts');
const freshNames = prefixes.fresh;
const T = Date.parse('2026-11-23T10:00:00.000Z'); // a Monday
const MIN = 60_000;
const SECRET = 'alert-signing-secret-0123456789';

afterAll(() => prefixes.dropAll());

let seed = 1;
/** `count` generated records at `at`, changed by `change`. */
function records(count: number, at: number, change: Partial<SyncLogRecord>): SyncLogRecord[] {
  return generateRecords({ seed: seed++, count, from: new Date(at), to: new Date(at + 1_000) }).map((r) => ({
    ...r,
    ...change,
  }));
}
/** Errors logged without an operation id, as plain winston calls log them: each is its own operation. */
const errors = (count: number, at: number) =>
  records(count, at, {
    status: 'error',
    operation_type: 'import_from_1c',
    operation_id: undefined,
    level: 'error',
    error_message: 'Timeout: 1C answered "busy"\\nretry',
  }).map((r) => ({ ...r, operation_key: r.event_id }));
/** The value of rank ⌈p·n/100⌉ of the sorted values. */
const nearestRank = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(Number(((p * values.length) / 100).toFixed(6)))) - 1]!;

describe('the built-in alert evaluator on a real node (injected clock)', () => {
  let names: IndexNames;
  beforeAll(async () => {
    names = await freshNames();
  });

  it('POSTs one signed firing webhook for a burst, none for a second burst while firing or within the throttle, and one resolved when errors stop', async () => {
    const receiver = await startWebhookReceiver();
    const { clock, advance } = manualClock(T);
    const rules = alertRulesSchema.parse([
      { name: 'burst', kind: 'error_burst', threshold: 5, window_minutes: 5, throttle_minutes: 30 },
    ]);
    const evaluator = createAlertEvaluator({ client, names, rules, clock, webhooks: [receiver.url], secret: SECRET });

    await writeRecords(client, names, 'month', errors(8, T - MIN));
    expect((await evaluator.evaluate()).events.map((e) => e.state)).toEqual(['firing']);
    const [firing] = await receiver.waitFor(1);
    const event = alertEventSchema.parse(JSON.parse(firing!.body));
    expect(event).toMatchObject({
      source: 'synclog',
      rule: 'burst',
      kind: 'error_burst',
      state: 'firing',
      group: 'import_from_1c',
      count: 8,
      threshold: 5,
      dedup_key: 'synclog:burst:import_from_1c',
      started_at: new Date(T).toISOString(),
    });
    expect(firing!.headers['x-synclog-signature']).toBe(
      signatureOf(SECRET, String(firing!.headers['x-synclog-timestamp']), firing!.body),
    );

    // A second burst while the alert fires: nothing new to say.
    advance(2 * MIN);
    await writeRecords(client, names, 'month', errors(6, T + 1.5 * MIN));
    expect((await evaluator.evaluate()).events).toEqual([]);
    expect(receiver.received).toHaveLength(1);

    // Errors stop: once the window holds none, one resolved event with the same dedup key.
    advance(5 * MIN);
    expect((await evaluator.evaluate()).events.map((e) => e.state)).toEqual(['resolved']);
    const [, resolved] = await receiver.waitFor(2);
    expect(JSON.parse(resolved!.body)).toMatchObject({
      state: 'resolved',
      dedup_key: 'synclog:burst:import_from_1c',
      started_at: new Date(T).toISOString(),
      at: new Date(T + 7 * MIN).toISOString(),
    });
    advance(MIN);
    expect((await evaluator.evaluate()).events).toEqual([]);

    // Another burst 10 minutes after the first firing, inside the 30 min throttle: recorded, not posted.
    await writeRecords(client, names, 'month', errors(7, T + 8 * MIN));
    advance(MIN);
    expect((await evaluator.evaluate()).events.map((e) => e.state)).toEqual(['firing']);
    advance(6 * MIN);
    expect((await evaluator.evaluate()).events.map((e) => e.state)).toEqual(['resolved']);
    expect(receiver.received).toHaveLength(2);

    const [alert] = await listAlerts(client, names, { limit: 10 });
    expect(alert).toMatchObject({ dedup_key: 'synclog:burst:import_from_1c', state: 'resolved', events: 4, count: 7 });
    await receiver.close();
  });

  it('retries a delivery to an unreachable receiver with backoff across passes, then records it as failed', async () => {
    const own = await freshNames();
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const url = `http://127.0.0.1:${(closed.address() as { port: number }).port}/hook`;
    await new Promise((resolve) => closed.close(resolve));
    const { clock, advance } = manualClock(T);
    const log: string[] = [];
    const outcomes: string[] = [];
    const rules = alertRulesSchema.parse([{ name: 'burst', kind: 'error_burst', threshold: 5, window_minutes: 60 }]);
    const evaluator = createAlertEvaluator({
      client,
      names: own,
      rules,
      clock,
      webhooks: [url],
      maxAttempts: 3,
      retryBaseMs: 30_000,
      log: (line) => log.push(line),
      metrics: { firing: () => {}, notified: (_rule, state, outcome) => outcomes.push(`${state} ${outcome}`) },
    });
    await writeRecords(client, own, 'month', errors(6, T - MIN));

    expect((await evaluator.evaluate()).failed).toBe(0);
    advance(10_000);
    await evaluator.evaluate(); // not due yet: 30 s after the first attempt
    advance(20_000);
    expect((await evaluator.evaluate()).failed).toBe(0);
    advance(60_000);
    expect((await evaluator.evaluate()).failed).toBe(1);
    expect(outcomes).toEqual(['firing retrying', 'firing retrying', 'firing failed']);
    expect(log.at(-1)).toMatch(
      /firing of synclog:burst:import_from_1c to http:\/\/127\.0\.0\.1:\d+\/hook failed after 3 attempts, giving up/,
    );
    const { body } = await client.get({ index: own.alertState, id: 'synclog:burst:import_from_1c' } as never);
    const state = (
      body as unknown as {
        _source: { outbox: unknown[]; failed_deliveries: Array<{ url: string; attempts: number; last_error: string }> };
      }
    )._source;
    expect(state.outbox).toEqual([]);
    expect(state.failed_deliveries).toEqual([
      expect.objectContaining({ url, attempts: 3, last_error: expect.any(String) }),
    ]);
  });

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
