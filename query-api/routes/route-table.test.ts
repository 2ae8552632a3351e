import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { allows, apiTokens, ROLES } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import type { CircuitBreaker } from '../http/circuit-breaker.ts';
import { openApiPath } from '../openapi/openapi-document.ts';
import { mountRoutes, routeDrift } from './mount-routes.ts';
import { ROUTE_TABLE, roleOf, routeKey, type RouteEntry, type RouteFeature } from './route-table.ts';

const client = createOpenSearchClient({ urls: ['http://127.0.0.1:9'] });
const TOKENS = Object.fromEntries(ROLES.map((role) => [role, `${role}-token-0123456789`])) as Record<
  (typeof ROLES)[number],
  string
>;
const tokens = apiTokens(ROLES.map((role) => ({ role, token: TOKENS[role] })));

/** A concrete URL for a table path: `/logs/:id` with an event id, `/alerts/:key/ack` with a dedup key. */
const urlOf = (entry: RouteEntry) =>
  entry.path.replace(':id', '0190b6f4-3c5e-7a2b-9d1e-4f6a8b0c2d3e').replace(':key', 'synclog:error-rate');
const requestOf = (entry: RouteEntry, token?: string) =>
  new Request(`http://synclog.test${urlOf(entry)}`, {
    method: entry.method,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });

/** A breaker that is open and counts the requests it was asked about. */
function openBreaker(): CircuitBreaker & { asked: number } {
  const breaker = {
    asked: 0,
    allow: () => (breaker.asked++, false),
    succeeded() {},
    failed() {},
    neutral() {},
    state: () => 'open' as const,
  };
  return breaker;
}

describe('the route table', () => {
  it('names every route once', () => {
    const keys = ROUTE_TABLE.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keeps each feature's routes together, so features mount in the table's order", () => {
    const features = ROUTE_TABLE.map((e) => e.feature).filter((feature, i, all) => i === 0 || all[i - 1] !== feature);
    expect(new Set(features).size).toBe(features.length);
  });

  it('documents in /openapi.json exactly the API routes of the table, with their summaries and roles', async () => {
    const app = createApp({ client });
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary: string; 'x-synclog-role'?: string }>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        summary: op.summary,
        role: op['x-synclog-role'] ?? null,
      })),
    );
    const listed = ROUTE_TABLE.filter((e) => e.documented).map((e) => ({
      key: `${e.method} ${openApiPath(e.path)}`,
      summary: e.summary,
      role: roleOf(e),
    }));
    expect(documented.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      listed.sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(ROUTE_TABLE.filter((e) => !e.documented).every((e) => e.feature === 'console')).toBe(true);
  });

  it('puts behind the circuit breaker exactly the routes the table marks', async () => {
    for (const entry of ROUTE_TABLE) {
      const breaker = openBreaker();
      const response = await createApp({ client, tokens, breaker }).request(requestOf(entry, TOKENS.admin));
      expect({ route: routeKey(entry), asked: breaker.asked }).toEqual({
        route: routeKey(entry),
        asked: entry.breaker ? 1 : 0,
      });
      if (entry.breaker) expect(response.status).toBe(503);
    }
  });

  it('answers 401 without a token and 403 to a weaker role on every route the table gives a role', async () => {
    const app = createApp({ client, tokens });
    const guarded = ROUTE_TABLE.filter((e) => roleOf(e) !== null);
    expect(guarded.length).toBeGreaterThan(10);
    for (const entry of guarded) {
      expect({ route: routeKey(entry), status: (await app.request(requestOf(entry))).status }).toEqual({
        route: routeKey(entry),
        status: 401,
      });
      for (const role of ROLES.filter((r) => !allows(r, roleOf(entry)!))) {
        expect({
          route: routeKey(entry),
          role,
          status: (await app.request(requestOf(entry, TOKENS[role]))).status,
        }).toEqual({ route: routeKey(entry), role, status: 403 });
      }
    }
  });

  it('refuses to mount a feature that serves a route the table does not list, or misses one it lists', () => {
    const health = new Hono().get('/health', (c) => c.text('ok')).get('/health/deep', (c) => c.text('ok'));
    expect(routeDrift('health', health, ROUTE_TABLE)).toEqual([
      'health serves GET /health/deep, which the route table does not list',
    ]);
    expect(routeDrift('ready', new Hono(), ROUTE_TABLE)).toEqual([
      'the route table lists GET /ready under ready, which does not serve it',
    ]);
    const features = Object.fromEntries(
      ROUTE_TABLE.map((e) => [e.feature, e.feature === 'health' ? health : new Hono()]),
    ) as Record<RouteFeature, Hono>;
    expect(() => mountRoutes(new Hono(), ROUTE_TABLE, features)).toThrow(/health serves GET \/health\/deep/);
  });
});
