import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { defaultSynclogHome } from '../opensearch/local/local-paths.ts';
import { systemClock } from '../opensearch/shared/clock.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { createAccessLogWriter } from '../query-api/audit/access-log-writer.ts';
import { authEnvSchema, tokensFromEnv } from '../query-api/auth/api-tokens.ts';
import { createApp } from '../query-api/create-app.ts';
import { createCircuitBreaker } from '../query-api/http/circuit-breaker.ts';
import { createScheduler } from '../query-api/scheduler/create-scheduler.ts';
import { resolveJobs, schedulerEnvSchema, schedulerOptions } from '../query-api/scheduler/scheduler-config.ts';
import { createSchedulerMetrics } from '../query-api/scheduler/scheduler-metrics.ts';
import { alertEnvSchema } from '../query-api/alerts/alert-env.ts';
import { createAlertMetrics } from '../query-api/alerts/alert-metrics.ts';
import { reportSettingsFromEnv } from '../query-api/reports/delivery/report-delivery-env.ts';
import { serviceJobs } from '../query-api/scheduler/service-jobs.ts';
import { checkSetupDrift } from '../query-api/health/setup-drift.ts';
import { serviceEnvSchema } from '../query-api/service-env.ts';
import { startServer } from '../query-api/start-server.ts';
import { connect } from './connect.ts';
import { alertingSetupOf, setupCommand } from './setup-command.ts';

/**
 * `synclog serve`: validates all configuration first (a bad value stops start-up naming the
 * variable), connects (or starts the local node), applies setup, then serves and runs the
 * scheduled jobs until SIGINT/SIGTERM.
 */
export async function serveCommand(env: Record<string, string | undefined>, say: (line: string) => void): Promise<number> {
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const serviceEnv = parseEnv(serviceEnvSchema, env);
  const schedulerEnv = parseEnv(schedulerEnvSchema, env);
  const reports = reportSettingsFromEnv(env);
  const alertEnv = parseEnv(alertEnvSchema, env);
  const authEnv = parseEnv(authEnvSchema, env);
  const config = setupConfigFromEnv(openSearchEnv);
  const { client } = await connect(openSearchEnv, env, say);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const jobs = resolveJobs(serviceJobs({ client, config, reports, alerts: { env: alertEnv, metrics: createAlertMetrics(registry), log: say } }), schedulerEnv);
  // Read before setup re-applies this configuration: what this start changes on the cluster is worth a line.
  for (const line of await checkSetupDrift(client, config, { setupFollows: true })) say(`warning: ${line}; this start applies its own configuration`);
  await setupCommand(client, config, say, alertingSetupOf(alertEnv));
  const home = openSearchEnv.SYNCLOG_HOME ?? defaultSynclogHome(env);
  const tokens = tokensFromEnv(authEnv, join(home, 'api-token'), say);
  const accessLog = createAccessLogWriter({
    client,
    names: config.names,
    walDir: join(home, 'access-log-wal'),
    producerId: `access-${hostname()}-${process.pid}`,
    onError: (error) => say(`access log: ${(error as Error).message ?? String(error)}`),
  });

  const instanceId = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  const scheduler = createScheduler(
    { client, names: config.names, clock: systemClock, metrics: createSchedulerMetrics(registry), log: say },
    schedulerOptions(schedulerEnv, instanceId),
    jobs,
  );
  const breaker = createCircuitBreaker({ failures: serviceEnv.SYNCLOG_BREAKER_FAILURES, coolDownMs: serviceEnv.SYNCLOG_BREAKER_COOLDOWN_MS, clock: systemClock });
  const server = await startServer(createApp({ client, tokens, registry, names: config.names, jobs, breaker, accessLog, reportTimeZone: serviceEnv.SYNCLOG_REPORT_TIMEZONE, lifecycle: config.lifecycle, alertSecrets: { receiver: alertEnv.SYNCLOG_ALERT_RECEIVER_SECRET, webhook: alertEnv.SYNCLOG_ALERT_WEBHOOK_SECRET }, limits: { maxPageSize: serviceEnv.SYNCLOG_MAX_PAGE_SIZE, maxSpanDays: serviceEnv.SYNCLOG_MAX_SPAN_DAYS } }), serviceEnv.PORT, serviceEnv.SYNCLOG_HTTP_HOST);
  scheduler.start();
  // Listening before the line that says so: a supervisor that stops the service as soon as it
  // reads it gets a clean stop, not a kill.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  say(`synclog is serving on ${server.url} (GET /health and /openapi.json without a token, the rest with one; the console at ${server.url}/console); scheduler instance ${instanceId}, jobs: ${jobs.map((j) => `${j.name}${j.enabled ? '' : ' (disabled)'}`).join(', ')}`);
  await stopRequested;
  say('stopping');
  await scheduler.stop();
  await server.close();
  // What OpenSearch has not taken yet stays in the write-ahead log for the next start.
  await Promise.race([accessLog.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await client.close();
  return 0;
}
