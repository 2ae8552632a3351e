import type { IncomingMessage } from 'node:http';
import { routeTemplate } from './url-path.ts';

/** Names the route a request matched (`/customers/:id`), or `undefined` when it cannot tell. */
export type RouteOf<Req extends IncomingMessage = IncomingMessage> = (req: Req) => string | undefined;

/**
 * The `endpoint` label of a request, read when the response has finished (routers name the
 * route while handling): the caller's `routeOf`, else Express's matched route (`baseUrl` +
 * `route.path`), else the path with its ids collapsed. A raw path would make every customer id a
 * time series.
 */
export function requestEndpoint<Req extends IncomingMessage>(req: Req, path: string, routeOf?: RouteOf<Req>): string {
  const named = routeOf?.(req) ?? expressRoute(req);
  return named !== undefined && named.length > 0 ? named : routeTemplate(path);
}

function expressRoute(req: IncomingMessage): string | undefined {
  const { route, baseUrl } = req as IncomingMessage & { route?: { path?: unknown }; baseUrl?: unknown };
  if (typeof route?.path !== 'string') return undefined;
  return `${typeof baseUrl === 'string' ? baseUrl : ''}${route.path}`;
}
