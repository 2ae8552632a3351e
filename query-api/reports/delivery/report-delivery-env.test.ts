import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../../opensearch/config/parse-env.ts';
import { reportDeliveryEnvSchema } from './report-delivery-env.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseEnv(reportDeliveryEnvSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('report delivery configuration', () => {
  it('reads recipients, webhooks and the attachment per report, with defaults', () => {
    const env = parseEnv(reportDeliveryEnvSchema, {
      SYNCLOG_SMTP_URL: 'smtp://mail.example.com:587',
      SYNCLOG_REPORTS:
        '{"daily": {"to": ["ops@example.com"]}, "weekly": {"webhooks": ["https://hooks.example.com/r"]}}',
    });
    expect(env.SYNCLOG_REPORTS.daily).toEqual({ to: ['ops@example.com'], webhooks: [], attachment: 'xlsx' });
    expect(env.SYNCLOG_REPORTS.weekly).toEqual({
      to: [],
      webhooks: ['https://hooks.example.com/r'],
      attachment: 'xlsx',
    });
    expect(env.SYNCLOG_MAIL_FROM).toBe('synclog <synclog@localhost>');
    expect(parseEnv(reportDeliveryEnvSchema, {}).SYNCLOG_REPORTS).toEqual({});
  });

  it('names the variable and the place inside its JSON of every bad value', () => {
    expect(
      problemsOf({ SYNCLOG_REPORTS: '{"daily": {"to": ["not-an-address"]}}', SYNCLOG_SMTP_URL: 'smtp://m:25' }),
    ).toEqual([{ variable: 'SYNCLOG_REPORTS', message: expect.stringMatching(/^daily\.to\.0: /) }]);
    expect(problemsOf({ SYNCLOG_REPORTS: '{"hourly": {}}' })).toEqual([
      { variable: 'SYNCLOG_REPORTS', message: expect.stringContaining('hourly') },
    ]);
    expect(problemsOf({ SYNCLOG_REPORTS: '{daily' })).toEqual([
      { variable: 'SYNCLOG_REPORTS', message: 'expected JSON' },
    ]);
    expect(problemsOf({ SYNCLOG_REPORTS: '{"weekly": {"webhooks": ["ftp://x"]}}' })).toEqual([
      { variable: 'SYNCLOG_REPORTS', message: 'weekly.webhooks.0: expected an http(s) URL' },
    ]);
    expect(problemsOf({ SYNCLOG_SMTP_URL: 'http://mail:25' })).toEqual([
      { variable: 'SYNCLOG_SMTP_URL', message: expect.stringContaining('smtp://') },
    ]);
  });

  it('needs a mail server once any report names recipients', () => {
    expect(problemsOf({ SYNCLOG_REPORTS: '{"monthly": {"to": ["boss@example.com"]}}' })).toEqual([
      { variable: 'SYNCLOG_SMTP_URL', message: expect.stringContaining('monthly') },
    ]);
  });
});
