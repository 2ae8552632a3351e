import type { OpenSearchClient } from '../client/create-client.ts';
import { exactPercentiles } from '../query/exact-percentiles.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { Clock } from '../shared/clock.ts';
import type { AlertEvent } from './alert-event.ts';
import { recordAlertEvent } from './alert-inbox.ts';
import { dedupKey, type AlertRule } from './alert-rules.ts';
import { postAlertWebhook } from './post-alert-webhook.ts';
import {
  findingsOf,
  inActiveHours,
  ruleQueryBody,
  slowOperationsFindings,
  type Finding,
  type WindowRange,
} from './rule-query.ts';

interface Delivery {
  readonly url: string;
  readonly event: AlertEvent;
  readonly attempts: number;
  readonly next_attempt_at: string;
  readonly last_error?: string;
}

/** The evaluator's state of one alert (`_id` its dedup key). */
interface AlertState {
  readonly dedup_key: string;
  readonly rule: string;
  readonly group: string;
  readonly state: 'firing' | 'resolved';
  readonly started_at: string;
  readonly resolved_at?: string;
  readonly evaluated_at: string;
  /** When this alert last notified firing; inside the rule's throttle no new episode notifies again. */
  readonly fired_notified_at?: string;
  /** This episode's firing was throttled, so its resolution is not notified either. */
  readonly suppressed: boolean;
  readonly last: AlertEvent;
  readonly outbox: readonly Delivery[];
  readonly failed_deliveries: ReadonlyArray<Delivery & { readonly failed_at: string }>;
}

export interface AlertEvaluatorMetrics {
  firing(rule: string, count: number): void;
  notified(rule: string, state: AlertEvent['state'], outcome: 'delivered' | 'retrying' | 'failed'): void;
}

export interface AlertEvaluatorDeps {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  readonly rules: readonly AlertRule[];
  readonly clock: Clock;
  readonly webhooks: readonly string[];
  /** HMAC key: when set, every webhook carries `X-Synclog-Signature`. */
  readonly secret?: string | undefined;
  readonly log?: (line: string) => void;
  readonly metrics?: AlertEvaluatorMetrics;
  /** First retry of a failed delivery after this long (on the first pass after it), doubling. Default 30 s. */
  readonly retryBaseMs?: number;
  /** Attempts before a delivery is recorded as failed. Default 5. */
  readonly maxAttempts?: number;
}

