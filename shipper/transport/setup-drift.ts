import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { RECORD_SCHEMA_VERSION, readSetupMetadata } from '../../opensearch/metadata/read-setup-metadata.ts';
import type { ShipperOptions } from '../options/shipper-options.ts';

/** The record schema this shipper writes; setup records the one its mapping has. */
export const SHIPPER_SCHEMA_VERSION = RECORD_SCHEMA_VERSION;

/** What the shipper reads of the setup metadata document (an older setup may lack any of it). */
interface StoredSetup {
  schema_version?: number;
  index?: { period?: string };
  lifecycle?: { delete_days?: number };
  vocabularies?: { operation_types?: ReadonlyArray<{ code?: string }>; statuses?: ReadonlyArray<{ code?: string }> };
}

type DriftOptions = Pick<
  ShipperOptions,
  'indexPeriod' | 'retentionDays' | 'operationTypes' | 'statuses' | 'indexPrefix'
>;

/** Where the transport's own options disagree with what `synclog setup` applied: one sentence each. */
export function setupDrift(stored: StoredSetup | null, options: DriftOptions): string[] {
  if (!stored)
    return [`no setup metadata for prefix "${options.indexPrefix}": run \`synclog setup\` against this cluster`];
  const drift: string[] = [];
  if (stored.index?.period !== undefined && stored.index.period !== options.indexPeriod) {
    drift.push(
      `indexPeriod is "${options.indexPeriod}" but setup applied "${stored.index.period}" (SYNCLOG_INDEX_PERIOD)`,
    );
  }
  if (stored.lifecycle?.delete_days !== undefined && stored.lifecycle.delete_days !== options.retentionDays) {
    drift.push(
      `retentionDays is ${options.retentionDays} but setup's lifecycle deletes after ${stored.lifecycle.delete_days} (SYNCLOG_RETENTION_DELETE_DAYS)`,
    );
  }
  if ((stored.schema_version ?? 1) < SHIPPER_SCHEMA_VERSION) {
    drift.push(
      `setup is older than this shipper (record schema ${stored.schema_version ?? 1} < ${SHIPPER_SCHEMA_VERSION}): fields the mapping lacks go under details until \`synclog setup\` runs`,
    );
  }
  const vocabularyDrift = (
    name: string,
    declared: readonly string[],
    known: ReadonlyArray<{ code?: string }> | undefined,
  ) => {
    if (!known) return;
    const codes = new Set(known.map((entry) => entry.code));
    const unknown = declared.filter((code) => !codes.has(code));
    if (unknown.length > 0)
      drift.push(`${name} declares ${unknown.map((c) => `"${c}"`).join(', ')} that setup's vocabulary lacks`);
  };
  vocabularyDrift('operationTypes', options.operationTypes, stored.vocabularies?.operation_types);
  vocabularyDrift('statuses', options.statuses, stored.vocabularies?.statuses);
  return drift;
}

/** Reads the metadata once at start; never throws (an unreachable cluster is the outage logic's business). */
export async function readSetupDrift(
  client: OpenSearchClient,
  metaIndex: string,
  options: DriftOptions,
): Promise<string[]> {
  try {
    return setupDrift(await readSetupMetadata(client, metaIndex), options);
  } catch {
    return [];
  }
}
