import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The record's link to its producer's previous record: hex SHA-256 of that record's hashed form. */
export const CHAIN_PREV_FIELD = 'chain_prev';

/** What `chain_prev` holds on a producer's first record (seq 0): nothing came before it. */
export const CHAIN_START = '0'.repeat(64);

/**
 * The hash that links a record into its producer's chain: hex SHA-256 over RFC 8785 (JCS) of the
 * record's `_source` without the chain field. It is computed from what is stored (after the
 * personal data policy), so anyone holding the documents can recompute it; key order and number
 * spelling in the stored bytes do not matter.
 */
export function recordHash(source: Readonly<Record<string, unknown>>): string {
  const { [CHAIN_PREV_FIELD]: _ignored, ...hashed } = source;
  return createHash('sha256').update(canonicalText(hashed), 'utf8').digest('hex');
}

/** JCS text of a value. Lone surrogates (which JCS refuses) are replaced first, as JSON readers do. */
export function canonicalText(value: unknown): string {
  try {
    return canonicalize(value) ?? 'null';
  } catch {
    return canonicalize(wellFormed(value)) ?? 'null';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const toWellFormed = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD');

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return toWellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toWellFormed(k), wellFormed(v)]));
  }
  return value;
}
