import type { Hono, MiddlewareHandler } from 'hono';
import type { Role } from '../auth/api-tokens.ts';
import { roleOf, routeKey, type RouteEntry, type RouteFeature } from './route-table.ts';

export interface RouteGuards {
  /** The circuit breaker, for the routes the table puts behind it. */
  readonly breaker: MiddlewareHandler;
  /** The token check for a role. */
  readonly role: (needed: Role) => MiddlewareHandler;
}

/**
 * Registers before the features' handlers, for every route of the table, the breaker and the
 * token role its entry names. Where paths overlap (`/logs/export.csv` also matches `/logs/:id`)
 * only the first matching entry guards the request, the one whose handler answers it.
 */
export function guardRoutes(app: Hono, table: readonly RouteEntry[], guards: RouteGuards): void {
  const claimed = new WeakMap<Request, RouteEntry>();
  const forEntry =
    (entry: RouteEntry, guard: MiddlewareHandler): MiddlewareHandler =>
    (c, next) =>
      claimed.get(c.req.raw) === entry ? guard(c, next) : next();
  for (const entry of table) {
    app.on(entry.method, entry.path, async (c, next) => {
      if (!claimed.has(c.req.raw)) claimed.set(c.req.raw, entry);
      await next();
    });
    if (entry.breaker) app.on(entry.method, entry.path, forEntry(entry, guards.breaker));
    const role = roleOf(entry);
    if (role) app.on(entry.method, entry.path, forEntry(entry, guards.role(role)));
  }
}

/** Where a feature's sub-app and the table disagree: routes served but not listed, and listed but not served. */
export function routeDrift(feature: RouteFeature, routes: Hono, table: readonly RouteEntry[]): string[] {
  const served = new Set(routes.routes.filter((r) => r.method !== 'ALL').map(routeKey));
  const listed = new Set(table.filter((e) => e.feature === feature).map(routeKey));
  return [
    ...[...served]
      .filter((k) => !listed.has(k))
      .map((k) => `${feature} serves ${k}, which the route table does not list`),
    ...[...listed]
      .filter((k) => !served.has(k))
      .map((k) => `the route table lists ${k} under ${feature}, which does not serve it`),
  ];
}

/**
 * Mounts every feature's sub-app in the table's order, after checking that each serves exactly the
 * routes the table lists for it: a route missing from the table (so unguarded and undocumented)
 * stops the app from being built.
 */
export function mountRoutes(
  app: Hono,
  table: readonly RouteEntry[],
  features: Readonly<Record<RouteFeature, Hono>>,
): void {
  const order = [...new Set(table.map((e) => e.feature))];
  const problems = (Object.keys(features) as RouteFeature[]).flatMap((feature) =>
    routeDrift(feature, features[feature], table),
  );
  if (problems.length > 0) throw new Error(`routes and route table differ: ${problems.join('; ')}`);
  for (const feature of order) app.route('/', features[feature]);
}
