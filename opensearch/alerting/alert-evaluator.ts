import type { OpenSearchClient } from '../client/create-client.ts';
import type { Locale } from '../i18n/locale.ts';
import type { IndexNames } from '../record/index-names.ts';
import type { Clock } from '../shared/clock.ts';
import { deliverDue } from './alert-delivery.ts';
import type { AlertEvent } from './alert-event.ts';
import { recordAlertEvent } from './alert-inbox.ts';
import type { AlertRule } from './alert-rules.ts';
import { loadAlertStates, saveAlertStates, type AlertState } from './alert-state.ts';
import { ruleTransitions } from './alert-transitions.ts';
import { findingsOfRule, searchRecords } from './rule-findings.ts';
import type { Finding } from './finding.ts';

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
  /** The language of the alerts' summaries (`SYNCLOG_ALERT_LANGUAGE`). Default English. */
  readonly language?: Locale;
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

/**
 * synclog's own alert evaluator, for clusters without the Alerting plugin: each pass runs every
 * rule's query over its window, turns what holds into `firing` alerts and what stopped holding
 * into `resolved` ones (state kept in `<prefix>-alert-state`), records each transition in the
 * alert inbox, and POSTs it to every webhook — throttled per rule, retried with backoff across
 * passes, and in the end recorded as failed.
 */
export function createAlertEvaluator(deps: AlertEvaluatorDeps) {
  const { client, names, clock, metrics } = deps;
  const log = deps.log ?? (() => {});
  const search = searchRecords(client, names);
  const delivery = {
    secret: deps.secret,
    retryBaseMs: deps.retryBaseMs ?? 30_000,
    maxAttempts: deps.maxAttempts ?? 5,
    log,
    ...(metrics ? { notified: metrics.notified.bind(metrics) } : {}),
  };

  async function evaluate(): Promise<EvaluationResult> {
    const now = clock.now();
    const states = await loadAlertStates(client, names);
    // States changed by this pass, in the order they changed: the order they are delivered and saved in.
    const changed = new Map<string, AlertState>();
    const current = () => new Map([...states, ...changed]).values();
    const events: AlertEvent[] = [];
    const errors: string[] = [];

    for (const rule of deps.rules.filter((r) => r.enabled)) {
      let findings: Finding[];
      try {
        findings = await findingsOfRule(search, rule, now, deps.language);
      } catch (error) {
        errors.push(`${rule.name}: ${(error as Error).message}`);
        log(`alerts: ${rule.name}: the rule's query failed, its alerts keep their state: ${(error as Error).message}`);
        continue;
      }
      const transitions = ruleTransitions(rule, findings, states, now, deps.webhooks, deps.language);
      for (const [key, state] of transitions.changed) changed.set(key, state);
      events.push(...transitions.events);
      transitions.notes.forEach((note) => log(note));
      metrics?.firing(rule.name, [...current()].filter((s) => s.rule === rule.name && s.state === 'firing').length);
    }

    for (const event of events) await recordAlertEvent(client, names, event, new Date(now));
    const { updated, delivered, failed } = await deliverDue(current(), now, delivery);
    for (const state of updated) changed.set(state.dedup_key, state);
    await saveAlertStates(client, names, changed.values());
    return { events, delivered, failed, errors };
  }

  return { evaluate };
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;
