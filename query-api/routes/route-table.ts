import type { Role } from '../auth/api-tokens.ts';

/** The sub-app that serves a route; each is one feature folder's `*-routes.ts`. */
export type RouteFeature =
  | 'health'
  | 'ready'
  | 'openapi'
  | 'audit'
  | 'export'
  | 'reviews'
  | 'logs'
  | 'reports'
  | 'alerts'
  | 'console'
  | 'metrics'
  | 'schedule';

/**
 * Who may call a route: a token role (checked before the handler, from this table), anyone
 * (`public`), the alert receiver's shared secret or signature (checked by its handler), or the
 * console's session (the console checks it and answers with pages).
 */
export type RouteAccess = Role | 'public' | 'alert-secret' | 'console';

export interface RouteEntry {
  readonly method: 'GET' | 'POST';
  /** Hono syntax: `/logs/:id`. */
  readonly path: string;
  readonly feature: RouteFeature;
  readonly access: RouteAccess;
  /** Behind the circuit breaker: the route reads OpenSearch on the caller's behalf (probes and metrics are not). */
  readonly breaker: boolean;
  /** In `/openapi.json`; the console's HTML pages are not part of the API. */
  readonly documented: boolean;
  readonly summary: string;
}

type Method = RouteEntry['method'];
const api = <M extends Method, P extends string>(
  method: M,
  path: P,
  feature: RouteFeature,
  access: RouteAccess,
  breaker: boolean,
  summary: string,
) => ({ method, path, feature, access, breaker, documented: true, summary }) as const;
const page = <M extends Method, P extends string>(method: M, path: P, summary: string) =>
  ({ method, path, feature: 'console', access: 'console', breaker: true, documented: false, summary }) as const;

const EXPORT = (format: 'csv' | 'xlsx') =>
  `every matching record as ${format.toUpperCase()}, streamed; X-Synclog-Export-Id names its manifest`;

/**
 * Every route of the service, in mounting order: the app mounts the features in this order, the
 * guards (circuit breaker, token role) and the OpenAPI document are derived from it. Order matters
 * where paths overlap: `/logs/export.csv` comes before `/logs/:id`, which would take it for an id.
 */
export const ROUTE_TABLE = [
  api('GET', '/health', 'health', 'public', false, 'liveness'),
  api('GET', '/ready', 'ready', 'public', false, 'readiness: OpenSearch answers and setup is applied'),
  api('GET', '/openapi.json', 'openapi', 'public', false, 'this document'),
  api('GET', '/audit', 'audit', 'admin', true, 'the access log'),
  api('GET', '/logs/export.csv', 'export', 'analyst', true, EXPORT('csv')),
  api('GET', '/logs/export.xlsx', 'export', 'analyst', true, EXPORT('xlsx')),
  api('GET', '/exports/:id', 'export', 'analyst', true, 'an export manifest'),
  api('POST', '/logs/review', 'reviews', 'admin', true, 'review every record a filter matches'),
  api(
    'POST',
    '/logs/:id/review',
    'reviews',
    'admin',
    true,
    'record a review of one record (the record itself never changes)',
  ),
  api('GET', '/reviews/coverage', 'reviews', 'viewer', true, 'reviewed errors over errors'),
  api('GET', '/logs', 'logs', 'viewer', true, 'search sync logs'),
  api('GET', '/logs/:id', 'logs', 'viewer', true, 'one record'),
  api(
    'GET',
    '/reports/daily',
    'reports',
    'viewer',
    false,
    'the daily summary: operations by type and status, durations, error rate, top errors',
  ),
  api(
    'GET',
    '/reports/weekly-errors',
    'reports',
    'viewer',
    false,
    'the weekly error analysis of 7 local days from start, with the week before',
  ),
  api(
    'GET',
    '/reports/monthly-activity',
    'reports',
    'viewer',
    false,
    'the monthly customer activity: active, new and returning customers, top customers, imports and exports, repeated failures',
  ),
  api(
    'POST',
    '/alerts/webhook',
    'alerts',
    'alert-secret',
    true,
    'receive a firing or resolved alert event (shared secret in X-Synclog-Alert-Secret, or an X-Synclog-Signature HMAC)',
  ),
  api('GET', '/alerts', 'alerts', 'viewer', true, 'alerts from either executor, latest event first'),
  api('POST', '/alerts/:key/ack', 'alerts', 'admin', true, 'acknowledge an alert (who, when, comment)'),
  page('GET', '/console/assets/console.css', "the console's stylesheet"),
  page('GET', '/console/assets/console.js', "the console's script"),
  page('GET', '/console', 'the console: to the log list'),
  page('GET', '/console/login', 'the sign-in form'),
  page('POST', '/console/login', 'sign in with an API token'),
  page('POST', '/console/logout', 'sign out'),
  page('GET', '/console/language', 'switch the language (kept in a cookie), back to the page'),
  page('GET', '/console/settings', 'the time zone setting'),
  page('GET', '/console/time-zone', 'keep the chosen time zone (in a cookie), back to the page'),
  page('GET', '/console/logs', 'the log list with filters'),
  page('GET', '/console/logs/:id', 'one record with its reviews'),
  page('POST', '/console/logs/:id/review', 'review one record'),
  page('POST', '/console/review', 'review every record the filters match'),
  page('GET', '/console/reports', 'the reports'),
  page('GET', '/console/alerts', 'the alerts'),
  page('POST', '/console/alerts/ack', 'acknowledge an alert'),
  page('GET', '/console/retention', "each log index's lifecycle state and the legal holds"),
  page('GET', '/console/tail', 'the live tail'),
  page('GET', '/console/tail/events', 'the live tail as server-sent events'),
  api('GET', '/metrics', 'metrics', 'metrics', false, 'Prometheus metrics'),
  api('GET', '/schedule', 'schedule', 'admin', true, 'scheduled jobs and the leader'),
] as const satisfies readonly RouteEntry[];

type Keyed<R> = R extends { readonly method: infer M extends string; readonly path: infer P extends string }
  ? `${M} ${P}`
  : never;

/** `GET /logs/:id`: a route's method and path, as the table and the app's routes name it. */
export type RouteKey = Keyed<(typeof ROUTE_TABLE)[number]>;
/** The routes `/openapi.json` describes. */
export type DocumentedRouteKey = Keyed<Extract<(typeof ROUTE_TABLE)[number], { readonly documented: true }>>;

export const routeKey = (route: { readonly method: string; readonly path: string }) => `${route.method} ${route.path}`;

/** A token role the route requires, or null when its access is checked elsewhere (or not at all). */
export const roleOf = (entry: RouteEntry): Role | null =>
  ['viewer', 'analyst', 'admin', 'metrics'].includes(entry.access) ? (entry.access as Role) : null;
