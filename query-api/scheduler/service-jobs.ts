import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { runLifecyclePass } from '../../opensearch/lifecycle/lifecycle-runner.ts';
import type { SetupConfig } from '../../opensearch/setup/setup-config.ts';
import type { AlertEvaluatorMetrics } from '../../opensearch/alerting/alert-evaluator.ts';
import type { AlertEnv } from '../alerts/alert-env.ts';
import { alertsJob } from '../alerts/alerts-job.ts';
import type { AccessLogWriter } from '../audit/access-log-writer.ts';
import { reportJobs } from '../reports/delivery/report-jobs.ts';
import type { ReportSettings } from '../reports/delivery/report-delivery-env.ts';
import { schedulerHousekeepingJob } from './housekeeping-job.ts';
import type { ScheduledJob } from './scheduled-job.ts';

/** Every job the service schedules: the one list the service, `synclog schedule` and `GET /schedule` share. */
export function serviceJobs(deps: {
  client: OpenSearchClient;
  config: SetupConfig;
  reports: ReportSettings;
  /** Where report sends are recorded. */
  accessLog: AccessLogWriter;
  alerts: { env: AlertEnv; metrics?: AlertEvaluatorMetrics; log?: (line: string) => void };
}): ScheduledJob[] {
  const { client, config } = deps;
  return [
    {
      name: 'retention',
      cron: '30 2 * * *',
      async handler({ runId }) {
        const outcomes = await runLifecyclePass({
          client,
          names: config.names,
          policy: config.lifecycle,
          now: () => new Date(),
          by: `scheduler:${runId}`,
        });
        const failed = outcomes.filter((o) => o.outcome === 'failed');
        // A failed step fails the run, so it is retried and, in the end, visible as failed.
        if (failed.length > 0)
          throw new Error(failed.map((o) => `${o.index}: ${o.action} failed: ${o.detail}`).join('; '));
        return {
          steps: outcomes.filter((o) => o.outcome === 'done').length,
          blocked: outcomes.filter((o) => o.outcome === 'blocked').map((o) => `${o.index}: ${o.detail}`),
        };
      },
    },
    schedulerHousekeepingJob(client, config.names),
    ...reportJobs({ client, names: config.names, settings: deps.reports, accessLog: deps.accessLog }),
    alertsJob({ client, names: config.names, ...deps.alerts }),
  ];
}
