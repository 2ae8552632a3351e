import type { CorrelationContext } from '../context/correlation-context.ts';
import { contextFields, definedOnly } from './context-fields.ts';
import { toLoggedError } from './logged-error.ts';
import type { LogFields, ServiceInfo } from './structured-logger-types.ts';
import type { LogInfo, LogLevel } from './write-info.ts';

/**
 * The `info` object for one application record: the correlation context, overridden by the ids
 * the call gives, with `duration_ms` rounded to whole milliseconds as the record stores it.
 */
export function structuredInfo(
  level: LogLevel,
  message: string,
  fields: LogFields,
  context: CorrelationContext,
  service: ServiceInfo | undefined,
): LogInfo {
  const explicit = definedOnly({
    correlation_id: fields.correlationId,
    trace_id: fields.traceId,
    span_id: fields.spanId,
    request_id: fields.requestId,
    user_id: fields.userId,
    session_id: fields.sessionId,
  });
  // A span id belongs to its trace: with another trace id given, the context's span id is wrong.
  const inherited =
    fields.traceId !== undefined && fields.spanId === undefined ? { ...context, span_id: undefined } : context;
  const details = fields.details && Object.keys(fields.details).length > 0 ? { ...fields.details } : undefined;
  return definedOnly({
    level,
    message,
    category: fields.category,
    duration_ms: durationOf(fields.durationMs),
    ...contextFields({ ...inherited, ...explicit }),
    service: serviceOf(service),
    details,
    error: fields.error === undefined ? undefined : toLoggedError(fields.error),
  });
}

function durationOf(ms: number | undefined): number | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) ? Math.max(0, Math.round(ms)) : undefined;
}

/** Empty strings would fail the record schema (ids are at least one character): left out. */
function serviceOf(service: ServiceInfo | undefined): ServiceInfo | undefined {
  if (!service) return undefined;
  const kept = Object.fromEntries(Object.entries(service).filter(([, v]) => typeof v === 'string' && v.length > 0));
  return Object.keys(kept).length > 0 ? kept : undefined;
}
