export { currentContext, runWithContext } from './correlation-context.ts';
export type { CorrelationContext } from './correlation-context.ts';
export {
  contextFromTraceparent,
  formatTraceparent,
  isValidSpanId,
  isValidTraceId,
  parseTraceparent,
  traceparentFor,
} from './traceparent.ts';
export type { TraceParent } from './traceparent.ts';
export { activeSpanIds, createActiveSpanSource, preloadOpenTelemetry } from './active-span.ts';
export type { ActiveSpanSource, SpanIds } from './active-span.ts';
