import { Hono } from 'hono';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';

/**
 * `GET /health`: 200 while OpenSearch answers with a yellow or green cluster, 503 otherwise.
 * It carries no data, so it needs no token (load balancers and orchestrators call it).
 */
export function healthRoutes(client: OpenSearchClient) {
  return new Hono().get('/health', async (c) => {
    try {
      const { body } = await client.cluster.health({ timeout: '2s' } as never, { requestTimeout: 3_000 });
      const ok = body.status === 'green' || body.status === 'yellow';
      return c.json({ status: ok ? 'ok' : 'degraded', opensearch: body.status }, ok ? 200 : 503);
    } catch {
      return c.json({ status: 'unavailable', opensearch: 'unreachable' }, 503);
    }
  });
}
