import type { SyncLogRecord } from '../../opensearch/record/schema.ts';

/** A reviewed-set document: the record, plus who reviewed it first and when. */
export type ReviewedCopy = SyncLogRecord & { first_reviewed_at?: string; first_reviewed_by?: string };

/** The record as it was logged, from its copy in the reviewed set (or the record itself). */
export function recordOfCopy(copy: ReviewedCopy): SyncLogRecord {
  const { first_reviewed_at: _at, first_reviewed_by: _by, ...record } = copy;
  return record;
}
