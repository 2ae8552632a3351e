import { describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from './env.ts';
import { ConfigError, parseEnv } from './parse-env.ts';

describe('configuration from the environment', () => {
  it('gives the documented defaults for an empty environment', () => {
    const env = parseEnv(openSearchEnvSchema, {});
    expect(env).toMatchObject({
      SYNCLOG_INDEX_PREFIX: 'synclog',
      SYNCLOG_INDEX_PERIOD: 'month',
      SYNCLOG_RETENTION_HOT_DAYS: 90,
      SYNCLOG_RETENTION_DELETE_DAYS: 730,
      OPENSEARCH_TLS_VERIFY: true,
      OPENSEARCH_REQUEST_TIMEOUT_MS: 30_000,
      NODE_ENV: 'development',
    });
    expect(env.OPENSEARCH_URL).toBeUndefined();
  });

  it('names every invalid variable in one error', () => {
    const attempt = () =>
      parseEnv(openSearchEnvSchema, {
        SYNCLOG_INDEX_PERIOD: 'year',
        OPENSEARCH_TLS_VERIFY: 'maybe',
        OPENSEARCH_URL: 'ftp://x',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const variables = (error as ConfigError).problems.map((p) => p.variable);
      expect(variables).toEqual(
        expect.arrayContaining(['SYNCLOG_INDEX_PERIOD', 'OPENSEARCH_TLS_VERIFY', 'OPENSEARCH_URL']),
      );
      expect((error as Error).message).toMatch(/^Invalid configuration: .*SYNCLOG_INDEX_PERIOD/);
    }
  });

  it('reads several comma-separated URLs and typed values', () => {
    const env = parseEnv(openSearchEnvSchema, {
      OPENSEARCH_URL: 'https://a:9200, https://b:9200',
      OPENSEARCH_TLS_VERIFY: 'false',
      SYNCLOG_INDEX_SHARDS: '2',
      OPENSEARCH_AWS_REGION: 'eu-west-1',
    });
    expect(env.OPENSEARCH_URL).toEqual(['https://a:9200', 'https://b:9200']);
    expect(env.OPENSEARCH_TLS_VERIFY).toBe(false);
    expect(env.SYNCLOG_INDEX_SHARDS).toBe(2);
    expect(env.OPENSEARCH_AWS_SERVICE).toBe('es');
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PERIOD: '' }).SYNCLOG_INDEX_PERIOD).toBe('month');
  });
});
