import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../../opensearch/config/parse-env.ts';
import { reportDeliveryEnvSchema, targetsOf } from './report-delivery-env.ts';
import { targetInLanguage } from './target-language.ts';

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

  it('reads a default report language and a per-target language prefix, keeping each target as configured', () => {
    const env = parseEnv(reportDeliveryEnvSchema, {
      SYNCLOG_SMTP_URL: 'smtp://m:25',
      SYNCLOG_REPORT_LANGUAGE: 'ru',
      SYNCLOG_REPORTS: JSON.stringify({
        daily: { to: ['en:boss@example.com', 'admin@example.ru'], webhooks: ['en:https://hooks.example.com/r'] },
      }),
    });
    expect(targetsOf(env, 'daily')).toEqual({
      to: ['en:boss@example.com', 'admin@example.ru'],
      webhooks: ['en:https://hooks.example.com/r'],
      attachment: 'xlsx',
      language: 'ru',
    });
    expect(targetsOf(parseEnv(reportDeliveryEnvSchema, {}), 'weekly').language).toBe('en');
    expect(targetInLanguage('RU:admin@example.ru', 'en')).toEqual({ target: 'admin@example.ru', locale: 'ru' });
    expect(targetInLanguage('admin@example.ru', 'ru')).toEqual({ target: 'admin@example.ru', locale: 'ru' });
    expect(targetInLanguage('https://hooks.example.com/r', 'ru')).toEqual({
      target: 'https://hooks.example.com/r',
      locale: 'ru',
    });
  });

  it('stops start-up naming the variable for an unknown report language or language prefix', () => {
    expect(problemsOf({ SYNCLOG_REPORT_LANGUAGE: 'de' })).toEqual([
      { variable: 'SYNCLOG_REPORT_LANGUAGE', message: expect.stringMatching(/en.*ru/) },
    ]);
    expect(
      problemsOf({ SYNCLOG_SMTP_URL: 'smtp://m:25', SYNCLOG_REPORTS: '{"daily": {"to": ["de:chef@example.de"]}}' }),
    ).toEqual([{ variable: 'SYNCLOG_REPORTS', message: 'daily.to.0: unknown language "de:" (expected en or ru)' }]);
    expect(problemsOf({ SYNCLOG_REPORTS: '{"weekly": {"webhooks": ["ru:ftp://x"]}}' })).toEqual([
      { variable: 'SYNCLOG_REPORTS', message: 'weekly.webhooks.0: expected an http(s) URL' },
    ]);
    expect(
      problemsOf({ SYNCLOG_SMTP_URL: 'smtp://m:25', SYNCLOG_REPORTS: '{"daily": {"to": ["ru:not-an-address"]}}' }),
    ).toEqual([{ variable: 'SYNCLOG_REPORTS', message: expect.stringMatching(/^daily\.to\.0: /) }]);
  });
});
