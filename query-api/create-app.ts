import { Hono } from 'hono';
import { Registry } from 'prom-client';
import type { OpenSearchClient } from '../opensearch/client/create-client.ts';
import { indexNames, type IndexNames } from '../opensearch/record/index-names.ts';
import { apiTokens, type ApiTokens } from './auth/api-tokens.ts';
import { createAccessLogWriter, type AccessLogWriter } from './audit/access-log-writer.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { exportRoutes } from './export/export-routes.ts';
import type { XlsxLimits } from './export/xlsx-writer.ts';
import { healthRoutes } from './health/health-routes.ts';
import { readyRoutes } from './health/ready-routes.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { openApiDocument } from './openapi/openapi-document.ts';
import { circuitBreakerMiddleware, createCircuitBreaker, type CircuitBreaker } from './http/circuit-breaker.ts';
import { systemClock, type Clock } from '../opensearch/shared/clock.ts';
import { alertRoutes } from './alerts/alert-routes.ts';
import { consoleRoutes } from './console/console-routes.ts';
import { defaultLifecyclePolicy, type LifecyclePolicy } from '../opensearch/lifecycle/lifecycle-policy.ts';
import { DEFAULT_QUERY_LIMITS } from './logs/logs-query-schema.ts';
import { reviewRoutes } from './reviews/review-routes.ts';
import { reportRoutes } from './reports/report-routes.ts';
import { onAppError } from './http/request-errors.ts';
import { logsRoutes } from './logs/logs-routes.ts';
import type { QueryLimits } from './logs/logs-query-schema.ts';
import { metricsRoutes } from './metrics/metrics-routes.ts';
import { scheduleRoutes } from './scheduler/schedule-routes.ts';
import type { ResolvedJob } from './scheduler/scheduled-job.ts';

export interface AppDeps {
  readonly client: OpenSearchClient;
  /** Default: no token is accepted, so every protected route answers 401. */
  readonly tokens?: ApiTokens;
  /** The service's metrics. Default: an empty registry. */
  readonly registry?: Registry;
  readonly names?: IndexNames;
  /** XLSX sheet and cell limits; tests lower them to see a sheet fill up. Default: the format's own. */
  readonly xlsxLimits?: XlsxLimits;
  /** Where accesses are recorded. Default: straight to OpenSearch before each answer (no write-ahead log). */
  readonly accessLog?: AccessLogWriter;
  /** The time zone reports cut days in, unless a request names one. Default UTC. */
  readonly reportTimeZone?: string;
  /** Page size and date span limits of `GET /logs`. Default 500 records, 3,650 days. */
  readonly limits?: QueryLimits;
  /** Fails fast while OpenSearch is down. Default: 5 failures, 5 s cool-down, system clock. */
  readonly breaker?: CircuitBreaker;
  /** The scheduler's jobs, for `GET /schedule`. */
  readonly jobs?: readonly ResolvedJob[];
  /** The alert receiver's secrets (`POST /alerts/webhook`). Default: the receiver is off. */
  readonly alertSecrets?: { readonly receiver?: string | undefined; readonly webhook?: string | undefined };
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** The lifecycle policy, for the console's retention page. Default: the default policy. */
  readonly lifecycle?: LifecyclePolicy;
}

/** The query API as a Hono app: tests call `app.request(...)`, the server wraps it. */
export function createApp(deps: AppDeps) {
  const tokens = deps.tokens ?? apiTokens([]);
  const names = deps.names ?? indexNames('synclog');
  const accessLog = deps.accessLog ?? createAccessLogWriter({ client: deps.client, names, walDir: null, producerId: 'access' });
  const registry = deps.registry ?? new Registry();
  const document = openApiDocument();
  const breaker = circuitBreakerMiddleware(deps.breaker ?? createCircuitBreaker({ failures: 5, coolDownMs: 5_000, clock: systemClock }));
  const app = new Hono().onError(onAppError).use('*', httpMetrics(registry));
  // Every route that reads OpenSearch on the caller's behalf, not the probes.
  // ('/logs/*' also matches '/logs' itself.)
  for (const path of ['/logs/*', '/exports/*', '/audit', '/reviews/*', '/schedule', '/alerts', '/alerts/*', '/console/*']) app.use(path, breaker);
  return app
    .route('/', healthRoutes(deps.client))
    .route('/', readyRoutes(deps.client, names))
    .get('/openapi.json', (c) => c.json(document))
    .route('/', auditRoutes({ client: deps.client, names, tokens, accessLog }))
    // Before /logs/:id, which would otherwise take `export.csv` for an id.
    .route('/', exportRoutes({ client: deps.client, names, tokens, accessLog, ...(deps.xlsxLimits ? { xlsxLimits: deps.xlsxLimits } : {}) }))
    .route('/', reviewRoutes({ client: deps.client, names, tokens }))
    .route('/', logsRoutes({ client: deps.client, names, tokens, accessLog, ...(deps.limits ? { limits: deps.limits } : {}) }))
    .route('/', reportRoutes({ client: deps.client, names, tokens, timeZone: deps.reportTimeZone ?? 'UTC' }))
    .route('/', alertRoutes({ client: deps.client, names, tokens, clock: deps.clock ?? systemClock, receiverSecret: deps.alertSecrets?.receiver, webhookSecret: deps.alertSecrets?.webhook }))
    .route(
      '/',
      consoleRoutes({
        client: deps.client,
        names,
        tokens,
        accessLog,
        limits: deps.limits ?? DEFAULT_QUERY_LIMITS,
        reportTimeZone: deps.reportTimeZone ?? 'UTC',
        lifecycle: deps.lifecycle ?? defaultLifecyclePolicy({ archive_repository: `${names.prefix}-archive` }),
        clock: deps.clock ?? systemClock,
      }),
    )
    .route('/', metricsRoutes(registry, tokens))
    .route('/', scheduleRoutes({ client: deps.client, names, jobs: deps.jobs ?? [], tokens }));
}
