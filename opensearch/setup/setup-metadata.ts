import type { OpenSearchClient } from '../client/create-client.ts';
import { recordMapping } from '../record/mapping.ts';
import { contentHash } from '../shared/content-hash.ts';
import { orNullOn404 } from '../shared/response-errors.ts';
import type { ClusterCapabilities } from './cluster-capabilities.ts';
import { change, type SetupChange } from './setup-change.ts';
import type { SetupConfig } from './setup-config.ts';

/** Bumped when a stored record's meaning changes in a way readers must know about. */
export const RECORD_SCHEMA_VERSION = 1;
const DOCUMENT_ID = 'setup';

/** What setup applied and which executor is in charge of each concern. */
export interface SetupMetadata {
  readonly schema_version: number;
  readonly mapping_hash: string;
  readonly index: { prefix: string; period: string; shards: number; replicas: number | null };
  readonly lifecycle: SetupConfig['lifecycle'];
  /** Alert rules applied; none are defined until alerting is configured. */
  readonly alerting: { rules: unknown[] };
  readonly executors: ClusterCapabilities['executors'];
  readonly cluster: { version: string; plugins: readonly string[] };
}

export const metaIndexBody = {
  mappings: {
    dynamic: false,
    properties: { updated_at: { type: 'date' }, content_hash: { type: 'keyword' }, schema_version: { type: 'integer' } },
  },
};

export function setupMetadata(config: SetupConfig, capabilities: ClusterCapabilities): SetupMetadata {
  return {
    schema_version: RECORD_SCHEMA_VERSION,
    mapping_hash: contentHash(recordMapping()),
    index: { prefix: config.names.prefix, period: config.period, shards: config.index.shards, replicas: config.index.replicas ?? null },
    lifecycle: config.lifecycle,
    alerting: { rules: [] },
    executors: capabilities.executors,
    cluster: { version: capabilities.version, plugins: capabilities.plugins },
  };
}

export async function readSetupMetadata(client: OpenSearchClient, metaIndex: string): Promise<SetupMetadata | null> {
  const found = await orNullOn404(client.get({ index: metaIndex, id: DOCUMENT_ID }));
  return (found?.body._source as SetupMetadata | undefined) ?? null;
}

/** Writes the metadata document when its content differs from what is stored. */
export async function ensureSetupMetadata(
  client: OpenSearchClient,
  metaIndex: string,
  metadata: SetupMetadata,
  now: () => Date = () => new Date(),
): Promise<SetupChange> {
  const hash = contentHash(metadata);
  const stored = await orNullOn404(client.get({ index: metaIndex, id: DOCUMENT_ID }));
  const storedHash = (stored?.body._source as { content_hash?: string } | undefined)?.content_hash;
  if (storedHash === hash) return change('metadata', `${metaIndex}/${DOCUMENT_ID}`, 'unchanged');
  await client.index({
    index: metaIndex,
    id: DOCUMENT_ID,
    body: { ...metadata, content_hash: hash, updated_at: now().toISOString() },
    refresh: 'wait_for',
  });
  return change('metadata', `${metaIndex}/${DOCUMENT_ID}`, stored ? 'updated' : 'created');
}
