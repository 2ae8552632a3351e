import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../opensearch/config/parse-env.ts';
import { resolveJobs, schedulerEnvSchema } from './scheduler-config.ts';

const jobs = [
  { name: 'report-daily', cron: '0 7 * * *', catchUp: 7, handler: () => 'daily' },
  { name: 'retention', cron: '30 3 * * *', handler: () => 'retention' },
];

describe('scheduler configuration', () => {
  it('fills defaults and applies overrides of expression, time zone, catch-up and enabled', () => {
    const env = parseEnv(schedulerEnvSchema, {
      SYNCLOG_SCHEDULER_TIMEZONE: 'Europe/Moscow',
      SYNCLOG_SCHEDULE: JSON.stringify({
        'report-daily': { cron: '0 8 * * 1-5', catchUp: 3 },
        retention: { enabled: false },
      }),
    });
    const [daily, retention] = resolveJobs(jobs, env);
    expect(daily).toMatchObject({
      name: 'report-daily',
      cron: '0 8 * * 1-5',
      timezone: 'Europe/Moscow',
      catchUp: 3,
      enabled: true,
      maxAttempts: 3,
    });
    expect(retention).toMatchObject({ name: 'retention', cron: '30 3 * * *', enabled: false, catchUp: 1 });
  });

  it('stops start-up naming SYNCLOG_SCHEDULE for bad JSON, unknown jobs, bad expressions and bad time zones', () => {
    expect(() => parseEnv(schedulerEnvSchema, { SYNCLOG_SCHEDULE: '{not json' })).toThrow(
      /SYNCLOG_SCHEDULE: expected JSON/,
    );
    expect(() => parseEnv(schedulerEnvSchema, { SYNCLOG_SCHEDULE: '{"report-daily": {"cron": 5}}' })).toThrow(
      /SYNCLOG_SCHEDULE/,
    );
    const bad = parseEnv(schedulerEnvSchema, {
      SYNCLOG_SCHEDULE: JSON.stringify({
        nope: {},
        'report-daily': { cron: '99 * * * *' },
        retention: { timezone: 'Mars/Olympus' },
      }),
    });
    let error: unknown;
    try {
      resolveJobs(jobs, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const messages = (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`).join('\n');
    expect(messages).toMatch(/SYNCLOG_SCHEDULE: no job named "nope"/);
    expect(messages).toMatch(/report-daily: "99 \* \* \* \*" is not a valid cron expression/);
    expect(messages).toMatch(/retention: .*Mars\/Olympus/);
  });

  it('turns every job off when SYNCLOG_SCHEDULER_ENABLED is false', () => {
    const env = parseEnv(schedulerEnvSchema, { SYNCLOG_SCHEDULER_ENABLED: 'false' });
    expect(resolveJobs(jobs, env).every((job) => !job.enabled)).toBe(true);
  });
});
