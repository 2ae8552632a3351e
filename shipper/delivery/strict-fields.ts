import { bulkEntryWithDocument, documentOf, type BulkEntry } from './bulk-entry.ts';

/**
 * A shipper newer than the cluster's setup writes fields the index's strict mapping does not have
 * yet. Such a field is not a reason to lose the record: it is moved under `details` (a
 * `flat_object`, which takes any key) and the record resent. Each index's missing fields are
 * learned from its refusals, so later records for it are adapted before they are sent.
 */
export function createStrictFields() {
  const missing = new Map<string, Set<string>>();

  return {
    /** Records that `index` refused the top-level `field`. */
    learn(index: string, field: string): void {
      let fields = missing.get(index);
      if (!fields) missing.set(index, (fields = new Set()));
      fields.add(field);
    },
    /** The entry with every field its index is known to lack moved under `details`; the same entry when none applies. */
    adapt(entry: BulkEntry): BulkEntry {
      const fields = missing.get(entry.index);
      return fields ? moveUnderDetails(entry, fields) : entry;
    },
  };
}

export type StrictFields = ReturnType<typeof createStrictFields>;

/** Moves these top-level fields of the entry's document under `details`; an existing `details` key of that name is kept. */
export function moveUnderDetails(entry: BulkEntry, fields: ReadonlySet<string>): BulkEntry {
  const document = JSON.parse(documentOf(entry)) as Record<string, unknown>;
  const present = [...fields].filter((f) => f in document);
  if (present.length === 0) return entry;
  const given = document.details;
  const details: Record<string, unknown> =
    given !== null && typeof given === 'object' && !Array.isArray(given) ? { ...(given as object) } : {};
  for (const field of present) {
    const key = field in details ? `record.${field}` : field;
    details[key] = document[field];
    delete document[field];
  }
  document.details = details;
  return bulkEntryWithDocument(entry, JSON.stringify(document));
}
