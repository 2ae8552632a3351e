import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { OpenSearchClient } from '../opensearch/client/create-client.ts';
import { searchPrivacy } from '../opensearch/privacy/search-terms.ts';
import { systemClock, type Clock } from '../opensearch/shared/clock.ts';
import { createAlertMetrics } from './alerts/alert-metrics.ts';
import { createAccessLogWriter } from './audit/access-log-writer.ts';
import { deferredAccessLog } from './audit/deferred-access-log.ts';
import { tokensFromEnv } from './auth/api-tokens.ts';
import { authSettingsOf } from './auth/auth-settings.ts';
import type { ServiceConfig } from './config/service-config.ts';
import { createApp } from './create-app.ts';
import { createCircuitBreaker } from './http/circuit-breaker.ts';
import { createScheduler } from './scheduler/create-scheduler.ts';
import type { ResolvedJob } from './scheduler/scheduled-job.ts';
import { resolveJobs, schedulerOptions } from './scheduler/scheduler-config.ts';
import { createSchedulerMetrics } from './scheduler/scheduler-metrics.ts';
import { serviceJobs } from './scheduler/service-jobs.ts';
import { startServer, type RunningServer } from './start-server.ts';

export interface ServiceDeps {
  /** The cluster; the caller owns it (the service never closes it). */
  readonly client: OpenSearchClient;
  /** The service's own log lines (the generated token's file, job runs, access log errors). Default: none. */
  readonly say?: (line: string) => void;
  /** Default: a registry with Node's default metrics. */
  readonly registry?: Registry;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Listen here instead of PORT; 0 takes any free port. */
  readonly port?: number;
  /** Default: host, pid and a random suffix. */
  readonly instanceId?: string;
}

export interface Service {
  /** The HTTP API, usable without listening (`app.request(...)`). */
  readonly app: ReturnType<typeof createApp>;
  /** The scheduled jobs with configuration applied. */
  readonly jobs: readonly ResolvedJob[];
  readonly instanceId: string;
  readonly registry: Registry;
  /** Opens the access log, listens and starts the scheduler; resolves with the URL. Idempotent. */
  start(): Promise<string>;
  /** Stops the scheduler and the server, then drains the access log (at most 10 s). Idempotent. */
  stop(): Promise<void>;
}

const ACCESS_LOG_DRAIN_MS = 10_000;

/**
 * The synclog service assembled from its configuration: API, scheduler with every job (reports,
 * lifecycle runner, alert evaluator), access log, metrics. `synclog serve`, the tests that start
 * the service and the benchmarks all build it here. Assembling validates the schedule (a bad
 * SYNCLOG_SCHEDULE throws a ConfigError) and settles the API tokens; nothing is served until `start()`.
 */
export function createService(config: ServiceConfig, deps: ServiceDeps): Service {
  const { client } = deps;
  const say = deps.say ?? (() => {});
  const clock = deps.clock ?? systemClock;
  const registry = deps.registry ?? withDefaultMetrics(new Registry());
  const { names, lifecycle } = config.setup;
  const accessLog = deferredAccessLog(() =>
    createAccessLogWriter({
      client,
      names,
      walDir: join(config.home, 'access-log-wal'),
      producerId: `access-${hostname()}-${process.pid}`,
      onError: (error) => say(`access log: ${(error as Error).message ?? String(error)}`),
    }),
  );
  const jobs = resolveJobs(
    serviceJobs({
      client,
      config: config.setup,
      reports: config.reports,
      accessLog: accessLog.writer,
      alerts: { env: config.alerts, metrics: createAlertMetrics(registry), log: say },
    }),
    config.scheduler,
  );
  const tokens = tokensFromEnv(config.auth, join(config.home, 'api-token'), say);
  const instanceId = deps.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  const scheduler = createScheduler(
    { client, names, clock, metrics: createSchedulerMetrics(registry), log: say },
    schedulerOptions(config.scheduler, instanceId),
    jobs,
  );
  const { http, alerts } = config;
  const app = createApp({
    client,
    tokens,
    auth: authSettingsOf(config.auth),
    privacy: searchPrivacy(config.privacy.policy, config.privacy.keys),
    registry,
    names,
    jobs,
    clock,
    lifecycle,
    accessLog: accessLog.writer,
    breaker: createCircuitBreaker({
      failures: http.SYNCLOG_BREAKER_FAILURES,
      coolDownMs: http.SYNCLOG_BREAKER_COOLDOWN_MS,
      clock,
    }),
    reportTimeZone: config.reports.timeZone,
    alertSecrets: { receiver: alerts.SYNCLOG_ALERT_RECEIVER_SECRET, webhook: alerts.SYNCLOG_ALERT_WEBHOOK_SECRET },
    limits: { maxPageSize: http.SYNCLOG_MAX_PAGE_SIZE, maxSpanDays: http.SYNCLOG_MAX_SPAN_DAYS },
  });

  let server: RunningServer | null = null;
  let started: Promise<string> | null = null;
  let stopped: Promise<void> | null = null;
  const start = () =>
    (started ??= (async () => {
      accessLog.open();
      server = await startServer(app, deps.port ?? http.PORT, http.SYNCLOG_HTTP_HOST);
      scheduler.start();
      return server.url;
    })());
  const stop = () =>
    (stopped ??= (async () => {
      // A start under way finishes first, so what it opened is closed too.
      if (started) await started.catch(() => {});
      if (started) await scheduler.stop();
      await server?.close();
      // What OpenSearch has not taken yet stays in the write-ahead log for the next start.
      await withinMs(accessLog.writer.close(), ACCESS_LOG_DRAIN_MS);
    })());
  return { app, jobs, instanceId, registry, start, stop };
}

function withDefaultMetrics(registry: Registry): Registry {
  collectDefaultMetrics({ register: registry });
  return registry;
}

async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
