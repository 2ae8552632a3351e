import { describe, expect, it } from 'vitest';
import { alertRulesSchema, DEFAULT_ALERT_RULES, windowMinutesOf } from './alert-rules.ts';

/** The path and message of every issue a rule set raises, or [] when it parses. */
const issuesOf = (rules: unknown) => {
  const result = alertRulesSchema.safeParse(rules);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('the SLA rule kind', () => {
  it('defaults to 99 % of at least 100 finished operations over 30 days, a warning repeated daily', () => {
    expect(alertRulesSchema.parse([{ name: 'sla', kind: 'sla' }])).toEqual([
      {
        name: 'sla',
        kind: 'sla',
        enabled: true,
        severity: 'warning',
        throttle_minutes: 1_440,
        window_days: 30,
        target: 0.99,
        min_operations: 100,
      },
    ]);
  });

  it('is among the default rules as sla-success-rate, with the kind defaults', () => {
    expect(DEFAULT_ALERT_RULES.find((r) => r.kind === 'sla')).toEqual(
      alertRulesSchema.parse([{ name: 'sla-success-rate', kind: 'sla' }])[0],
    );
  });

  it('accepts a window of 1 to 366 whole days and a target strictly between 0 and 1', () => {
    expect(issuesOf([{ name: 'year', kind: 'sla', window_days: 366, target: 0.999, min_operations: 1 }])).toEqual([]);
    expect(issuesOf([{ name: 'day', kind: 'sla', window_days: 1, target: 0.5 }])).toEqual([]);
  });

  it.each([
    [{ window_days: 367 }, 'window_days'],
    [{ window_days: 0 }, 'window_days'],
    [{ window_days: 1.5 }, 'window_days'],
    [{ target: 99 }, 'target'],
    [{ target: 1 }, 'target'],
    [{ target: 0 }, 'target'],
    [{ min_operations: 0 }, 'min_operations'],
    [{ throttle_minutes: 1_441 }, 'throttle_minutes'],
  ])('refuses %j, naming the field', (change, field) => {
    const issues = issuesOf([
      { name: 'ok', kind: 'error_rate' },
      { name: 'sla', kind: 'sla', ...change },
    ]);
    expect(issues.map((i) => i.path)).toEqual([`1.${field}`]);
  });

  it('refuses window_minutes on an SLA rule, so a window is never silently ignored', () => {
    expect(issuesOf([{ name: 'sla', kind: 'sla', window_minutes: 60 }])).toEqual([
      { path: '0', message: expect.stringContaining('window_minutes') },
    ]);
  });

  it("measures an SLA rule's window in days and every other rule's in minutes", () => {
    const [sla, rate] = alertRulesSchema.parse([
      { name: 'sla', kind: 'sla', window_days: 7 },
      { name: 'rate', kind: 'error_rate', window_minutes: 45 },
    ]);
    expect(windowMinutesOf(sla!)).toBe(7 * 24 * 60);
    expect(windowMinutesOf(rate!)).toBe(45);
  });
});
