import type { OpenSearchClient } from '../client/create-client.ts';
import type { Locale } from '../i18n/locale.ts';
import { exactPercentiles, type SearchBody } from '../query/exact-percentiles.ts';
import type { IndexNames } from '../record/index-names.ts';
import { windowMinutesOf, type AlertRule } from './alert-rules.ts';
import { iso } from './alert-state.ts';
import { inActiveHours } from './active-hours.ts';
import { findingsOf, slowOperationsFindings, type Finding } from './finding.ts';
import { ruleQueryBody, type WindowRange } from './rule-query.ts';

/** A search over the records' read alias that tolerates a cluster with no log index yet. */
export const searchRecords =
  (client: OpenSearchClient, names: Pick<IndexNames, 'readAlias'>): SearchBody =>
  async (body) =>
    (await client.search({ index: names.readAlias, ignore_unavailable: true, allow_no_indices: true, body } as never))
      .body as unknown;

/** The window a rule looks at when evaluated at `now`: its last `window_minutes` (an SLA rule's `window_days`). */
export const windowEndingAt = (rule: AlertRule, now: number): WindowRange => ({
  gte: iso(now - windowMinutesOf(rule) * 60_000),
  lt: iso(now),
});

/** What a rule finds over its window; a slow-operations rule reads the nearest-rank percentile, not the t-digest. */
export async function findingsOfRule(
  search: SearchBody,
  rule: AlertRule,
  now: number,
  locale: Locale = 'en',
): Promise<Finding[]> {
  const body = ruleQueryBody(rule, windowEndingAt(rule, now));
  if (rule.kind === 'slow_operations') {
    const exact = await exactPercentiles(search, {
      query: body.query as Record<string, unknown>,
      field: 'duration_ms',
      percents: [rule.percentile],
    });
    return slowOperationsFindings(rule, exact?.count ?? 0, exact?.values[0] ?? null, locale);
  }
  const active = rule.kind !== 'missing_data' || inActiveHours(rule, new Date(now));
  return findingsOf(rule, await search(body), active, locale);
}
