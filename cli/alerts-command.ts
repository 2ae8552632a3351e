import { hostname, userInfo } from 'node:os';
import { acknowledgeAlert, listAlerts } from '../opensearch/alerting/alert-inbox.ts';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { alertsQuerySchema } from '../query-api/alerts/alert-routes.ts';
import { connect } from './connect.ts';

/**
 * `synclog alerts list [--state firing|resolved] [--rule R] [--limit N] [--json]`: alerts from
 * either executor, latest first. `synclog alerts ack <key> [--comment C]`: acknowledges one, as the
 * local user.
 */
export async function alertsCommand(
  action: string | undefined,
  args: readonly string[],
  values: {
    state?: string | undefined;
    rule?: string | undefined;
    limit?: string | undefined;
    comment?: string | undefined;
    json?: boolean | undefined;
  },
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  if (action !== 'list' && action !== 'ack')
    throw new ConfigError([{ variable: 'alerts', message: 'expected "list" or "ack <key>"' }]);
  const filter = alertsQuerySchema.safeParse({
    state: values.state,
    rule: values.rule,
    ...(values.limit ? { limit: values.limit } : {}),
  });
  if (!filter.success)
    throw new ConfigError([
      { variable: `--${String(filter.error.issues[0]!.path[0])}`, message: filter.error.issues[0]!.message },
    ]);
  if (action === 'ack' && !args[0])
    throw new ConfigError([
      { variable: 'alerts ack', message: 'name the alert (its dedup key, e.g. synclog:error-rate)' },
    ]);
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const { names } = setupConfigFromEnv(openSearchEnv);
  const { client } = await connect(openSearchEnv, env, (line) => !values.json && say(line));
  try {
    if (action === 'ack') {
      const alert = await acknowledgeAlert(client, names, args[0]!, {
        by: `cli:${userInfo().username}@${hostname()}`,
        at: new Date(),
        comment: values.comment,
      });
      if (!alert) {
        console.error(`synclog: no alert ${args[0]}`);
        return 1;
      }
      say(
        values.json
          ? JSON.stringify(alert, null, 2)
          : `acknowledged ${alert.dedup_key} (${alert.state} since ${alert.started_at})`,
      );
      return 0;
    }
    const alerts = await listAlerts(client, names, filter.data);
    if (values.json) say(JSON.stringify(alerts, null, 2));
    else {
      if (alerts.length === 0) say('no alerts');
      for (const a of alerts) {
        say(
          `${a.state.padEnd(8)} ${a.severity.padEnd(8)} ${a.dedup_key}  since ${a.started_at}${a.acknowledged ? `  acknowledged by ${a.acknowledged.by}` : ''}`,
        );
        say(`  ${a.summary.split('\n')[0]!.slice(0, 160)}`);
      }
    }
    return 0;
  } finally {
    await client.close();
  }
}
