import type { SyncLogRecord } from './schema.ts';

type TypedFields = Pick<SyncLogRecord, 'customer_type' | 'created_new' | 'conflict_type' | 'manual_review_required'>;

/**
 * Reports aggregate on a few values that applications put in `details`. `flat_object` subfields
 * can be searched but not aggregated, so these are copied to typed top-level fields. Values of the
 * wrong type are left in `details` only.
 */
const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : undefined);
const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined);

export function liftTypedFields(details: Record<string, unknown> | undefined): TypedFields {
  if (!details) return {};
  const lifted: TypedFields = {};
  const customerType = text(details.customer_type);
  const conflictType = text(details.conflict_type);
  const createdNew = flag(details.created_new);
  const manualReview = flag(details.manual_review_required);
  if (customerType !== undefined) lifted.customer_type = customerType;
  if (conflictType !== undefined) lifted.conflict_type = conflictType;
  if (createdNew !== undefined) lifted.created_new = createdNew;
  if (manualReview !== undefined) lifted.manual_review_required = manualReview;
  return lifted;
}
