import { AsyncLocalStorage } from 'node:async_hooks';
import { activeSpanIds } from './active-span.ts';

/**
 * What ties the records of one request or sync run together. Keys are snake_case because they are
 * the record's own field names (`correlation_id`, `trace_id`, `span_id`); the others land in
 * `details` when logged.
 */
export interface CorrelationContext {
  readonly correlation_id?: string;
  /** W3C trace id: 32 lower-case hex characters. */
  readonly trace_id?: string;
  /** W3C span (parent) id: 16 lower-case hex characters. */
  readonly span_id?: string;
  /** W3C trace flags (bit 0: sampled), kept so an outgoing `traceparent` keeps the caller's decision. */
  readonly trace_flags?: number;
  readonly request_id?: string;
  readonly user_id?: string;
  readonly session_id?: string;
}

const EMPTY: CorrelationContext = Object.freeze({});

// One store per process is the point: every logger, wherever it was created, sees the same context.
const storage = new AsyncLocalStorage<CorrelationContext>();

/**
 * Runs `fn` with `partial` merged over the current context, so nested calls inherit what they do
 * not override. `undefined` values are ignored: they never erase an inherited value.
 */
export function runWithContext<R>(partial: CorrelationContext, fn: () => R): R {
  const merged: Record<string, unknown> = { ...(storage.getStore() ?? EMPTY) };
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) merged[key] = value;
  return storage.run(Object.freeze(merged) as CorrelationContext, fn);
}

/**
 * The context of the running code: what `runWithContext` set, and, when the context has no trace
 * id and `@opentelemetry/api` is installed with an active span, that span's trace and span ids.
 */
export function currentContext(): CorrelationContext {
  const stored = storage.getStore() ?? EMPTY;
  if (stored.trace_id !== undefined) return stored;
  const span = activeSpanIds();
  if (!span) return stored;
  return Object.freeze({ ...stored, trace_id: span.traceId, span_id: span.spanId, trace_flags: span.traceFlags });
}
