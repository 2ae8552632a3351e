import type { AlertRule } from './alert-rules.ts';

/** Whether `at` falls in a missing-data rule's active hours (local time in its zone). */
export function inActiveHours(rule: Extract<AlertRule, { kind: 'missing_data' }>, at: Date): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: rule.active_hours.time_zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  const time = `${parts.hour}:${parts.minute}`;
  return rule.active_hours.days.includes(day) && time >= rule.active_hours.from && time < rule.active_hours.to;
}
