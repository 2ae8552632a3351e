import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translator.ts';
import { ALERT_TEXT } from './alert-text.ts';
import type { AlertEvent } from './alert-event.ts';
import { dedupKey, type AlertRule } from './alert-rules.ts';
import { iso, type AlertState, type Delivery } from './alert-state.ts';
import type { Finding } from './finding.ts';

/** What one rule's findings change: the alerts' new states, the events to record, and why some stay silent. */
export interface RuleTransitions {
  /** New states by dedup key, in the order they changed. */
  readonly changed: ReadonlyMap<string, AlertState>;
  /** Every firing and resolved transition, notified or throttled. */
  readonly events: readonly AlertEvent[];
  /** One line per firing held back by the throttle. */
  readonly notes: readonly string[];
}

/** The alert event of a finding. */
export const eventOf = (
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

/** A new episode inside the throttle of the last notified one is recorded but not notified. */
export const withinThrottle = (rule: AlertRule, before: AlertState | undefined, now: number): boolean =>
  before?.fired_notified_at !== undefined &&
  now - Date.parse(before.fired_notified_at) < rule.throttle_minutes * 60_000;

/**
 * Turns a rule's findings into transitions against the states of the last pass: a finding of a
 * firing alert only refreshes it; any other finding starts a firing episode; a firing alert of
 * the rule that nothing found any more resolves. Each notified event gets one delivery per webhook.
 */
export function ruleTransitions(
  rule: AlertRule,
  findings: readonly Finding[],
  states: ReadonlyMap<string, AlertState>,
  now: number,
  webhooks: readonly string[],
  locale: Locale = 'en',
): RuleTransitions {
  const changed = new Map<string, AlertState>();
  const events: AlertEvent[] = [];
  const notes: string[] = [];
  const deliveriesOf = (event: AlertEvent): Delivery[] =>
    webhooks.map((url) => ({ url, event, attempts: 0, next_attempt_at: iso(now) }));
  const holding = new Set<string>();
  for (const finding of findings) {
    const key = dedupKey(rule.name, finding.group);
    holding.add(key);
    const before = states.get(key);
    if (before?.state === 'firing') {
      const last = eventOf(rule, finding, 'firing', before.started_at, iso(now));
      changed.set(key, { ...before, evaluated_at: iso(now), last });
      continue;
    }
    const event = eventOf(rule, finding, 'firing', iso(now), iso(now));
    const suppressed = withinThrottle(rule, before, now);
    events.push(event);
    changed.set(key, {
      dedup_key: key,
      rule: rule.name,
      group: finding.group,
      state: 'firing',
      started_at: iso(now),
      evaluated_at: iso(now),
      fired_notified_at: suppressed ? before!.fired_notified_at! : iso(now),
      suppressed,
      last: event,
      outbox: [...(before?.outbox ?? []), ...(suppressed ? [] : deliveriesOf(event))],
      failed_deliveries: before?.failed_deliveries ?? [],
    });
    if (suppressed)
      notes.push(`alerts: ${key} fires again within its ${rule.throttle_minutes} min throttle: recorded, not notified`);
  }
  for (const state of states.values()) {
    if (state.rule !== rule.name || state.state !== 'firing' || holding.has(state.dedup_key)) continue;
    const event: AlertEvent = {
      ...state.last,
      state: 'resolved',
      at: iso(now),
      summary: translator(ALERT_TEXT, locale)('resolved', { summary: state.last.summary }),
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
  return { changed, events, notes };
}
