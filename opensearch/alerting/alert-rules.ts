import { z } from 'zod';

const name = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, "_" and "-"');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/**
 * At most a day: the Alerting plugin refuses a monitor whose action throttle exceeds
 * `plugins.alerting.action_throttle_max_value` (24 h unless an operator raises it), and a rule
 * must run on either executor.
 */
const throttleMinutes = z.number().int().min(0).max(1_440);
const base = {
  name,
  enabled: z.boolean().default(true),
  severity: z.enum(['critical', 'warning', 'info']).default('warning'),
  /** After a firing notification, the same alert does not notify firing again for this long. */
  throttle_minutes: throttleMinutes.default(30),
};
const common = {
  ...base,
  /** The rule looks at the records of the last `window_minutes`. */
  window_minutes: z.number().int().min(1).max(1_440).default(15),
};

/** One alert rule: what holds, over which window, how loud. Both executors run the same definition. */
export const alertRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('error_rate'),
    /** Errors ÷ finished operations above this fires. */
    threshold: z.number().gt(0).lt(1).default(0.05),
    /** Fewer finished operations than this in the window never fire (3 errors of 10 is noise). */
    min_operations: z.number().int().min(1).default(20),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('error_burst'),
    /** Errors of one operation type in the window; one alert per operation type. */
    threshold: z.number().int().min(1).default(10),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('critical_records'),
    /** Records of level `critical` always match; so do these categories… */
    categories: z.array(z.string().min(1).max(256)).default(['security']),
    /** …and error messages containing any of these phrases. */
    patterns: z.array(z.string().min(1).max(256)).default([]),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('slow_operations'),
    percentile: z.number().gt(0).lt(100).default(95),
    /** The percentile of `duration_ms` above this fires. */
    threshold_ms: z.number().int().min(1).default(5_000),
    min_operations: z.number().int().min(1).default(20),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('missing_data'),
    /** Only between these local times on these ISO weekdays (1 = Monday) is silence an incident. */
    active_hours: z
      .strictObject({
        from: clockTime.default('08:00'),
        to: clockTime.default('20:00'),
        days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
        time_zone: z.string().default('UTC'),
      })
      .default({ from: '08:00', to: '20:00', days: [1, 2, 3, 4, 5], time_zone: 'UTC' }),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('sla'),
    /**
     * The SLA period: the rule looks at the operations finished in the last `window_days`. Days,
     * not `window_minutes`: an SLA is agreed per month or quarter, far past a day's minutes.
     */
    window_days: z.number().int().min(1).max(366).default(30),
    /** Successes ÷ finished operations below this fires (0.99: 99 % of operations end `success`). */
    target: z.number().gt(0).lt(1).default(0.99),
    /**
     * Fewer finished operations than this in the window never fire. 100 is the least count at which
     * a single failure leaves the share at 99 % or above: a quiet week or a new installation does
     * not breach the default target on its first failed import.
     */
    min_operations: z.number().int().min(1).default(100),
    /**
     * A breach of a 30-day share lasts days: a native monitor repeats its notification on every run
     * while the rule holds, so once a day, not every half hour.
     */
    throttle_minutes: throttleMinutes.default(1_440),
  }),
]);

export type AlertRule = z.infer<typeof alertRuleSchema>;
export type AlertRuleKind = AlertRule['kind'];

/**
 * The monitoring strategy's rules: error rate over 5 %, bursts, critical records, p95 over 5 s, a
 * silent integration, and the SLA (under 99 % of operations ending `success` over 30 days; a
 * warning, since the error-rate rule already pages for an incident that is under way).
 */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = z.array(alertRuleSchema).parse([
  { name: 'error-rate', kind: 'error_rate', severity: 'critical' },
  { name: 'error-burst', kind: 'error_burst', window_minutes: 5 },
  { name: 'critical-records', kind: 'critical_records', severity: 'critical', window_minutes: 5, throttle_minutes: 10 },
  { name: 'slow-operations', kind: 'slow_operations' },
  { name: 'missing-data', kind: 'missing_data', window_minutes: 30 },
  { name: 'sla-success-rate', kind: 'sla' },
]);

/** The minutes of records a rule looks at: its `window_minutes`, or an SLA rule's `window_days`. */
export const windowMinutesOf = (rule: AlertRule): number =>
  rule.kind === 'sla' ? rule.window_days * 1_440 : rule.window_minutes;

/** Rule names are unique: they name monitors, alert keys and metrics labels. */
export const alertRulesSchema = z.array(alertRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    if (seen.has(rule.name))
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${rule.name}" is used twice` });
    seen.add(rule.name);
  }
});

/** `synclog:<rule>[:<group>]`: the same for an alert's firing and resolved events, on either executor. */
export const dedupKey = (rule: string, group: string) => (group ? `synclog:${rule}:${group}` : `synclog:${rule}`);
