import type { LogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { BulkEntry } from './bulk-entry.ts';
import { prepareIndices, type Prepared } from './prepare-indices.ts';
import { createStrictFields } from './strict-fields.ts';

/**
 * What the engine needs to know of where its entries go: how their indices are made ready, and
 * whether a document refused for a field its index's strict mapping lacks can be adapted.
 */
export interface Destination {
  /** Makes the entries' indices ready; entries whose index is refused or unavailable are set apart. */
  prepare(entries: readonly BulkEntry[]): Promise<Prepared>;
  /** The index answered `index_not_found`: prepare it again next time. */
  forget(index: string): void;
  /** The entry as it should be sent now (documents adapted to what the index is known to lack). */
  adapt(entry: BulkEntry): BulkEntry;
  /** The index refused the top-level `field`; true when later sends of its entries are adapted to that. */
  learn(index: string, field: string): boolean;
}

/**
 * Synclog's event-time log indices: each period's index is created on demand within the shard
 * budget, and fields an older setup's strict mapping lacks are moved under `details`.
 */
export function logIndexDestination(ensurer: LogIndexEnsurer, names: IndexNames): Destination {
  const strictFields = createStrictFields();
  return {
    prepare: (entries) => prepareIndices(ensurer, names, entries),
    forget: (index) => ensurer.forget(index),
    adapt: (entry) => strictFields.adapt(entry),
    learn(index, field) {
      strictFields.learn(index, field);
      return true;
    },
  };
}

/**
 * Indices that exist already (set up beforehand, or created by the cluster on the first write):
 * every entry is ready, documents are sent as they are, and a refusal is final.
 */
export function existingIndexDestination(): Destination {
  return {
    prepare: async (entries) => ({ ready: [...entries], refused: [], waiting: [] }),
    forget: () => {},
    adapt: (entry) => entry,
    learn: () => false,
  };
}
