import { Hono } from 'hono';
import { Registry } from 'prom-client';
import type { OpenSearchClient } from '../opensearch/client/create-client.ts';
import { indexNames, type IndexNames } from '../opensearch/record/index-names.ts';
import { KEEP_SEARCH, type SearchPrivacy } from '../opensearch/privacy/search-terms.ts';
import { apiTokens, type ApiTokens } from './auth/api-tokens.ts';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './auth/auth-settings.ts';
import { createAuth } from './auth/create-auth.ts';
import { createAccessLogWriter, type AccessLogWriter } from './audit/access-log-writer.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { protectedAccessLog } from './audit/protected-access-log.ts';
import { exportRoutes } from './export/export-routes.ts';
import type { XlsxLimits } from './export/xlsx-writer.ts';
import { healthRoutes } from './health/health-routes.ts';
import { readyRoutes } from './health/ready-routes.ts';
import { httpMetrics } from './metrics/http-metrics.ts';
import { openApiDocument } from './openapi/openapi-document.ts';
import { circuitBreakerMiddleware, createCircuitBreaker, type CircuitBreaker } from './http/circuit-breaker.ts';
import { requireRole } from './auth/require-role.ts';
import { guardRoutes, mountRoutes } from './routes/mount-routes.ts';
import { ROUTE_TABLE } from './routes/route-table.ts';
import { systemClock, type Clock } from '../opensearch/shared/clock.ts';
import { vocabularyLabelsFrom } from './reader/vocabulary-labels.ts';
import { alertRoutes } from './alerts/alert-routes.ts';
import { consoleRoutes } from './console/console-routes.ts';
import { defaultLifecyclePolicy, type LifecyclePolicy } from '../opensearch/lifecycle-policy/lifecycle-policy.ts';
import { DEFAULT_QUERY_LIMITS } from './logs/logs-query-schema.ts';
import { reviewRoutes } from './reviews/review-routes.ts';
import { reportRoutes } from './reports/report-routes.ts';
import { onAppError } from './http/request-errors.ts';
import { traceContext } from './http/trace-context.ts';
import { logsRoutes } from './logs/logs-routes.ts';
import type { QueryLimits } from './logs/logs-query-schema.ts';
import { metricsRoutes } from './metrics/metrics-routes.ts';
import { scheduleRoutes } from './scheduler/schedule-routes.ts';
import type { ResolvedJob } from './scheduler/scheduled-job.ts';

export interface AppDeps {
  readonly client: OpenSearchClient;
  /** Default: no token is accepted, so every protected route answers 401. */
  readonly tokens?: ApiTokens;
  /** Console sessions' limits, the trusted proxy, the limit on failed credentials. Default: `DEFAULT_AUTH_SETTINGS`. */
  readonly auth?: AuthSettings;
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
  /**
   * The personal data policy's search side: search terms hashed under every configured key, and
   * the access log's and export manifests' filters kept as the policy says. Default `keep`.
   */
  readonly privacy?: SearchPrivacy;
}

/** The query API as a Hono app: tests call `app.request(...)`, the server wraps it. */
export function createApp(deps: AppDeps): Hono {
  const tokens = deps.tokens ?? apiTokens([]);
  const names = deps.names ?? indexNames('synclog');
  const privacy = deps.privacy ?? KEEP_SEARCH;
  const accessLog = protectedAccessLog(
    deps.accessLog ?? createAccessLogWriter({ client: deps.client, names, walDir: null, producerId: 'access' }),
    privacy,
  );
  const registry = deps.registry ?? new Registry();
  const clock = deps.clock ?? systemClock;
  const limits = deps.limits ?? DEFAULT_QUERY_LIMITS;
  const reportTimeZone = deps.reportTimeZone ?? 'UTC';
  const document = openApiDocument();
  const labels = vocabularyLabelsFrom(deps.client, names.meta);
  const auth = createAuth({
    client: deps.client,
    names,
    tokens,
    settings: deps.auth ?? DEFAULT_AUTH_SETTINGS,
    clock,
    registry,
    accessLog,
  });
  const app = new Hono().onError(onAppError).use('*', traceContext()).use('*', httpMetrics(registry));
  guardRoutes(app, ROUTE_TABLE, {
    breaker: circuitBreakerMiddleware(
      deps.breaker ?? createCircuitBreaker({ failures: 5, coolDownMs: 5_000, clock: systemClock }),
    ),
    role: (needed) => requireRole(auth, needed),
  });
  mountRoutes(app, ROUTE_TABLE, {
    health: healthRoutes(deps.client),
    ready: readyRoutes(deps.client, names),
    openapi: new Hono().get('/openapi.json', (c) => c.json(document)),
    audit: auditRoutes({ client: deps.client, names, accessLog }),
    export: exportRoutes({
      client: deps.client,
      names,
      accessLog,
      labels,
      ...(deps.xlsxLimits ? { xlsxLimits: deps.xlsxLimits } : {}),
      privacy,
    }),
    reviews: reviewRoutes({ client: deps.client, names, accessLog, privacy }),
    logs: logsRoutes({ client: deps.client, names, accessLog, limits, privacy }),
    reports: reportRoutes({ client: deps.client, names, timeZone: reportTimeZone, accessLog, labels }),
    alerts: alertRoutes({
      client: deps.client,
      names,
      accessLog,
      clock,
      receiverSecret: deps.alertSecrets?.receiver,
      webhookSecret: deps.alertSecrets?.webhook,
    }),
    console: consoleRoutes({
      client: deps.client,
      names,
      tokens,
      auth,
      accessLog,
      limits,
      reportTimeZone,
      labels,
      privacy,
      lifecycle: deps.lifecycle ?? defaultLifecyclePolicy({ archive_repository: `${names.prefix}-archive` }),
      clock,
    }),
    metrics: metricsRoutes(registry),
    schedule: scheduleRoutes({ client: deps.client, names, jobs: deps.jobs ?? [] }),
  });
  return app;
}
