import { createServer } from 'node:net';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../test/generator/index.ts';
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

describe('the built-in alert evaluator notifying a webhook (real node, injected clock)', () => {
  it('POSTs one signed firing webhook for a burst, none for a second burst while firing or within the throttle, and one resolved when errors stop', async () => {
    const names = await freshNames();
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
});

describe('the built-in alert evaluator delivering to an unreachable webhook (real node, injected clock)', () => {
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
});
