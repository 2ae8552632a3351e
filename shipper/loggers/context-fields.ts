import { truncate } from '../../opensearch/record/error-fields.ts';
import { LIMITS } from '../../opensearch/record/vocabulary.ts';
import type { CorrelationContext } from '../context/correlation-context.ts';

const KEYS = ['correlation_id', 'trace_id', 'span_id', 'request_id', 'user_id', 'session_id'] as const;

/**
 * The context as `info` keys. `correlation_id`, `trace_id` and `span_id` are record fields; the
 * others are not, so normalise-record keeps them under `details`. Values are cut to the id limit
 * because an over-long id would make the whole record invalid.
 */
export function contextFields(context: CorrelationContext): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const key of KEYS) {
    const value = context[key];
    if (typeof value === 'string' && value.length > 0) fields[key] = boundedId(value);
  }
  return fields;
}

/** A string cut to the record's id limit (256 characters). */
export function boundedId(value: string): string {
  return truncate(value, LIMITS.idChars).text;
}

/** `fields` without its `undefined` values, so console output and `details` stay clean. */
export function definedOnly<T extends Record<string, unknown>>(fields: T): T {
  const defined: Record<string, unknown> = {};
  for (const key in fields) if (fields[key] !== undefined) defined[key] = fields[key];
  return defined as T;
}
