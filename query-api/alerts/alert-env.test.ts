import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../opensearch/config/parse-env.ts';
import { DEFAULT_ALERT_RULES } from '../../opensearch/alerting/alert-rules.ts';
import { alertEnvSchema } from './alert-env.ts';

const problem = (env: Record<string, string>) => {
  try {
    parseEnv(alertEnvSchema, env);
    return null;
  } catch (error) {
    return (error as ConfigError).problems[0];
  }
};

describe('alerting configuration', () => {
  it("defaults to the monitoring strategy's six rules and no webhooks", () => {
    const env = parseEnv(alertEnvSchema, {});
    expect(env.SYNCLOG_ALERT_RULES).toEqual(DEFAULT_ALERT_RULES);
    expect(env.SYNCLOG_ALERT_RULES.map((r) => r.kind)).toEqual([
      'error_rate',
      'error_burst',
      'critical_records',
      'slow_operations',
      'missing_data',
      'sla',
    ]);
    expect(env.SYNCLOG_ALERT_WEBHOOKS).toEqual([]);
  });

  it('words alerts in English unless SYNCLOG_ALERT_LANGUAGE says ru, and refuses other languages by name', () => {
    expect(parseEnv(alertEnvSchema, {}).SYNCLOG_ALERT_LANGUAGE).toBe('en');
    expect(parseEnv(alertEnvSchema, { SYNCLOG_ALERT_LANGUAGE: 'ru' }).SYNCLOG_ALERT_LANGUAGE).toBe('ru');
    expect(problem({ SYNCLOG_ALERT_LANGUAGE: 'de' })?.variable).toBe('SYNCLOG_ALERT_LANGUAGE');
  });

  it('stops start-up naming the setting of a bad webhook URL, rule or secret', () => {
    expect(problem({ SYNCLOG_ALERT_WEBHOOKS: 'https://hooks.example.com/a, ftp://files.example.com/b' })).toEqual({
      variable: 'SYNCLOG_ALERT_WEBHOOKS',
      message: expect.stringContaining('1: expected http(s) URLs'),
    });
    expect(problem({ SYNCLOG_ALERT_RULES: '[{"name": "rate", "kind": "error_rate", "threshold": 5}]' })).toEqual({
      variable: 'SYNCLOG_ALERT_RULES',
      message: expect.stringMatching(/^0\.threshold: /),
    });
    expect(
      problem({ SYNCLOG_ALERT_RULES: '[{"name": "a", "kind": "error_burst"}, {"name": "a", "kind": "error_rate"}]' }),
    ).toEqual({ variable: 'SYNCLOG_ALERT_RULES', message: '1.name: "a" is used twice' });
    expect(problem({ SYNCLOG_ALERT_WEBHOOK_SECRET: 'short' })).toEqual({
      variable: 'SYNCLOG_ALERT_WEBHOOK_SECRET',
      message: 'at least 16 characters',
    });
    expect(
      parseEnv(alertEnvSchema, { SYNCLOG_ALERT_WEBHOOKS: 'https://a.example.com/x,http://127.0.0.1:9/y' })
        .SYNCLOG_ALERT_WEBHOOKS,
    ).toHaveLength(2);
  });
});
