import type { MiddlewareHandler } from 'hono';
import { contextFromTraceparent, runWithContext } from '../../shipper/index.ts';

/**
 * Runs each request in the trace its caller sent in `traceparent`, so what the service records
 * about the request (its access log entries) carries the caller's trace and parent span ids and
 * can be found from the caller's trace. An absent or invalid header leaves the context as it was:
 * an active OpenTelemetry span, when the service runs under an SDK, still supplies the ids.
 */
export function traceContext(): MiddlewareHandler {
  return (c, next) => runWithContext(contextFromTraceparent(c.req.header('traceparent')), () => next());
}
