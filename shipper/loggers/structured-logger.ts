import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'winston';
import type { AppMetrics } from '../metrics/app-metrics.ts';
import { currentContext } from '../context/correlation-context.ts';
import { wrapHttpHandler, type HttpHandlerOptions } from './http-handler.ts';
import { structuredInfo } from './structured-info.ts';
import type { ApiCall, DatabaseQuery, LogFields, SecurityEvent, ServiceInfo } from './structured-logger-types.ts';
import { createCallRecords, ms } from './call-records.ts';
import { timeCall } from './time-call.ts';
import { writeInfo, type LogLevel } from './write-info.ts';

export interface StructuredLoggerDeps {
  readonly logger: Logger;
  /** Overrides the shipper's service name, environment or version on these records. */
  readonly service?: ServiceInfo;
  /** Milliseconds, for durations only. Default `performance.now` (monotonic). */
  readonly clock?: () => number;
  /** Request ids for requests that bring none. Default `crypto.randomUUID`. */
  readonly newId?: () => string;
  /**
   * `createAppMetrics(registry)`: requests (`httpHandler`), database queries and external calls
   * are counted under the monitoring strategy's names. Unset: nothing is counted.
   */
  readonly metrics?: AppMetrics;
}

export interface StructuredLoggerOptions {
  /** Default 1 000 ms: database queries at least this slow are logged as `warn`. */
  readonly slowQueryMs?: number;
}

/**
 * Application records (not sync operations) with a level, a category, the correlation context
 * and a serialised error. `critical` reaches transports of a default npm-levels winston logger
 * routed as `error`, and is stored as `critical` (see `writeInfo`).
 */
export interface StructuredLogger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  critical(message: string, fields?: LogFields): void;
  /** Category `performance`, level `info`; `extra` goes to `details`. */
  logPerformance(name: string, durationMs: number, extra?: Readonly<Record<string, unknown>>): void;
  /** Category `external_api`; `error` without a response or on 5xx, `warn` on 4xx. */
  logApiCall(call: ApiCall): void;
  /** Category `database`; `error` on failure, `warn` when slow, else `info`. */
  logDatabaseQuery(query: DatabaseQuery): void;
  /** Category `security`; `warn` when blocked or failed, `critical` when it succeeded. */
  logSecurityEvent(event: SecurityEvent): void;
  /** `fn` wrapped to log its duration (`logPerformance`) or its error; results pass through. */
  timed<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R;
  /**
   * A node:http handler wrapped to run in a request context and log one record per request;
   * with metrics, counted under its route template (`options.route`, Express's `req.route`, or
   * the path with ids collapsed).
   */
  httpHandler<Req extends IncomingMessage, Res extends ServerResponse, R>(
    handler: (req: Req, res: Res) => R,
    options?: HttpHandlerOptions<Req>,
  ): (req: Req, res: Res) => R;
}

export function createStructuredLogger(
  deps: StructuredLoggerDeps,
  options: StructuredLoggerOptions = {},
): StructuredLogger {
  const { logger, service } = deps;
  const clock = deps.clock ?? (() => performance.now());
  const newId = deps.newId ?? randomUUID;
  const slowQueryMs = options.slowQueryMs ?? 1_000;
  if (!(slowQueryMs >= 0))
    throw new Error(`createStructuredLogger: options.slowQueryMs must be a non-negative number, got ${slowQueryMs}`);

  const emit = (level: LogLevel, message: string, fields: LogFields, context = currentContext()) =>
    writeInfo(logger, structuredInfo(level, message, fields, context, service));
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) =>
      emit(level, message, fields);
  const calls = createCallRecords({ emit, slowQueryMs, metrics: deps.metrics });

  const logPerformance = (name: string, durationMs: number, extra: Readonly<Record<string, unknown>> = {}) =>
    emit('info', `${name} took ${ms(durationMs)}`, {
      category: 'performance',
      durationMs,
      details: { operation_name: name, ...extra },
    });

  return {
    log: (level, message, fields = {}) => emit(level, message, fields),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    critical: at('critical'),
    logPerformance,
    ...calls,
    logSecurityEvent(event) {
      const level = event.level ?? (event.outcome === 'succeeded' ? 'critical' : 'warn');
      const { event: name, outcome, remoteIp, resource, reason } = event;
      emit(level, event.message ?? `Security event ${name} ${outcome}`, {
        category: 'security',
        userId: event.userId,
        details: { ...event.details, security: { event: name, outcome, remote_ip: remoteIp, resource, reason } },
      });
    },
    timed:
      (name, fn) =>
      (...args) =>
        timeCall(
          clock,
          () => fn(...args),
          (outcome) => {
            if (outcome.ok) logPerformance(name, outcome.durationMs);
            else
              emit('error', `${name} failed after ${ms(outcome.durationMs)}`, {
                category: 'performance',
                durationMs: outcome.durationMs,
                error: outcome.error,
                details: { operation_name: name },
              });
          },
        ),
    httpHandler: (handler, httpOptions) =>
      wrapHttpHandler({ emit, clock, newId, metrics: deps.metrics }, handler, httpOptions),
  };
}
