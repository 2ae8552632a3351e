import { describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../../opensearch/config/parse-env.ts';
import { synclogHome } from '../../opensearch/local/local-paths.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { alertEnvSchema } from '../alerts/alert-env.ts';
import { authEnvSchema } from '../auth/api-tokens.ts';
import { reportDeliveryEnvSchema } from '../reports/delivery/report-delivery-env.ts';
import { schedulerEnvSchema } from '../scheduler/scheduler-config.ts';
import { serviceEnvSchema } from '../service-env.ts';
import { configVariables } from './config-variables.ts';
import { SERVICE_CONFIG_FEATURES, serviceConfigFromEnv, serviceConfigSchema } from './service-config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    serviceConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

const ENV = {
  OPENSEARCH_URL: 'https://a.example.com:9200,https://b.example.com:9200',
  SYNCLOG_INDEX_PREFIX: 'crm',
  SYNCLOG_RETENTION_HOT_DAYS: '30',
  PORT: '9090',
  SYNCLOG_REPORT_TIMEZONE: 'Europe/Moscow',
  SYNCLOG_API_TOKENS: 'admin:admin-token-0123456789',
  SYNCLOG_SCHEDULER_LEASE_SECONDS: '60',
  SYNCLOG_SMTP_URL: 'smtp://mail.example.com:587',
  SYNCLOG_REPORTS: '{"daily": {"to": ["ops@example.com"]}}',
  SYNCLOG_ALERT_WEBHOOKS: 'https://hooks.example.com/a',
  SYNCLOG_HOME: '/srv/synclog',
};

describe('the service configuration', () => {
  it('gives each feature the same slice its own schema reads from the environment', () => {
    const config = serviceConfigFromEnv(ENV);
    expect(config.opensearch).toEqual(parseEnv(openSearchEnvSchema, ENV));
    expect(config.http).toEqual(parseEnv(serviceEnvSchema, ENV));
    expect(config.auth).toEqual(parseEnv(authEnvSchema, ENV));
    expect(config.scheduler).toEqual(parseEnv(schedulerEnvSchema, ENV));
    expect(config.reports).toEqual({ timeZone: 'Europe/Moscow', delivery: parseEnv(reportDeliveryEnvSchema, ENV) });
    expect(config.alerts).toEqual(parseEnv(alertEnvSchema, ENV));
    // Index names carry functions: compare the data.
    expect(JSON.stringify(config.setup)).toBe(JSON.stringify(setupConfigFromEnv(parseEnv(openSearchEnvSchema, ENV))));
    expect(config.setup.lifecycle.hot_days).toBe(30);
    expect(config.home).toBe('/srv/synclog');
  });

  it('fills every default from an empty environment, SYNCLOG_HOME resolved by the one function that decides it', () => {
    const config = serviceConfigFromEnv({});
    expect(config.http).toMatchObject({ PORT: 8080, SYNCLOG_HTTP_HOST: '127.0.0.1', SYNCLOG_REPORT_TIMEZONE: 'UTC' });
    expect(config.setup.names.prefix).toBe('synclog');
    expect(config.home).toBe(synclogHome({}));
    expect(serviceConfigFromEnv({ XDG_CACHE_HOME: '/tmp/cache' }).home).toBe(
      synclogHome({ XDG_CACHE_HOME: '/tmp/cache' }),
    );
  });

  it('names every bad variable of every feature in one error', () => {
    const problems = problemsOf({
      SYNCLOG_INDEX_PERIOD: 'year',
      PORT: 'eighty',
      SYNCLOG_API_OPEN: 'maybe',
      SYNCLOG_SCHEDULE: '{not json',
      SYNCLOG_ALERT_WEBHOOK_SECRET: 'short',
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'PORT',
      'SYNCLOG_ALERT_WEBHOOK_SECRET',
      'SYNCLOG_API_OPEN',
      'SYNCLOG_INDEX_PERIOD',
      'SYNCLOG_SCHEDULE',
    ]);
  });

  it('keeps the checks that span variables: a mailed report needs a mail server, deletion comes after the hot phase', () => {
    expect(problemsOf({ SYNCLOG_REPORTS: '{"monthly": {"to": ["boss@example.com"]}}' })).toEqual([
      { variable: 'SYNCLOG_SMTP_URL', message: expect.stringContaining('monthly') },
    ]);
    expect(problemsOf({ SYNCLOG_RETENTION_HOT_DAYS: '90', SYNCLOG_RETENTION_DELETE_DAYS: '60' })).toEqual([
      { variable: 'SYNCLOG_RETENTION_DELETE_DAYS', message: 'must be greater than SYNCLOG_RETENTION_HOT_DAYS' },
    ]);
  });

  it('gives every variable to exactly one feature', () => {
    const owners = Object.values(SERVICE_CONFIG_FEATURES).flatMap((schema) => Object.keys(schema.shape));
    expect(new Set(owners).size).toBe(owners.length);
    expect(owners.sort()).toEqual(Object.keys(serviceConfigSchema.shape).sort());
  });
});

describe('the list of configuration variables', () => {
  it('lists every variable once, with the default the schema applies to an unset variable', () => {
    const listed = configVariables();
    expect(listed.map((v) => v.variable).sort()).toEqual(Object.keys(serviceConfigSchema.shape).sort());
    const parsed = parseEnv(serviceConfigSchema, {}) as Record<string, unknown>;
    for (const { variable, hasDefault, default: value } of listed) {
      expect({ variable, value }).toEqual({ variable, value: hasDefault ? parsed[variable] : undefined });
      if (!hasDefault) expect(variable in parsed).toBe(false);
    }
  });

  it('states the documented defaults', () => {
    const defaults = Object.fromEntries(configVariables().map((v) => [v.variable, v.default]));
    expect(defaults).toMatchObject({
      PORT: 8080,
      SYNCLOG_HTTP_HOST: '127.0.0.1',
      SYNCLOG_INDEX_PREFIX: 'synclog',
      SYNCLOG_RETENTION_HOT_DAYS: 90,
      SYNCLOG_SCHEDULER_LEASE_SECONDS: 30,
      SYNCLOG_ALERT_WEBHOOKS: [],
    });
    expect(defaults.OPENSEARCH_URL).toBeUndefined();
  });
});