export interface EvaluationResult {
  /** Every transition of this pass, notified or throttled. */
  readonly events: readonly AlertEvent[];
  readonly delivered: number;
  readonly failed: number;
  /** Rules whose query failed this pass (their alerts keep their state). */
  readonly errors: readonly string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * synclog's own alert evaluator, for clusters without the Alerting plugin: each pass runs every
 * rule's query over its window, turns what holds into `firing` alerts and what stopped holding
 * into `resolved` ones (state kept in `<prefix>-alert-state`), records each transition in the
 * alert inbox, and POSTs it to every webhook — throttled per rule, retried with backoff across
 * passes, and in the end recorded as failed.
 */
export function createAlertEvaluator(deps: AlertEvaluatorDeps) {
  const { client, names, clock } = deps;
  const log = deps.log ?? (() => {});
  const retryBaseMs = deps.retryBaseMs ?? 30_000;
  const maxAttempts = deps.maxAttempts ?? 5;

  const search = async (body: Record<string, unknown>) =>
    (await client.search({ index: names.readAlias, ignore_unavailable: true, allow_no_indices: true, body } as never))
      .body as unknown;

  /** What a rule finds over its window; a slow-operations rule reads the nearest-rank percentile, not the t-digest. */
  async function findingsOfRule(rule: AlertRule, range: WindowRange, now: number): Promise<Finding[]> {
    const body = ruleQueryBody(rule, range);
    if (rule.kind === 'slow_operations') {
      const exact = await exactPercentiles(search, {
        query: body.query as Record<string, unknown>,
        field: 'duration_ms',
        percents: [rule.percentile],
      });
      return slowOperationsFindings(rule, exact?.count ?? 0, exact?.values[0] ?? null);
    }
    return findingsOf(rule, await search(body), rule.kind !== 'missing_data' || inActiveHours(rule, new Date(now)));
  }

  async function loadStates(): Promise<Map<string, AlertState>> {
    const { body } = await client.search({
      index: names.alertState,
      ignore_unavailable: true,
      body: { size: 10_000, query: { match_all: {} } },
    } as never);
    const hits = (body as unknown as { hits: { hits: Array<{ _source: AlertState }> } }).hits.hits;
    return new Map(hits.map((h) => [h._source.dedup_key, h._source]));
  }

  const eventOf = (
    rule: AlertRule,
    finding: Finding,
    state: AlertEvent['state'],
    startedAt: string,
    at: string,
  ): AlertEvent => ({
    source: 'synclog',
    rule: rule.name,
    kind: rule.kind,
    state,
    severity: rule.severity,
    dedup_key: dedupKey(rule.name, finding.group),
    group: finding.group,
    value: finding.value,
    threshold: finding.threshold,
    count: finding.count,
    summary: finding.summary,
    started_at: startedAt,
    at,
    samples: [...finding.samples],
  });

  async function evaluate(): Promise<EvaluationResult> {
    const now = clock.now();
    const states = await loadStates();
    const changed = new Map<string, AlertState>();
    const events: AlertEvent[] = [];
    const errors: string[] = [];
    const deliveriesOf = (event: AlertEvent): Delivery[] =>
      deps.webhooks.map((url) => ({ url, event, attempts: 0, next_attempt_at: iso(now) }));

    for (const rule of deps.rules.filter((r) => r.enabled)) {
      let findings: Finding[];
      try {
        findings = await findingsOfRule(rule, { gte: iso(now - rule.window_minutes * 60_000), lt: iso(now) }, now);
      } catch (error) {
        errors.push(`${rule.name}: ${(error as Error).message}`);
        log(`alerts: ${rule.name}: the rule's query failed, its alerts keep their state: ${(error as Error).message}`);
        continue;
      }
      const holding = new Set<string>();
      for (const finding of findings) {
        const key = dedupKey(rule.name, finding.group);
        holding.add(key);
        const before = states.get(key);
        if (before?.state === 'firing') {
          changed.set(key, {
            ...before,
            evaluated_at: iso(now),
            last: { ...eventOf(rule, finding, 'firing', before.started_at, iso(now)) },
          });
          continue;
        }
        const event = eventOf(rule, finding, 'firing', iso(now), iso(now));
        const suppressed =
          before?.fired_notified_at !== undefined &&
          now - Date.parse(before.fired_notified_at) < rule.throttle_minutes * 60_000;
        events.push(event);
        changed.set(key, {
          dedup_key: key,
          rule: rule.name,
          group: finding.group,
          state: 'firing',
          started_at: iso(now),
          evaluated_at: iso(now),
          ...(suppressed ? { fired_notified_at: before!.fired_notified_at! } : { fired_notified_at: iso(now) }),
          suppressed,
          last: event,
          outbox: [...(before?.outbox ?? []), ...(suppressed ? [] : deliveriesOf(event))],
          failed_deliveries: before?.failed_deliveries ?? [],
        });
        if (suppressed)
          log(`alerts: ${key} fires again within its ${rule.throttle_minutes} min throttle: recorded, not notified`);
      }
      for (const state of states.values()) {
        if (state.rule !== rule.name || state.state !== 'firing' || holding.has(state.dedup_key)) continue;
        const event: AlertEvent = {
          ...state.last,
          state: 'resolved',
          at: iso(now),
          summary: `resolved: ${state.last.summary}`,
        };
        events.push(event);
        changed.set(state.dedup_key, {
          ...state,
          state: 'resolved',
          resolved_at: iso(now),
          evaluated_at: iso(now),
          last: event,
          outbox: state.suppressed ? state.outbox : [...state.outbox, ...deliveriesOf(event)],
        });
      }
      const current = [...new Map([...states, ...changed]).values()];
      deps.metrics?.firing(rule.name, current.filter((s) => s.rule === rule.name && s.state === 'firing').length);
    }

    for (const event of events) await recordAlertEvent(client, names, event, new Date(now));

    // Deliveries due now, of this pass and of earlier ones.
    let delivered = 0;
    let failed = 0;
    for (const state of new Map([...states, ...changed]).values()) {
      if (!state.outbox.some((d) => Date.parse(d.next_attempt_at) <= now)) continue;
      const outbox: Delivery[] = [];
      const failedNow: Array<Delivery & { failed_at: string }> = [];
      for (const delivery of state.outbox) {
        if (Date.parse(delivery.next_attempt_at) > now) {
          outbox.push(delivery);
          continue;
        }
        const attempts = delivery.attempts + 1;
        try {
          await postAlertWebhook(delivery.url, JSON.stringify(delivery.event), { secret: deps.secret, now });
          delivered++;
          deps.metrics?.notified(state.rule, delivery.event.state, 'delivered');
        } catch (error) {
          const lastError = (error as Error).message;
          if (attempts >= maxAttempts) {
            failed++;
            failedNow.push({ ...delivery, attempts, last_error: lastError, failed_at: iso(now) });
            deps.metrics?.notified(state.rule, delivery.event.state, 'failed');
            log(
              `alerts: ${delivery.event.state} of ${state.dedup_key} to ${delivery.url} failed after ${attempts} attempts, giving up: ${lastError}`,
            );
          } else {
            const next = now + retryBaseMs * 2 ** (attempts - 1);
            outbox.push({ ...delivery, attempts, last_error: lastError, next_attempt_at: iso(next) });
            deps.metrics?.notified(state.rule, delivery.event.state, 'retrying');
            log(
              `alerts: ${delivery.event.state} of ${state.dedup_key} to ${delivery.url} failed (attempt ${attempts} of ${maxAttempts}, next at ${iso(next)}): ${lastError}`,
            );
          }
        }
      }
      changed.set(state.dedup_key, {
        ...state,
        outbox,
        failed_deliveries: [...state.failed_deliveries, ...failedNow].slice(-20),
      });
    }

    for (const state of changed.values())
      await client.index({ index: names.alertState, id: state.dedup_key, refresh: 'wait_for', body: state } as never);
    return { events, delivered, failed, errors };
  }

  return { evaluate };
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;
