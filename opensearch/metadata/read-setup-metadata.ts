import type { OpenSearchClient } from '../client/create-client.ts';
import type { LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';
import type { IndexPeriod } from '../record/index-period.ts';
import type { VocabularyEntry } from '../record/vocabulary.ts';
import { orNullOn404 } from '../shared/response-errors.ts';
import type { ClusterCapabilities } from '../cluster/cluster-capabilities.ts';

/**
 * The setup metadata document as the shipper and the service read it at start. It sits below
 * setup, lifecycle and alerting, so a shipper's write path reads it without loading an installer.
 */

/**
 * Bumped when a stored record's meaning changes in a way readers must know about.
 * 2: open vocabularies, flagged records (`operation_key`, `event_time_raw`, `validation_issues`, `invalid`).
 */
export const RECORD_SCHEMA_VERSION = 2;
export const SETUP_METADATA_ID = 'setup';

/** What setup applied and which executor is in charge of each concern. */
export interface SetupMetadata {
  readonly schema_version: number;
  readonly mapping_hash: string;
  readonly index: { prefix: string; period: string; shards: number; replicas: number | null };
  readonly lifecycle: LifecyclePolicy;
  /** The event times log indices are created for (schema 2 on). */
  readonly event_window?: { delete_days: number; clock_skew_ms: number; period: IndexPeriod };
  /** The known operation types and statuses with their labels (schema 2 on); other codes are stored flagged. */
  readonly vocabularies?: { operation_types: readonly VocabularyEntry[]; statuses: readonly VocabularyEntry[] };
  /** The top-level record fields the log mapping has (schema 2 on): a shipper keeps any other field under `details`. */
  readonly fields?: readonly string[];
  /** Alert rules applied; none are defined until alerting is configured. */
  readonly alerting: { rules: unknown[] };
  readonly executors: ClusterCapabilities['executors'];
  readonly cluster: { version: string; plugins: readonly string[] };
}

/** The stored metadata, or `null` before setup ran. Documents of schema 1 lack the optional parts above. */
export async function readSetupMetadata(client: OpenSearchClient, metaIndex: string): Promise<SetupMetadata | null> {
  const found = await orNullOn404(client.get({ index: metaIndex, id: SETUP_METADATA_ID }));
  return (found?.body._source as SetupMetadata | undefined) ?? null;
}
