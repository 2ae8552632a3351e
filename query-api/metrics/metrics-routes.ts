import { Hono } from 'hono';
import type { Registry } from 'prom-client';

/** `GET /metrics` (metrics or admin role): the service's registry in Prometheus' text format. */
export function metricsRoutes(registry: Registry) {
  return new Hono().get('/metrics', async (c) => {
    c.header('Content-Type', registry.contentType);
    return c.body(await registry.metrics());
  });
}
