import type { AlertEvent } from './alert-event.ts';
import { iso, type AlertState, type Delivery, type FailedDelivery } from './alert-state.ts';
import { postAlertWebhook } from './post-alert-webhook.ts';

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed';

export interface AlertDeliveryOptions {
  /** HMAC key: when set, every webhook carries `X-Synclog-Signature`. */
  readonly secret?: string | undefined;
  /** First retry after this long, doubling with each attempt. */
  readonly retryBaseMs: number;
  /** Attempts before a delivery is recorded as failed. */
  readonly maxAttempts: number;
  readonly log: (line: string) => void;
  readonly notified?: (rule: string, state: AlertEvent['state'], outcome: DeliveryOutcome) => void;
  /** How an event reaches a webhook; anything thrown counts as a failed attempt. */
  readonly post?: typeof postAlertWebhook;
}

export interface DeliveryPass {
  /** The states whose outbox had something due, with their outbox and failures brought up to date. */
  readonly updated: readonly AlertState[];
  readonly delivered: number;
  readonly failed: number;
}

/** Failed deliveries an alert keeps for inspection: the latest ones. */
const KEPT_FAILURES = 20;

const isDue = (delivery: Delivery, now: number) => Date.parse(delivery.next_attempt_at) <= now;

/**
 * Attempts every delivery due at `now`, of this pass and of earlier ones: a failed attempt is
 * retried on the first pass after an exponential backoff and, after `maxAttempts`, recorded as failed.
 */
export async function deliverDue(
  states: Iterable<AlertState>,
  now: number,
  options: AlertDeliveryOptions,
): Promise<DeliveryPass> {
  const { log, maxAttempts } = options;
  const post = options.post ?? postAlertWebhook;
  const updated: AlertState[] = [];
  let delivered = 0;
  let failed = 0;
  for (const state of states) {
    if (!state.outbox.some((d) => isDue(d, now))) continue;
    const outbox: Delivery[] = [];
    const failedNow: FailedDelivery[] = [];
    for (const delivery of state.outbox) {
      if (!isDue(delivery, now)) {
        outbox.push(delivery);
        continue;
      }
      const attempts = delivery.attempts + 1;
      const what = `${delivery.event.state} of ${state.dedup_key} to ${delivery.url}`;
      try {
        await post(delivery.url, JSON.stringify(delivery.event), { secret: options.secret, now });
        delivered++;
        options.notified?.(state.rule, delivery.event.state, 'delivered');
      } catch (error) {
        const lastError = (error as Error).message;
        if (attempts >= maxAttempts) {
          failed++;
          failedNow.push({ ...delivery, attempts, last_error: lastError, failed_at: iso(now) });
          options.notified?.(state.rule, delivery.event.state, 'failed');
          log(`alerts: ${what} failed after ${attempts} attempts, giving up: ${lastError}`);
        } else {
          const next = iso(now + options.retryBaseMs * 2 ** (attempts - 1));
          outbox.push({ ...delivery, attempts, last_error: lastError, next_attempt_at: next });
          options.notified?.(state.rule, delivery.event.state, 'retrying');
          log(`alerts: ${what} failed (attempt ${attempts} of ${maxAttempts}, next at ${next}): ${lastError}`);
        }
      }
    }
    const failed_deliveries = [...state.failed_deliveries, ...failedNow].slice(-KEPT_FAILURES);
    updated.push({ ...state, outbox, failed_deliveries });
  }
  return { updated, delivered, failed };
}
