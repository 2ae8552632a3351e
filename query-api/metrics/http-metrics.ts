import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Request counts and latency per method, route template (`/logs/:id`, never the raw path, so ids
 * never become labels) and status. Requests no route matched are labelled `unmatched`.
 */
export function httpMetrics(registry: Registry) {
  const requests = new Counter({
    name: 'synclog_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'synclog_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const template = routePath(c, -1);
    const labels = {
      method: c.req.method,
      route: template === '*' || template === '/*' ? 'unmatched' : template,
      status: String(c.res.status),
    };
    requests.inc(labels);
    latency.observe(labels, (performance.now() - started) / 1000);
  });
}
