import { parseArgs } from 'node:util';
import { ConfigError } from '../opensearch/config/parse-env.ts';
import { LocalNodeError } from '../opensearch/local/local-node-error.ts';
import { UnsupportedClusterError } from '../opensearch/cluster/cluster-capabilities.ts';
import { errorStatus } from '../opensearch/shared/response-errors.ts';
import { connect } from './connect.ts';
import { alertsCommand } from './alerts-command.ts';
import { capacityCommand } from './capacity-command.ts';
import { dashboardsCommand } from './dashboards-command.ts';
import { deadLetterCommand } from './dead-letter-command.ts';
import { localClusterOptions } from './local-cluster-options.ts';
import { opensearchCommand } from './opensearch-command.ts';
import { reportCommand } from './report-command.ts';
import { retentionCommand } from './retention-command.ts';
import { scheduleCommand } from './schedule-command.ts';
import { serveCommand } from './serve-command.ts';
import { alertingSetupOf, setupCommand } from './setup-command.ts';
import { serviceConfigFromEnv } from '../query-api/config/service-config.ts';
import { verifyCommand } from './verify-command.ts';

const USAGE = `usage: synclog <command>

  serve                         run the HTTP service (starts the local node when OPENSEARCH_URL is unset)
  setup                         apply templates, aliases, repository and metadata to the cluster
  opensearch start|stop|status|logs [--name NAME] [--nodes N] [--port PORT]
                                the local OpenSearch node(s) used when no cluster is configured
  verify [--public-key PEM] [--checkpoints DIR|FILE] [--producer ID|PREFIX*] [--from ISO] [--to ISO] [--json]
                                check every producer's records against its chain and signed checkpoints:
                                missing, duplicated, altered, inserted, reordered (exit 1 if any)
  dead-letter list [--limit N] [--reason-code CODE] [--error-type T] [--from ISO] [--to ISO] [--json]
  dead-letter show <id> [--json]
  dead-letter replay --id ID [--id ID ...] | --all [--reason-code CODE] [--error-type T] [--from ISO] [--to ISO] [--dry-run] [--json]
                                inspect rejected records; replay the valid ones into the log indices
  schedule status [--json]      scheduled jobs: next and last runs, failures, current leader
  schedule run <job> [--period ISO] [--json]
                                run a job now, once per period like the service
  report daily|weekly|monthly [--date YYYY-MM-DD] [--time-zone TZ] [--format json|csv|xlsx|html]
         [--out FILE] [--lang en|ru] [--email]
                                the daily summary, the weekly error analysis from --date, or the
                                monthly activity of --date's month (default: yesterday / the 7 days
                                up to it / last month, in SYNCLOG_REPORT_TIMEZONE), worded in --lang
                                (default SYNCLOG_REPORT_LANGUAGE, else en); --email mails it to its
                                recipients in SYNCLOG_REPORTS
  alerts list [--state firing|resolved] [--rule R] [--limit N] [--json]
  alerts ack <key> [--comment C]
                                alerts from either executor; acknowledge one
  dashboards export [--out FILE] | dashboards import --url URL [--user NAME]
                                OpenSearch Dashboards saved objects (password: SYNCLOG_DASHBOARDS_PASSWORD)
  retention status|verify [--json]
                                each log index's lifecycle state; check the policy is kept (exit 1 if not)
  retention run [--dry-run] [--json]
                                one pass of the lifecycle runner now (what the daily job runs)
  retention archive --before DATE | retention restore (INDEX | --from ISO --to ISO)
                                snapshot now; restore archives under <prefix>-restored-<period>
  retention hold (INDEX | --from ISO --to ISO) --reason R | retention release ID [--reason R] | retention holds
                                legal holds: what they cover is never deleted
  capacity <records-per-day> [--json]
                                indices, shards, disk and nodes per retention phase (docs/capacity.md)`;

const say = (line: string) => console.log(line);

/** Runs one `synclog` command; returns the process exit code. */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      nodes: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      producer: { type: 'string' },
      'public-key': { type: 'string', multiple: true },
      checkpoints: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      limit: { type: 'string' },
      'error-type': { type: 'string' },
      'reason-code': { type: 'string' },
      id: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      period: { type: 'string' },
      reason: { type: 'string' },
      before: { type: 'string' },
      date: { type: 'string' },
      'time-zone': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      email: { type: 'boolean' },
      lang: { type: 'string' },
      state: { type: 'string' },
      rule: { type: 'string' },
      comment: { type: 'string' },
      url: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const [command, action] = positionals;
  try {
    switch (command) {
      case 'opensearch': {
        const nodes = values.nodes === undefined ? 1 : Number(values.nodes);
        const port = values.port === undefined ? undefined : Number(values.port);
        if (!Number.isInteger(nodes) || nodes < 1 || nodes > 5)
          throw new ConfigError([{ variable: '--nodes', message: 'expected 1 to 5' }]);
        if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
          throw new ConfigError([{ variable: '--port', message: 'expected a port number' }]);
        }
        const base = localClusterOptions(env);
        return await opensearchCommand(
          action,
          { ...base, name: values.name ?? base.name, nodes, port: port ?? base.port },
          say,
        );
      }
      case 'setup': {
        const config = serviceConfigFromEnv(env);
        const { client } = await connect(config.opensearch, env, say);
        await setupCommand(client, config.setup, say, alertingSetupOf(config.alerts));
        await client.close();
        return 0;
      }
      case 'serve':
        return await serveCommand(env, say);
      case 'verify':
        return await verifyCommand(values, env, say);
      case 'schedule':
        return await scheduleCommand(action, positionals.slice(2), values, env, say);
      case 'report':
        return await reportCommand(action, values, env, say);
      case 'dashboards':
        return await dashboardsCommand(action, values, env, say);
      case 'alerts':
        return await alertsCommand(action, positionals.slice(2), values, env, say);
      case 'retention':
        return await retentionCommand(action, positionals.slice(2), values, env, say);
      case 'capacity':
        return capacityCommand(action, values, env, say);
      case 'dead-letter':
        return await deadLetterCommand(action, positionals.slice(2), values, env, say);
      default:
        say(USAGE);
        return command === undefined || values.help ? 0 : 2;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof LocalNodeError || error instanceof UnsupportedClusterError) {
      console.error(`synclog: ${error.message}`);
      return 1;
    }
    const { status, reason } = errorStatus(error);
    if (['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError'].includes((error as Error)?.name)) {
      console.error(`synclog: cannot reach OpenSearch: ${reason}`);
      return 1;
    }
    if (status !== undefined) {
      console.error(`synclog: OpenSearch answered ${status}: ${reason}`);
      return 1;
    }
    throw error;
  }
}
