import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The record's link to its producer's previous record: hex SHA-256 of that record's hashed form. */
export const CHAIN_PREV_FIELD = 'chain_prev';

/** What `chain_prev` holds on a producer's first record (seq 0): nothing came before it. */
export const CHAIN_START = '0'.repeat(64);

/**
 * The hash that links a record into its producer's chain: hex SHA-256 over the RFC 8785 (JCS)
 * text of the record's whole `_source`, its own `chain_prev` included, so that each hash covers
 * every record before it: altering one record and rewriting the next one's link breaks the link
 * after that, and so on up to the next signed checkpoint. It is computed from what is stored (after
 * the personal data policy), so anyone holding the documents can recompute it; key order and number
 * spelling in the stored bytes do not matter.
 */
export function recordHash(source: Readonly<Record<string, unknown>>): string {
  const text = canonicalJson(source) ?? 'null';
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JCS text of a value (`canonical-json.ts`); `null` for a value JSON has no text for. */
export const canonicalText = (value: unknown): string => canonicalJson(value) ?? 'null';
