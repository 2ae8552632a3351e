import { z } from 'zod';
import { ConfigError, envBoolean, envInt, envJson } from '../../opensearch/config/parse-env.ts';
import { cronProblem } from './cron-periods.ts';
import type { ResolvedJob, ScheduledJob } from './scheduled-job.ts';
import type { SchedulerOptions } from './create-scheduler.ts';

const jobOverride = z.strictObject({
  cron: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  enabled: z.boolean().optional(),
  catchUp: z.number().int().min(1).max(1_000).optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
});

/** The scheduler's environment variables. */
export const schedulerEnvSchema = z.object({
  /** Default true; false runs no jobs in this instance (it still serves). */
  SYNCLOG_SCHEDULER_ENABLED: envBoolean.default(true),
  /** Default UTC: the time zone of every job's expression unless the job or its override names one. */
  SYNCLOG_SCHEDULER_TIMEZONE: z.string().default('UTC'),
  /** Default 30: seconds a leader's lease lasts without renewal. */
  SYNCLOG_SCHEDULER_LEASE_SECONDS: envInt(3, 3_600).default(30),
  /** Default 30: seconds before the first retry of a failed run (doubling per attempt, at most 10 minutes). */
  SYNCLOG_SCHEDULER_RETRY_SECONDS: envInt(1, 86_400).default(30),
  /**
   * JSON, per job name: `{"report-daily": {"cron": "0 7 * * *", "timezone": "Europe/Moscow",
   * "catchUp": 7}, "retention": {"enabled": false}}`.
   */
  SYNCLOG_SCHEDULE: envJson(z.record(z.string(), jobOverride)).default({}),
});

export type SchedulerEnv = z.infer<typeof schedulerEnvSchema>;

/** The scheduler's timings from its environment. */
export function schedulerOptions(env: SchedulerEnv, instanceId: string): SchedulerOptions {
  const leaseMs = env.SYNCLOG_SCHEDULER_LEASE_SECONDS * 1000;
  return {
    instanceId,
    leaseMs,
    heartbeatMs: Math.floor(leaseMs / 3),
    staleMs: leaseMs,
    retryBaseMs: env.SYNCLOG_SCHEDULER_RETRY_SECONDS * 1000,
    retryMaxMs: 600_000,
  };
}

/**
 * The registered jobs with configuration applied and every default filled in. An override for a
 * job that does not exist, an unreadable expression or an unknown time zone stops start-up,
 * naming SYNCLOG_SCHEDULE.
 */
export function resolveJobs(jobs: readonly ScheduledJob[], env: SchedulerEnv): ResolvedJob[] {
  const problems: string[] = [];
  const known = new Set(jobs.map((j) => j.name));
  for (const name of Object.keys(env.SYNCLOG_SCHEDULE))
    if (!known.has(name)) problems.push(`no job named "${name}" (jobs: ${[...known].join(', ')})`);
  const resolved = jobs.map((job): ResolvedJob => {
    const override = env.SYNCLOG_SCHEDULE[job.name] ?? {};
    const resolvedJob: ResolvedJob = {
      name: job.name,
      cron: override.cron ?? job.cron,
      timezone: override.timezone ?? job.timezone ?? env.SYNCLOG_SCHEDULER_TIMEZONE,
      enabled: env.SYNCLOG_SCHEDULER_ENABLED && (override.enabled ?? job.enabled ?? true),
      catchUp: override.catchUp ?? job.catchUp ?? 1,
      maxAttempts: override.maxAttempts ?? job.maxAttempts ?? 3,
      handler: job.handler,
    };
    const problem = cronProblem(resolvedJob.cron, resolvedJob.timezone);
    if (problem) problems.push(`${job.name}: ${problem}`);
    return resolvedJob;
  });
  if (problems.length > 0)
    throw new ConfigError(problems.map((message) => ({ variable: 'SYNCLOG_SCHEDULE', message })));
  return resolved;
}
