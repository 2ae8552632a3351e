import type { DeadLetterReason } from '../../opensearch/record/dead-letter.ts';

/** What one `_bulk` item's answer means for its record. */
export type ItemOutcome =
  /** 2xx, or 409 (`duplicate`): the document exists, so an earlier attempt delivered it. */
  | { readonly kind: 'delivered'; readonly duplicate: boolean }
  /** 429 (`throttled`) or 5xx: send this item again, after a backoff. */
  | { readonly kind: 'retry'; readonly throttled: boolean }
  /** 404 `index_not_found_exception`: the period's index is gone; create it and send again. */
  | { readonly kind: 'missing-index' }
  /**
   * Refused for good, with the dead-letter code. `strictField`: a top-level field the index's
   * strict mapping does not know (an older setup), which can be moved under `details` and resent.
   */
  | { readonly kind: 'refused'; readonly code: DeadLetterReason; readonly strictField?: string };

const MAPPING_ERRORS = new Set([
  'mapper_parsing_exception',
  'document_parsing_exception',
  'illegal_argument_exception',
  'mapper_exception',
  'strict_dynamic_mapping_exception',
]);

/** "mapping set to strict, dynamic introduction of [x] within [_doc] is not allowed" */
const STRICT_FIELD = /dynamic introduction of \[([^\]]+)\] within \[([^\]]+)\]/;

export function itemOutcome(status: number, error: { type?: string; reason?: string } | undefined): ItemOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', duplicate: false };
  if (status === 409) return { kind: 'delivered', duplicate: true };
  if (status === 429) return { kind: 'retry', throttled: true };
  if (status >= 500) return { kind: 'retry', throttled: false };
  const type = error?.type ?? '';
  if (status === 404 && type === 'index_not_found_exception') return { kind: 'missing-index' };
  if (type === 'index_closed_exception') return { kind: 'refused', code: 'index_closed' };
  // A write block (`index.blocks.write`, set on cold indices) answers 403; disk flood-stage blocks answer 429 above.
  if (type === 'cluster_block_exception') return { kind: 'refused', code: 'read_only' };
  if (type === 'strict_dynamic_mapping_exception') {
    const [, field, within] = STRICT_FIELD.exec(error?.reason ?? '') ?? [];
    return within === '_doc' && field
      ? { kind: 'refused', code: 'mapping', strictField: field }
      : { kind: 'refused', code: 'mapping' };
  }
  if (MAPPING_ERRORS.has(type)) return { kind: 'refused', code: 'mapping' };
  if (status === 413) return { kind: 'refused', code: 'too_large' };
  return { kind: 'refused', code: 'refused' };
}
