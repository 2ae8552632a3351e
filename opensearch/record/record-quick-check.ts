import type { RecordFieldName } from './fields.ts';
import type { SyncLogRecord } from './schema.ts';
import { LEVELS, LIMITS } from './vocabulary.ts';

/**
 * A fast, conservative check of a record against the record schema: it says yes only to records
 * that `syncLogRecordSchema` accepts as they are (its unit test holds it to that), so a yes can
 * skip the schema's parse on the shipper's hot path. A no proves nothing: the caller runs the
 * schema, which accepts or gives the reason.
 */
export function passesQuickCheck(candidate: Record<string, unknown>): candidate is SyncLogRecord {
  // Only the fields a record has are checked (most optional ones are absent); the required ones
  // must all have been among them. One map lookup per field gives both its check and whether it
  // is required, and an absent optional value is settled here without calling a check.
  let required = 0;
  for (const key in candidate) {
    const rule = RULES.get(key);
    if (rule === undefined) return false;
    const value = candidate[key];
    if (value === undefined) {
      if (rule.required) return false;
    } else if (!rule.check(value)) return false;
    else if (rule.required) required++;
  }
  return required === REQUIRED_COUNT;
}

type Check = (value: unknown) => boolean;

const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
const text =
  (max: number): Check =>
  (value) =>
    typeof value === 'string' && value.length <= max;
const id: Check = (value) => typeof value === 'string' && value.length > 0 && value.length <= LIMITS.idChars;
const oneOf = (values: readonly string[]): Check => {
  const allowed = new Set(values);
  return (value) => typeof value === 'string' && allowed.has(value);
};
const count: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const flag: Check = (value) => typeof value === 'boolean';
// What `Date#toISOString` writes for years 0000–9999, with a real calendar day (no 31 February).
const ISO_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isCalendarDay(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  if (day <= 28) return true;
  if (month === 2 && day === 29) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]!;
}
// Records logged in the same millisecond share a time string: each time field remembers the last
// one that passed (one memory per field, so a record's two different times do not evict each other).
const timestamp = (): Check => {
  let lastPassed: string | undefined;
  return (value) => {
    if (typeof value !== 'string') return false;
    if (value === lastPassed) return true;
    if (!ISO_UTC.test(value) || !isCalendarDay(value)) return false;
    lastPassed = value;
    return true;
  };
};
// Versions 1–8 with the RFC 9562 variant, lower case: a subset of what `z.uuid()` accepts.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const uuid: Check = (value) => typeof value === 'string' && UUID.test(value);
const SHA256_HEX = /^[0-9a-f]{64}$/;
const sha256Hex: Check = (value) => typeof value === 'string' && SHA256_HEX.test(value);
const plainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
const strictObject = (checks: Record<string, Check>): Check => {
  const known = new Set(Object.keys(checks));
  const entries = Object.entries(checks);
  return (value) => {
    if (!plainObject(value)) return false;
    for (const key in value) if (!known.has(key)) return false;
    for (let i = 0; i < entries.length; i++) if (!entries[i]![1](value[entries[i]![0]])) return false;
    return true;
  };
};

const customer = strictObject({ id, name: optional(text(LIMITS.idChars)), role: optional(id) });

const CHECKS: Readonly<Record<RecordFieldName, Check>> = {
  '@timestamp': timestamp(),
  ingested_at: timestamp(),
  event_id: uuid,
  producer_id: id,
  producer_seq: count,
  chain_prev: optional(sha256Hex),
  level: oneOf(LEVELS),
  category: optional(id),
  message: text(LIMITS.messageChars),
  operation_id: optional(id),
  operation_type: optional(id),
  status: optional(id),
  operation_key: optional(id),
  customer: (value) => value === undefined || value === null || customer(value),
  customer_email: optional(text(LIMITS.idChars)),
  onec_id: optional(id),
  pii_key_id: optional(id),
  customer_type: optional(id),
  created_new: optional(flag),
  conflict_type: optional(id),
  manual_review_required: optional(flag),
  import_source: optional(id),
  assigned_role: optional(id),
  export_destination: optional(id),
  export_format: optional(id),
  resolution_strategy: optional(id),
  resolution_method: optional(id),
  details: optional(plainObject),
  error_message: optional(text(LIMITS.errorMessageChars)),
  error_message_length: optional(count),
  error_type: optional(id),
  error_stack: optional(text(LIMITS.errorStackChars)),
  error_fingerprint: optional(text(LIMITS.fingerprintChars)),
  duration_ms: optional(count),
  correlation_id: optional(id),
  trace_id: optional(id),
  span_id: optional(id),
  service: strictObject({ name: id, environment: optional(id), version: optional(id) }),
  event_time_raw: optional(text(LIMITS.rawValueChars)),
  validation_issues: optional((value) => Array.isArray(value) && value.length > 0 && value.every(id)),
  invalid: optional((value) => plainObject(value) && Object.values(value).every(text(LIMITS.rawValueChars))),
};

interface Rule {
  readonly check: Check;
  /** A field every record has: its check refuses `undefined`. */
  readonly required: boolean;
}

const RULES: ReadonlyMap<string, Rule> = new Map(
  Object.entries(CHECKS).map(([name, check]) => [name, { check, required: !check(undefined) }]),
);
const REQUIRED_COUNT = [...RULES.values()].filter((rule) => rule.required).length;
