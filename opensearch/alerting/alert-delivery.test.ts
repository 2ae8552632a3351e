import { describe, expect, it } from 'vitest';
import { deliverDue, type DeliveryOutcome } from './alert-delivery.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertState, Delivery } from './alert-state.ts';

const T = Date.parse('2026-11-23T10:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const event: AlertEvent = {
  source: 'synclog',
  rule: 'burst',
  kind: 'error_burst',
  state: 'firing',
  severity: 'warning',
  dedup_key: 'synclog:burst',
  group: '',
  value: 8,
  threshold: 5,
  count: 8,
  summary: '8 errors',
  started_at: at(T),
  at: at(T),
  samples: [],
};
const delivery = (url: string, due: number, attempts = 0): Delivery => ({
  url,
  event,
  attempts,
  next_attempt_at: at(due),
});
const stateWith = (outbox: Delivery[], failed = 0): AlertState => ({
  dedup_key: 'synclog:burst',
  rule: 'burst',
  group: '',
  state: 'firing',
  started_at: at(T),
  evaluated_at: at(T),
  suppressed: false,
  last: event,
  outbox,
  failed_deliveries: Array.from({ length: failed }, (_, i) => ({
    ...delivery(`http://old/${i}`, T),
    failed_at: at(T),
  })),
});

/** A run of `deliverDue` whose receivers answer as `answers` says (true: 2xx), recording what happened. */
async function pass(states: AlertState[], now: number, answers: Record<string, boolean>) {
  const posted: Array<{ url: string; body: string; secret?: string | undefined; now: number }> = [];
  const outcomes: string[] = [];
  const log: string[] = [];
  const result = await deliverDue(states, now, {
    secret: 'k',
    retryBaseMs: 30_000,
    maxAttempts: 3,
    log: (line) => log.push(line),
    notified: (rule, state, outcome: DeliveryOutcome) => outcomes.push(`${rule} ${state} ${outcome}`),
    post: async (url, body, options) => {
      posted.push({ url, body, secret: options.secret, now: options.now });
      if (!answers[url]) throw new Error(`${url} answered 503`);
    },
  });
  return { ...result, posted, outcomes, log };
}

describe('delivering alert events to webhooks', () => {
  it('posts what is due, signed, keeps what is not due yet, and leaves states with nothing due alone', async () => {
    const later = delivery('http://b/hook', T + 1);
    const result = await pass(
      [stateWith([delivery('http://a/hook', T), later]), { ...stateWith([later]), dedup_key: 'synclog:idle' }],
      T,
      { 'http://a/hook': true },
    );
    expect(result.posted).toEqual([{ url: 'http://a/hook', body: JSON.stringify(event), secret: 'k', now: T }]);
    expect(result).toMatchObject({ delivered: 1, failed: 0 });
    expect(result.updated.map((s) => [s.dedup_key, s.outbox])).toEqual([['synclog:burst', [later]]]);
    expect(result.outcomes).toEqual(['burst firing delivered']);
  });

  it('retries a failed attempt after a backoff that doubles with each attempt', async () => {
    const first = await pass([stateWith([delivery('http://a/hook', T)])], T, {});
    expect(first.updated[0]!.outbox).toEqual([
      expect.objectContaining({
        attempts: 1,
        next_attempt_at: at(T + 30_000),
        last_error: 'http://a/hook answered 503',
      }),
    ]);
    const second = await pass([first.updated[0]!], T + 30_000, {});
    expect(second.updated[0]!.outbox).toEqual([
      expect.objectContaining({ attempts: 2, next_attempt_at: at(T + 30_000 + 60_000) }),
    ]);
    expect([...first.outcomes, ...second.outcomes]).toEqual(['burst firing retrying', 'burst firing retrying']);
    expect(second.log).toEqual([
      `alerts: firing of synclog:burst to http://a/hook failed (attempt 2 of 3, next at ${at(T + 90_000)}): http://a/hook answered 503`,
    ]);
  });

  it('records a delivery as failed after the last attempt, keeping the latest 20 failures', async () => {
    const result = await pass([stateWith([delivery('http://a/hook', T, 2)], 20)], T, {});
    expect(result).toMatchObject({ delivered: 0, failed: 1, outcomes: ['burst firing failed'] });
    const [state] = result.updated;
    expect(state!.outbox).toEqual([]);
    expect(state!.failed_deliveries).toHaveLength(20);
    expect(state!.failed_deliveries.at(-1)).toMatchObject({ url: 'http://a/hook', attempts: 3, failed_at: at(T) });
    expect(state!.failed_deliveries[0]!.url).toBe('http://old/1');
    expect(result.log).toEqual([
      'alerts: firing of synclog:burst to http://a/hook failed after 3 attempts, giving up: http://a/hook answered 503',
    ]);
  });
});
