import type { OpenSearchClient } from '../client/create-client.ts';
import { contentHash } from '../shared/content-hash.ts';
import { errorStatus, orNullOn404 } from '../shared/response-errors.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';

export interface IndexBody {
  readonly settings?: Record<string, unknown>;
  readonly mappings: Record<string, unknown>;
}

/**
 * Creates one of synclog's own (non-log) indices, or brings its mapping up to date. Mapping
 * changes can only add fields; setup stamps the mapping with a hash to see whether it changed.
 */
export async function ensureIndex(client: OpenSearchClient, name: string, body: IndexBody): Promise<SetupChange> {
  const hash = contentHash(body.mappings);
  const mappings = { ...body.mappings, _meta: { synclog_hash: hash, managed_by: 'synclog' } };
  const existing = await orNullOn404(client.indices.getMapping({ index: name }));
  if (!existing) {
    try {
      await client.indices.create({
        index: name,
        body: {
          settings: { index: { number_of_shards: 1, auto_expand_replicas: '0-1' }, ...body.settings },
          mappings,
        } as never,
      });
      return change('index', name, 'created');
    } catch (error) {
      // Another instance created it first.
      if (errorStatus(error).type !== 'resource_already_exists_exception') throw error;
      return change('index', name, 'unchanged');
    }
  }
  const stored = (existing.body as Record<string, { mappings?: { _meta?: { synclog_hash?: string } } }>)[name];
  if (stored?.mappings?._meta?.synclog_hash === hash) return change('index', name, 'unchanged');
  await client.indices.putMapping({ index: name, body: mappings as never });
  return change('index', name, 'updated', 'mapping');
}
