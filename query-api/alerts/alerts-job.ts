import { createAlertEvaluator, type AlertEvaluatorMetrics } from '../../opensearch/alerting/alert-evaluator.ts';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { detectCapabilities } from '../../opensearch/cluster/cluster-capabilities.ts';
import { systemClock } from '../../opensearch/shared/clock.ts';
import type { ScheduledJob } from '../scheduler/scheduled-job.ts';
import type { AlertEnv } from './alert-env.ts';

/**
 * `alerts`, every minute: one pass of the built-in evaluator — unless the cluster has the Alerting
 * and Notifications plugins, whose monitors (installed by `synclog setup`) then run the rules, so
 * the two never alert side by side.
 */
export function alertsJob(deps: {
  client: OpenSearchClient;
  names: IndexNames;
  env: AlertEnv;
  metrics?: AlertEvaluatorMetrics;
  log?: (line: string) => void;
}): ScheduledJob {
  const evaluator = createAlertEvaluator({
    client: deps.client,
    names: deps.names,
    rules: deps.env.SYNCLOG_ALERT_RULES,
    clock: systemClock,
    webhooks: deps.env.SYNCLOG_ALERT_WEBHOOKS,
    secret: deps.env.SYNCLOG_ALERT_WEBHOOK_SECRET,
    language: deps.env.SYNCLOG_ALERT_LANGUAGE,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });
  return {
    name: 'alerts',
    cron: '* * * * *',
    maxAttempts: 1,
    async handler() {
      const { executors } = await detectCapabilities(deps.client);
      if (executors.alerting !== 'builtin') return { skipped: "the cluster's Alerting plugin runs the rules" };
      const result = await evaluator.evaluate();
      if (result.errors.length > 0) throw new Error(result.errors.join('; '));
      return {
        events: result.events.map((e) => `${e.dedup_key} ${e.state}`),
        delivered: result.delivered,
        failed: result.failed,
      };
    },
  };
}
