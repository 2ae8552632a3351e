import type { CorrelationContext } from './correlation-context.ts';

/** The fields of a W3C `traceparent` header (https://www.w3.org/TR/trace-context/#traceparent-header). */
export interface TraceParent {
  readonly version: string;
  /** 32 lower-case hex characters, not all zero. */
  readonly traceId: string;
  /** The caller's span: 16 lower-case hex characters, not all zero. */
  readonly spanId: string;
  /** 8 bits; bit 0 is "sampled". */
  readonly traceFlags: number;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const HEX2 = /^[0-9a-f]{2}$/;

export const isValidTraceId = (id: unknown): id is string =>
  typeof id === 'string' && TRACE_ID.test(id) && !/^0+$/.test(id);
export const isValidSpanId = (id: unknown): id is string =>
  typeof id === 'string' && SPAN_ID.test(id) && !/^0+$/.test(id);

/**
 * Reads a `traceparent` header. Returns `undefined` for anything the spec says to ignore: wrong
 * shape, upper-case hex, version `ff`, all-zero ids, or a version-00 header with extra fields.
 * A later version is read by its first four fields, as the spec asks, so newer callers still join.
 */
export function parseTraceparent(header: string | readonly string[] | undefined): TraceParent | undefined {
  // Node joins repeated headers into an array; more than one traceparent is invalid.
  if (header === undefined || typeof header !== 'string') return undefined;
  const parts = header.trim().split('-');
  const [version, traceId, spanId, flags] = parts;
  if (version === undefined || !HEX2.test(version) || version === 'ff') return undefined;
  if (version === '00' ? parts.length !== 4 : parts.length < 4) return undefined;
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId) || flags === undefined || !HEX2.test(flags)) return undefined;
  return { version, traceId, spanId, traceFlags: Number.parseInt(flags, 16) };
}

/** A version-00 `traceparent`. Throws a RangeError for invalid ids: formatting them is a bug. */
export function formatTraceparent(
  parent: Pick<TraceParent, 'traceId' | 'spanId'> & { readonly traceFlags?: number },
): string {
  if (!isValidTraceId(parent.traceId))
    throw new RangeError(`formatTraceparent: invalid traceId ${JSON.stringify(parent.traceId)}`);
  if (!isValidSpanId(parent.spanId))
    throw new RangeError(`formatTraceparent: invalid spanId ${JSON.stringify(parent.spanId)}`);
  const flags = parent.traceFlags ?? 0;
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff)
    throw new RangeError(`formatTraceparent: invalid traceFlags ${flags}`);
  return `00-${parent.traceId}-${parent.spanId}-${flags.toString(16).padStart(2, '0')}`;
}

/**
 * The context an incoming request carries: its trace id, and the caller's span id as `span_id`, so
 * the records of this request point at the span that caused them. Empty when the header is invalid.
 */
export function contextFromTraceparent(header: string | readonly string[] | undefined): CorrelationContext {
  const parent = parseTraceparent(header);
  return parent ? { trace_id: parent.traceId, span_id: parent.spanId, trace_flags: parent.traceFlags } : {};
}

/**
 * The `traceparent` to send on an outgoing call made in `context`, or `undefined` when the context
 * holds no valid trace and span id. Flags default to 00 (not sampled) when the context has none.
 */
export function traceparentFor(context: CorrelationContext): string | undefined {
  if (!isValidTraceId(context.trace_id) || !isValidSpanId(context.span_id)) return undefined;
  const flags = context.trace_flags ?? 0;
  // Flags come from callers; a bad value must not make logging or an outgoing call throw.
  const traceFlags = Number.isInteger(flags) && flags >= 0 && flags <= 0xff ? flags : 0;
  return formatTraceparent({ traceId: context.trace_id, spanId: context.span_id, traceFlags });
}
