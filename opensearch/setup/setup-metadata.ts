import type { OpenSearchClient } from '../client/create-client.ts';
import { recordFields } from '../record/fields.ts';
import { recordMapping } from '../record/mapping.ts';
import { contentHash } from '../shared/content-hash.ts';
import { orNullOn404 } from '../shared/response-errors.ts';
import type { ClusterCapabilities } from '../cluster/cluster-capabilities.ts';
import { RECORD_SCHEMA_VERSION, SETUP_METADATA_ID, type SetupMetadata } from '../metadata/read-setup-metadata.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';
import { eventWindowOf, type SetupConfig } from './setup-config.ts';
import { STORY_VOCABULARIES } from './setup-vocabularies.ts';

/** Only the bookkeeping fields are indexed: `dynamic: false` lets the document gain keys without a mapping change. */
export const metaIndexBody = {
  mappings: {
    dynamic: false,
    properties: {
      updated_at: { type: 'date' },
      content_hash: { type: 'keyword' },
      schema_version: { type: 'integer' },
    },
  },
};

export function setupMetadata(config: SetupConfig, capabilities: ClusterCapabilities): SetupMetadata {
  const window = eventWindowOf(config);
  return {
    schema_version: RECORD_SCHEMA_VERSION,
    mapping_hash: contentHash(recordMapping()),
    index: {
      prefix: config.names.prefix,
      period: config.period,
      shards: config.index.shards,
      replicas: config.index.replicas ?? null,
    },
    lifecycle: config.lifecycle,
    event_window: { delete_days: window.deleteDays, clock_skew_ms: window.clockSkewMs, period: window.period },
    vocabularies: config.vocabularies ?? STORY_VOCABULARIES,
    fields: Object.keys(recordFields),
    alerting: { rules: [] },
    executors: capabilities.executors,
    cluster: { version: capabilities.version, plugins: capabilities.plugins },
  };
}

/** Writes the metadata document when its content differs from what is stored. */
export async function ensureSetupMetadata(
  client: OpenSearchClient,
  metaIndex: string,
  metadata: SetupMetadata,
  now: () => Date = () => new Date(),
): Promise<SetupChange> {
  const hash = contentHash(metadata);
  const stored = await orNullOn404(client.get({ index: metaIndex, id: SETUP_METADATA_ID }));
  const storedHash = (stored?.body._source as { content_hash?: string } | undefined)?.content_hash;
  if (storedHash === hash) return change('metadata', `${metaIndex}/${SETUP_METADATA_ID}`, 'unchanged');
  await client.index({
    index: metaIndex,
    id: SETUP_METADATA_ID,
    body: { ...metadata, content_hash: hash, updated_at: now().toISOString() },
    refresh: 'wait_for',
  });
  return change('metadata', `${metaIndex}/${SETUP_METADATA_ID}`, stored ? 'updated' : 'created');
}
