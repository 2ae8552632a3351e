import { ConfigError } from '../opensearch/config/parse-env.ts';
import { systemClock } from '../opensearch/shared/clock.ts';
import { commandAccessLog } from '../query-api/audit/command-access-log.ts';
import { serviceConfigFromEnv } from '../query-api/config/service-config.ts';
import { createScheduler } from '../query-api/scheduler/create-scheduler.ts';
import { scheduleStatus } from '../query-api/scheduler/schedule-status.ts';
import { resolveJobs, schedulerOptions } from '../query-api/scheduler/scheduler-config.ts';
import { serviceJobs } from '../query-api/scheduler/service-jobs.ts';
import { connect } from './connect.ts';

/**
 * `synclog schedule status [--json]`: jobs, next and last runs, failures, current leader.
 * `synclog schedule run <job> [--period ISO] [--json]`: runs one job now, once per period like the
 * service does (a period that already succeeded, or is running elsewhere, is refused; exit 1).
 */
export async function scheduleCommand(
  action: string | undefined,
  args: readonly string[],
  values: { period?: string | undefined; json?: boolean | undefined },
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  if (action !== 'status' && action !== 'run')
    throw new ConfigError([{ variable: 'schedule', message: 'expected "status" or "run <job>"' }]);
  const period = values.period === undefined ? undefined : new Date(values.period);
  if (period && Number.isNaN(period.getTime()))
    throw new ConfigError([{ variable: '--period', message: 'expected an ISO date-time' }]);
  if (action === 'run' && !args[0])
    throw new ConfigError([{ variable: 'schedule run', message: 'name the job to run' }]);
  const service = serviceConfigFromEnv(env);
  const { names } = service.setup;
  const { client } = await connect(service.opensearch, env, (line) => !values.json && say(line));
  const accessLog = commandAccessLog(client, names);
  try {
    const jobs = resolveJobs(
      serviceJobs({
        client,
        config: service.setup,
        reports: service.reports,
        accessLog,
        alerts: { env: service.alerts },
      }),
      service.scheduler,
    );
    if (action === 'status') {
      const status = await scheduleStatus(client, names, jobs, new Date());
      if (values.json) say(JSON.stringify(status, null, 2));
      else {
        say(
          status.leader
            ? `leader: ${status.leader.holder} (lease ${status.leader.expired ? 'expired' : 'until'} ${status.leader.expires_at})`
            : 'leader: none yet',
        );
        for (const job of status.jobs) {
          const last = job.last_run
            ? `${job.last_run.state} for ${job.last_run.period} (attempt ${job.last_run.attempts}, ${job.last_run.instance})`
            : 'never ran';
          say(`${job.name}  ${job.cron} ${job.timezone}${job.enabled ? '' : '  DISABLED'}`);
          say(
            `  next ${job.next_run ?? '–'}; last ${last}; last success ${job.last_success ?? '–'}; failed ${job.failed}, retrying ${job.retrying}`,
          );
        }
      }
      return 0;
    }
    const scheduler = createScheduler(
      { client, names, clock: systemClock, log: say },
      schedulerOptions(service.scheduler, `cli-${process.pid}`),
      jobs,
    );
    const outcome = await scheduler.runNow(args[0]!, period);
    if (values.json) say(JSON.stringify(outcome, null, 2));
    else if (outcome.ran)
      say(
        `${outcome.record.job} for ${outcome.record.period}: ${outcome.record.state}${outcome.record.error ? ` (${outcome.record.error})` : ''}`,
      );
    else say(`not run: ${outcome.reason}`);
    return outcome.ran && outcome.record.state === 'succeeded' ? 0 : 1;
  } finally {
    await accessLog.close();
    await client.close();
  }
}
