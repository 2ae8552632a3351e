/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings spelt as ECMAScript's JSON.stringify spells them (which
 * is what JCS prescribes). Written here rather than taken from a package because it runs once per
 * shipped record, as the text that is sent: the `canonicalize` package takes about 5× a
 * JSON.stringify of the record (it scans every string for lone surrogates and tracks cycles in a
 * Set), this about 2× (bench/integrity/record-hash.ts, results in bench/README.md).
 *
 * Where JCS refuses input, this stays total and deterministic, so a record never fails to hash:
 * lone surrogates are escaped (`\udXXX`) and NaN/±Infinity become `null`, as JSON.stringify stores
 * them, so the text of a record and of its stored bytes read back are the same. Records are trees
 * (the shipper makes them so); a cycle would overflow the stack, which the caller catches.
 */
export function canonicalJson(value: unknown): string | undefined {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalJson((toJSON as () => unknown).call(value));
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = canonicalJson(object[key]);
    if (text === undefined) continue;
    if (!first) out += ',';
    out += `${quotedKey(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** Record keys repeat from record to record: quote each once. Bounded, so odd keys cannot grow it. */
const QUOTED = new Map<string, string>();
const MAX_QUOTED = 10_000;
function quotedKey(key: string): string {
  let quoted = QUOTED.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED.size < MAX_QUOTED) QUOTED.set(key, quoted);
  }
  return quoted;
}
