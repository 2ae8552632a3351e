import { Hono } from 'hono';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { RECORD_SCHEMA_VERSION, readSetupMetadata } from '../../opensearch/metadata/read-setup-metadata.ts';

/**
 * `GET /ready`: 200 once OpenSearch answers and `synclog setup` has been applied for this prefix
 * with this version's record schema; 503 with the reason otherwise. No token, like `/health`.
 */
export function readyRoutes(client: OpenSearchClient, names: IndexNames) {
  return new Hono().get('/ready', async (c) => {
    let metadata;
    try {
      metadata = await readSetupMetadata(client, names.meta);
    } catch {
      return c.json({ status: 'not_ready', reason: 'OpenSearch is unreachable' }, 503);
    }
    if (!metadata)
      return c.json({ status: 'not_ready', reason: `setup has not been applied for prefix ${names.prefix}` }, 503);
    if (metadata.schema_version !== RECORD_SCHEMA_VERSION) {
      return c.json(
        {
          status: 'not_ready',
          reason: `setup applied schema ${metadata.schema_version}; this version needs ${RECORD_SCHEMA_VERSION}: run synclog setup`,
        },
        503,
      );
    }
    return c.json({ status: 'ready', executors: metadata.executors });
  });
}
