import { Hono } from 'hono';
import type { OpenSearchClient } from '../opensearch/client/create-client.ts';
import { healthRoutes } from './health/health-routes.ts';

export interface AppDeps {
  readonly client: OpenSearchClient;
}

/** The query API as a Hono app: tests call `app.request(...)`, the server wraps it. */
export function createApp(deps: AppDeps) {
  return new Hono().route('/', healthRoutes(deps.client));
}
