import { createHmac } from 'node:crypto';
import { normaliseTerm } from './normalise-term.ts';

/** One hashing key: its id goes on every record it hashed (`pii_key_id`) and into each hash. */
export interface HmacKey {
  readonly id: string;
  readonly secret: Buffer;
}

/**
 * The configured keys, newest first: records are hashed under `current`; search terms are hashed
 * under every key, so records hashed before a rotation are still found. Erasing a key from the
 * list makes what it hashed unlinkable (crypto-shredding).
 */
export interface KeyRing {
  readonly current: HmacKey;
  readonly all: readonly HmacKey[];
}

/** Lower-case ASCII only: a hash stays unchanged through the `synclog_lowercase` normaliser. */
export const KEY_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const SECRET = /^[^\s,]{32,}$/;
/** A stored hash: `hmac:<key id>:<64 hex digits>`. */
export const HASHED = /^hmac:([a-z0-9][a-z0-9_-]{0,31}):[0-9a-f]{64}$/;

export class KeyRingError extends Error {
  override readonly name = 'KeyRingError';
}

/**
 * Reads keys written as `<key id>:<secret>`, one per line or comma-separated, newest first; blank
 * lines and `#` comments are skipped. A secret is 32+ characters without spaces or commas (for
 * example `openssl rand -hex 32`); its text is the HMAC key. Throws naming the first bad entry.
 */
export function parseKeyRing(text: string): KeyRing {
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  if (entries.length === 0) throw new KeyRingError('no key: expected <key id>:<secret> entries');
  const keys: HmacKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? entry : entry.slice(0, colon);
    const secret = colon < 0 ? '' : entry.slice(colon + 1);
    if (!KEY_ID.test(id))
      throw new KeyRingError(`entry ${i + 1}: key id must be 1-32 lower-case letters, digits, "_" or "-"`);
    if (!SECRET.test(secret))
      throw new KeyRingError(`entry ${i + 1} (${id}): secret must be 32+ characters without spaces or commas`);
    if (keys.some((k) => k.id === id)) throw new KeyRingError(`entry ${i + 1}: key id ${id} appears twice`);
    keys.push({ id, secret: Buffer.from(secret, 'utf8') });
  }
  return { current: keys[0]!, all: keys };
}

/** `hmac:<key id>:<hex>` over the normalised value. A value that is already such a hash is returned as it is. */
export function hashValue(key: HmacKey, value: string): string {
  if (HASHED.test(value)) return value;
  return `hmac:${key.id}:${createHmac('sha256', key.secret).update(normaliseTerm(value), 'utf8').digest('hex')}`;
}

/** The key id of a stored hash, or `undefined` when the value is no hash. */
export function hashKeyId(value: unknown): string | undefined {
  return typeof value === 'string' ? HASHED.exec(value)?.[1] : undefined;
}
