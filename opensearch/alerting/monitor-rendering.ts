import type { Locale } from '../i18n/locale.ts';
import type { IndexNames } from '../record/index-names.ts';
import { windowMinutesOf, type AlertRule } from './alert-rules.ts';
import { renderBucketLevelMonitor } from './bucket-level-monitor.ts';
import { renderDocumentLevelMonitor } from './document-level-monitor.ts';
import { actionsOf } from './monitor-actions.ts';
import { renderQueryLevelMonitor } from './query-level-monitor.ts';

/**
 * The native form of the rules: OpenSearch Alerting monitors and Notifications webhook channels,
 * in the request formats the plugins document (Alerting API: `POST _plugins/_alerting/monitors`;
 * Notifications API: `POST _plugins/_notifications/configs`). Each monitor type renders in a file
 * of its own; this one picks the type for a rule and adds what all monitors share.
 */

export { renderChannels } from './notification-channels.ts';
export { messageTemplate } from './monitor-message.ts';
export { quotedPhrase } from './document-level-monitor.ts';

/** `* 8-19 * * 1,2,3,4,5`: a missing-data rule's active hours as the monitor's cron (whole hours; minutes are rounded to the hour). */
function activeHoursCron(rule: Extract<AlertRule, { kind: 'missing_data' }>): string {
  const from = Number(rule.active_hours.from.slice(0, 2));
  const to = Math.max(from, Number(rule.active_hours.to.slice(0, 2)) - (rule.active_hours.to.endsWith(':00') ? 1 : 0));
  return `* ${from}-${to} * * ${[...rule.active_hours.days]
    .sort()
    .map((d) => d % 7)
    .join(',')}`;
}

/** Every minute, except a missing-data rule: only in its active hours, where silence is an incident. */
const scheduleOf = (rule: AlertRule) =>
  rule.kind === 'missing_data'
    ? { cron: { expression: activeHoursCron(rule), timezone: rule.active_hours.time_zone } }
    : { period: { interval: 1, unit: 'MINUTES' } };

/** `<prefix> <rule>`: monitors of different prefixes on one cluster never collide. */
export const monitorName = (prefix: string, rule: string) => `${prefix} ${rule}`;

/** The Alerting monitor of a rule, posting to every channel. */
export function renderMonitor(
  rule: AlertRule,
  names: Pick<IndexNames, 'prefix' | 'readAlias' | 'logsPattern'>,
  channelIds: readonly string[],
  locale: Locale = 'en',
): Record<string, unknown> {
  const name = monitorName(names.prefix, rule.name);
  const range = { gte: `{{period_end}}||-${windowMinutesOf(rule)}m`, lt: '{{period_end}}', format: 'epoch_millis' };
  const base = { type: 'monitor', name, enabled: rule.enabled, schedule: scheduleOf(rule) };
  const actions = actionsOf(rule, name, channelIds);
  switch (rule.kind) {
    case 'error_burst':
      return { ...base, ...renderBucketLevelMonitor(rule, names.readAlias, range, actions, locale) };
    case 'critical_records':
      return { ...base, ...renderDocumentLevelMonitor(rule, names.logsPattern, actions, locale) };
    default:
      return { ...base, ...renderQueryLevelMonitor(rule, names.readAlias, range, actions, locale) };
  }
}
