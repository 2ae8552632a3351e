import { customerOf } from './customer-fields.ts';
import { invalidIssue, type FlaggedValues } from './flagged-values.ts';
import type { RecordRules } from './record-rules.ts';

/**
 * The fields a log call may carry (on winston's `info` object). Anything else the application
 * passes is kept under `details`, so no call can add a top-level field to the index.
 */
export const RECORD_KEYS = [
  'operation_id',
  'operation_type',
  'status',
  'customer',
  'customer_email',
  'onec_id',
  'category',
  'duration_ms',
  'correlation_id',
  'trace_id',
  'span_id',
  'customer_type',
  'created_new',
  'conflict_type',
  'manual_review_required',
] as const;

/** Id-like fields: a finite number is an id written as a number (`customer: { id: 42 }`), kept as its text. */
const ID_KEYS = new Set([
  'operation_id',
  'onec_id',
  'correlation_id',
  'trace_id',
  'span_id',
  'category',
  'customer_type',
  'conflict_type',
]);

/**
 * Copies the call's {@link RECORD_KEYS} onto the record: a value outside its vocabulary or of the
 * wrong type is flagged instead. Returns `details` with the customer's untyped fields added.
 */
export function copyCallFields(
  info: Record<string, unknown>,
  record: Record<string, unknown>,
  rules: RecordRules,
  flags: FlaggedValues,
  details: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  for (const key of RECORD_KEYS) {
    const value = info[key];
    if (value === undefined) continue;
    if (key === 'customer') {
      const customer = customerOf(value);
      if (customer.extra) details = { ...details, customer: customer.extra };
      record.customer = customer.value;
    } else if (key === 'duration_ms') {
      const ms = duration(value);
      if (ms === undefined) flags.add(key, value, 'duration_ms_invalid');
      else record[key] = ms;
    } else if (key === 'operation_type' || key === 'status') {
      const known = key === 'operation_type' ? rules.operationTypes : rules.statuses;
      if (typeof value === 'string' && known.has(value)) record[key] = value;
      else flags.add(key, value, typeof value === 'string' && value.length > 0 ? `${key}_unknown` : invalidIssue(key));
    } else {
      record[key] = ID_KEYS.has(key) && typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    }
  }
  return details;
}

/** A duration is a finite, non-negative number of milliseconds; anything else is flagged. */
function duration(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER
    ? Math.round(value)
    : undefined;
}
