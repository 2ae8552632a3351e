import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../opensearch/config/parse-env.ts';
import { serviceConfigFromEnv } from '../config/service-config.ts';
import { authSettingsOf, DEFAULT_AUTH_SETTINGS } from './auth-settings.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    serviceConfigFromEnv(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable).sort();
    throw error;
  }
};

describe('the settings of sessions and failed credentials', () => {
  it('default to 30 idle minutes, 12 hours at most, no trusted proxy, 10 failures per 300 s, 10,000 clients', () => {
    expect(DEFAULT_AUTH_SETTINGS).toEqual({
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
      trustProxy: false,
      maxFailures: 10,
      windowMs: 300_000,
      trackedClients: 10_000,
    });
    expect(authSettingsOf(serviceConfigFromEnv({}).auth)).toEqual(DEFAULT_AUTH_SETTINGS);
  });

  it('are read from the environment in the units they are named in', () => {
    const env = {
      SYNCLOG_SESSION_IDLE_MINUTES: '5',
      SYNCLOG_SESSION_MAX_HOURS: '2',
      SYNCLOG_TRUST_PROXY: 'true',
      SYNCLOG_AUTH_MAX_FAILURES: '4',
      SYNCLOG_AUTH_WINDOW_SECONDS: '60',
      SYNCLOG_AUTH_TRACKED_CLIENTS: '500',
    };
    expect(authSettingsOf(serviceConfigFromEnv(env).auth)).toEqual({
      sessionIdleMs: 300_000,
      sessionMaxMs: 7_200_000,
      trustProxy: true,
      maxFailures: 4,
      windowMs: 60_000,
      trackedClients: 500,
    });
  });

  it('stop start-up naming each invalid variable', () => {
    expect(
      problemsOf({
        SYNCLOG_SESSION_IDLE_MINUTES: '0',
        SYNCLOG_SESSION_MAX_HOURS: 'forever',
        SYNCLOG_TRUST_PROXY: 'maybe',
        SYNCLOG_AUTH_MAX_FAILURES: '2.5',
        SYNCLOG_AUTH_WINDOW_SECONDS: '-1',
        SYNCLOG_AUTH_TRACKED_CLIENTS: '10',
      }),
    ).toEqual([
      'SYNCLOG_AUTH_MAX_FAILURES',
      'SYNCLOG_AUTH_TRACKED_CLIENTS',
      'SYNCLOG_AUTH_WINDOW_SECONDS',
      'SYNCLOG_SESSION_IDLE_MINUTES',
      'SYNCLOG_SESSION_MAX_HOURS',
      'SYNCLOG_TRUST_PROXY',
    ]);
  });
});
