import type { AlertingSetup } from '../opensearch/alerting/alerting-install.ts';
import type { OpenSearchClient } from '../opensearch/client/create-client.ts';
import type { AlertEnv } from '../query-api/alerts/alert-env.ts';
import { describeShardBudget } from '../opensearch/setup/check-shard-budget.ts';
import type { SetupConfig } from '../opensearch/setup/setup-config.ts';
import { runSetup, type SetupReport } from '../opensearch/setup/run-setup.ts';

const EXECUTOR_LABEL = {
  retention: { ism: 'Index State Management (ISM) plugin', builtin: "synclog's built-in lifecycle runner" },
  alerting: { 'alerting-plugin': 'Alerting + Notifications plugins', builtin: "synclog's built-in alert evaluator" },
} as const;

/** Prints a setup report: the cluster, the executors in charge, the shard budget and its warnings, and one line per resource. */
export function describeSetup(report: SetupReport): string[] {
  const { capabilities, changes } = report;
  const lines = [
    `cluster: OpenSearch ${capabilities.version}; plugins: ${capabilities.plugins.join(', ') || 'none'}`,
    `retention is run by ${EXECUTOR_LABEL.retention[capabilities.executors.retention]}`,
    `alerting is run by ${EXECUTOR_LABEL.alerting[capabilities.executors.alerting]}`,
  ];
  lines.push(describeShardBudget(report.shardBudget));
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  for (const c of changes) lines.push(`  ${c.action.padEnd(9)} ${c.kind} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
  const changed = changes.filter((c) => c.action === 'created' || c.action === 'updated').length;
  lines.push(changed === 0 ? 'setup: nothing to change' : `setup: ${changed} change(s) applied`);
  return lines;
}

export async function setupCommand(
  client: OpenSearchClient,
  config: SetupConfig,
  say: (line: string) => void,
  alerting?: AlertingSetup,
): Promise<SetupReport> {
  const report = await runSetup(client, config, alerting);
  for (const line of describeSetup(report)) say(line);
  return report;
}

/** The alert rules and webhooks from the environment, as setup installs them where the Alerting plugin runs them. */
export const alertingSetupOf = (env: AlertEnv): AlertingSetup => ({
  rules: env.SYNCLOG_ALERT_RULES,
  webhooks: env.SYNCLOG_ALERT_WEBHOOKS,
  receiverSecret: env.SYNCLOG_ALERT_RECEIVER_SECRET,
  language: env.SYNCLOG_ALERT_LANGUAGE,
});
