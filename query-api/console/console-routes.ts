import { Hono } from 'hono';
import { alertsRoutes } from './alerts-routes.ts';
import { assetRoutes } from './asset-routes.ts';
import { bulkReviewRoutes } from './bulk-review-routes.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { consoleGuards } from './console-guards.ts';
import { logsRoutes } from './logs-routes.ts';
import { preferenceRoutes } from './preference-routes.ts';
import { recordRoutes } from './record-routes.ts';
import { reportsRoutes } from './reports-routes.ts';
import { retentionRoutes } from './retention-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { tailRoutes } from './tail-routes.ts';
import { readerMiddleware } from '../reader/reader-middleware.ts';

export type { ConsoleDeps } from './console-deps.ts';

/**
 * The web console, server-rendered: log list with filters, record detail, exports, reviews,
 * reports, alerts, retention and a live tail. Sessions carry the role of the API token signed in
 * with (the cookie holds only a session id); every form is CSRF-checked; every value is escaped;
 * the Content-Security-Policy allows no inline code.
 * The pages are mounted in the route table's order.
 */
export function consoleRoutes(deps: ConsoleDeps) {
  const guards = consoleGuards(deps.auth);
  return new Hono()
    .use('/console/*', readerMiddleware(deps.labels, deps.reportTimeZone))
    .route('/', assetRoutes())
    .route('/', sessionRoutes(deps.auth, guards))
    .route('/', preferenceRoutes(guards))
    .route('/', logsRoutes(deps, guards))
    .route('/', recordRoutes(deps, guards))
    .route('/', bulkReviewRoutes(deps, guards))
    .route('/', reportsRoutes(deps, guards))
    .route('/', alertsRoutes(deps, guards))
    .route('/', retentionRoutes(deps, guards))
    .route('/', tailRoutes(deps, guards));
}
