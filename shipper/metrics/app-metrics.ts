import { Counter, Histogram, type Registry } from 'prom-client';
import { createBoundedLabel, methodLabel, statusCodeLabel } from './bounded-label.ts';

/**
 * The monitoring strategy's application metrics: requests this service answered, database
 * queries and calls to other services. Every label is bounded: methods and status codes from
 * closed sets, endpoints (route templates), tables, operations and services capped per label,
 * later values counted as `other`.
 */
export interface AppMetrics {
  /** `endpoint` is a route template (`/customers/:id`), never a raw path. */
  apiRequest(request: AppRequest): void;
  databaseQuery(query: AppQuery): void;
  externalCall(call: AppExternalCall): void;
}

export interface AppRequest {
  readonly method: string;
  readonly endpoint: string;
  readonly statusCode?: number;
  readonly durationMs: number;
}

export interface AppQuery {
  readonly operation: string;
  readonly table: string;
  readonly durationMs: number;
  readonly failed: boolean;
}

export interface AppExternalCall {
  /** The called service: a stable name or a host, never a URL. */
  readonly service: string;
  /** `undefined` when no response came; counted as status `none`. */
  readonly status?: number;
  readonly durationMs: number;
  readonly failed: boolean;
}

export interface AppMetricsOptions {
  /** Default 200: distinct `endpoint` values before new ones count as `other`. */
  readonly maxEndpoints?: number;
  /** Default 100: distinct `table` (and `operation`) values before new ones count as `other`. */
  readonly maxTables?: number;
  /** Default 50: distinct external `service` values before new ones count as `other`. */
  readonly maxServices?: number;
}

/** Seconds, from a cache hit to a slow export: the p50/p95 panels interpolate inside these. */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
export const QUERY_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export const APP_METRIC_NAMES = [
  'api_requests_total',
  'api_request_duration_seconds',
  'database_query_duration_seconds',
  'database_query_errors_total',
  'external_api_calls_total',
  'external_api_errors_total',
  'external_api_call_duration_seconds',
] as const;

/**
 * Registers the application metrics in `registry` (injected: never the global one implicitly).
 * The names carry no prefix, as the strategy names them, so a registry holds one set: a second
 * instance on the same registry throws, naming the metric, before registering anything.
 */
export function createAppMetrics(registry: Registry, options: AppMetricsOptions = {}): AppMetrics {
  const caps = {
    maxEndpoints: options.maxEndpoints ?? 200,
    maxTables: options.maxTables ?? 100,
    maxServices: options.maxServices ?? 50,
  };
  for (const [name, value] of Object.entries(caps)) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`createAppMetrics: options.${name} must be a positive integer, got ${value}`);
  }
  for (const name of APP_METRIC_NAMES) {
    if (registry.getSingleMetric(name))
      throw new Error(`createAppMetrics: the registry already holds ${name}; share one AppMetrics per registry`);
  }
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name, help, labelNames, registers });
  const histogram = (name: string, help: string, labelNames: string[], buckets: readonly number[]) =>
    new Histogram({ name, help, labelNames, buckets: [...buckets], registers });

  const requests = counter('api_requests_total', 'Requests answered, by method, route template and status code.', [
    'method',
    'endpoint',
    'status_code',
  ]);
  const requestSeconds = histogram(
    'api_request_duration_seconds',
    'Time until the response finished, by method and route template.',
    ['method', 'endpoint'],
    REQUEST_DURATION_BUCKETS,
  );
  const querySeconds = histogram(
    'database_query_duration_seconds',
    'Database query duration, by operation and table.',
    ['operation', 'table'],
    QUERY_DURATION_BUCKETS,
  );
  const queryErrors = counter('database_query_errors_total', 'Failed database queries, by operation and table.', [
    'operation',
    'table',
  ]);
  const calls = counter('external_api_calls_total', 'Calls to other services, by service and status code.', [
    'service',
    'status',
  ]);
  const callErrors = counter(
    'external_api_errors_total',
    'Calls to other services that failed: no response, an error, or a 5xx.',
    ['service'],
  );
  const callSeconds = histogram(
    'external_api_call_duration_seconds',
    'Duration of calls to other services, by service.',
    ['service'],
    REQUEST_DURATION_BUCKETS,
  );
  const endpoint = createBoundedLabel(caps.maxEndpoints);
  const table = createBoundedLabel(caps.maxTables);
  const operation = createBoundedLabel(caps.maxTables);
  const service = createBoundedLabel(caps.maxServices);

  return {
    apiRequest(request) {
      const labels = { method: methodLabel(request.method), endpoint: endpoint(request.endpoint) };
      requests.inc({ ...labels, status_code: statusCodeLabel(request.statusCode) });
      observe(requestSeconds, labels, request.durationMs);
    },
    databaseQuery(query) {
      const labels = { operation: operation(query.operation.toLowerCase()), table: table(query.table) };
      observe(querySeconds, labels, query.durationMs);
      if (query.failed) queryErrors.inc(labels);
    },
    externalCall(call) {
      const labels = { service: service(call.service) };
      calls.inc({ ...labels, status: statusCodeLabel(call.status) });
      observe(callSeconds, labels, call.durationMs);
      if (call.failed) callErrors.inc(labels);
    },
  };
}

/** A duration the clock could not give (negative, NaN) is not observed; the call still counts. */
function observe<L extends string>(histogram: Histogram<L>, labels: Partial<Record<L, string>>, ms: number): void {
  if (Number.isFinite(ms) && ms >= 0) histogram.observe(labels, ms / 1000);
}
