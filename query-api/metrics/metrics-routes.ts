import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { ApiTokens } from '../auth/api-tokens.ts';
import { requireRole } from '../auth/require-role.ts';

/** `GET /metrics` (metrics or admin role): the service's registry in Prometheus' text format. */
export function metricsRoutes(registry: Registry, tokens: ApiTokens) {
  return new Hono().get('/metrics', requireRole(tokens, 'metrics'), async (c) => {
    c.header('Content-Type', registry.contentType);
    return c.body(await registry.metrics());
  });
}
