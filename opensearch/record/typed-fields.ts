import type { SyncLogRecord } from './schema.ts';

/** The keyword fields lifted out of `details`, each read from the `details` key of the same name. */
export const LIFTED_KEYWORDS = [
  'customer_type',
  'conflict_type',
  'import_source',
  'assigned_role',
  'export_destination',
  'export_format',
  'resolution_strategy',
  'resolution_method',
] as const;

/** The boolean fields lifted out of `details`. */
export const LIFTED_FLAGS = ['created_new', 'manual_review_required'] as const;

type TypedFields = Pick<SyncLogRecord, (typeof LIFTED_KEYWORDS)[number] | (typeof LIFTED_FLAGS)[number]>;

/**
 * Reports and the console filter and count on a few values that applications put in `details`.
 * `flat_object` subfields can be searched but not aggregated, so these are copied to typed
 * top-level fields. Values of the wrong type (or an empty or over-long text) are left in `details`
 * only.
 */
const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : undefined);
const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined);

export function liftTypedFields(details: Record<string, unknown> | undefined): TypedFields {
  if (!details) return {};
  const lifted: Record<string, string | boolean> = {};
  for (const name of LIFTED_KEYWORDS) {
    const value = text(details[name]);
    if (value !== undefined) lifted[name] = value;
  }
  for (const name of LIFTED_FLAGS) {
    const value = flag(details[name]);
    if (value !== undefined) lifted[name] = value;
  }
  return lifted as TypedFields;
}
