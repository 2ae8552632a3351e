import type { AppMetrics } from '../metrics/app-metrics.ts';
import type { ApiCall, DatabaseQuery, LogFields } from './structured-logger-types.ts';
import { loggableUrl } from './url-path.ts';
import type { LogLevel } from './write-info.ts';

export interface CallRecordsDeps {
  readonly emit: (level: LogLevel, message: string, fields: LogFields) => void;
  readonly slowQueryMs: number;
  readonly metrics?: AppMetrics;
}

/** Records (and, with metrics, counts) the calls a service makes: other services and its database. */
export function createCallRecords(deps: CallRecordsDeps) {
  const { emit, slowQueryMs, metrics } = deps;
  return {
    logApiCall(call: ApiCall): void {
      const method = call.method.toUpperCase();
      const url = loggableUrl(call.url);
      const failed = call.error !== undefined || call.status === undefined || call.status >= 500;
      const level: LogLevel = failed ? 'error' : call.status !== undefined && call.status >= 400 ? 'warn' : 'info';
      metrics?.externalCall({
        service: call.service ?? serviceOf(url),
        status: call.status,
        durationMs: call.durationMs,
        failed,
      });
      emit(level, `${method} ${url} ${call.status ?? 'no response'} in ${ms(call.durationMs)}`, {
        category: 'external_api',
        durationMs: call.durationMs,
        error: call.error,
        details: { ...call.details, http: { method, url, status_code: call.status } },
      });
    },
    logDatabaseQuery(query: DatabaseQuery): void {
      const failed = query.error !== undefined;
      const level: LogLevel = failed ? 'error' : query.durationMs >= slowQueryMs ? 'warn' : 'info';
      const rows = query.rows === undefined ? '' : `, ${query.rows} rows`;
      metrics?.databaseQuery({ operation: query.operation, table: query.table, durationMs: query.durationMs, failed });
      emit(level, `${query.operation} ${query.table}${rows} in ${ms(query.durationMs)}`, {
        category: 'database',
        durationMs: query.durationMs,
        error: query.error,
        details: { ...query.details, db: { operation: query.operation, table: query.table, rows: query.rows } },
      });
    },
  };
}

export function ms(durationMs: number): string {
  return `${Math.round(durationMs)} ms`;
}

/** An absolute URL's host (a name, not a path: bounded by the hosts a service calls), else `unknown`. */
function serviceOf(url: string): string {
  try {
    return new URL(url).host || 'unknown';
  } catch {
    return 'unknown';
  }
}
