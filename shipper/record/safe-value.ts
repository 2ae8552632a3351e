/**
 * Turns whatever an application passes as log data into plain JSON: circular references, BigInt,
 * functions, symbols, errors, buffers, dates, huge strings and deep nesting all have a bounded,
 * serialisable form. It never throws, so nothing an app logs can throw back into it.
 */

export interface SafeValueLimits {
  /** Default 12. Deeper values are replaced by `"[depth limit]"`. */
  readonly maxDepth: number;
  /** Default 8 192 characters per string. */
  readonly maxStringChars: number;
  /** Default 1 000 entries per object or array. */
  readonly maxEntries: number;
}

// 8 192 characters stay under Lucene's 32 766-byte term limit even at 4 UTF-8 bytes a character:
// every `details` value is indexed as a term by `flat_object`.
export const DEFAULT_SAFE_VALUE_LIMITS: SafeValueLimits = { maxDepth: 12, maxStringChars: 8_192, maxEntries: 1_000 };

export function safeValue(value: unknown, limits: SafeValueLimits = DEFAULT_SAFE_VALUE_LIMITS): unknown {
  // The usual log data is plain JSON within the limits already: it is used as it is, uncopied
  // (it is serialised before the log call returns, so later changes by the app cannot reach it).
  return isPlainJson(value, 0, limits) ? value : visit(value, 0, { limits, path: [] });
}

/**
 * Whether `value` serialises as itself within the limits: strings, finite numbers, booleans, null,
 * arrays and `Object.prototype` objects of those, nothing deeper than maxDepth (so a cycle is
 * never plain), no more than maxEntries per level. Reads only; a throwing getter means no.
 */
function isPlainJson(value: unknown, depth: number, limits: SafeValueLimits): boolean {
  switch (typeof value) {
    case 'string':
      return value.length <= limits.maxStringChars;
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= limits.maxDepth) return false;
  try {
    if (Array.isArray(value)) {
      if (value.length > limits.maxEntries) return false;
      for (const item of value) if (!isPlainJson(item, depth + 1, limits)) return false;
      return true;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    let entries = 0;
    for (const key in value) {
      if (++entries > limits.maxEntries) return false;
      if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1, limits)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

interface Walk {
  readonly limits: SafeValueLimits;
  /**
   * The objects on the path from the root to the value being visited: a value among them is a
   * cycle. The path is never deeper than maxDepth, so a scan beats a WeakSet's hashing.
   */
  readonly path: object[];
}

function visit(v: unknown, depth: number, walk: Walk): unknown {
  const { limits, path } = walk;
  switch (typeof v) {
    case 'string':
      return v.length > limits.maxStringChars ? `${v.slice(0, limits.maxStringChars)}…[${v.length} chars]` : v;
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'boolean':
      return v;
    case 'bigint':
      return v.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (v === null) return null;
  const object = v as object;
  if (path.includes(object)) return '[circular]';
  if (depth >= limits.maxDepth) return '[depth limit]';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (Buffer.isBuffer(v)) return `[${v.length} bytes]`;
  if (ArrayBuffer.isView(v)) return `[${v.byteLength} bytes]`;
  path.push(object);
  try {
    if (v instanceof Error) {
      return visit(
        { name: v.name, message: v.message, ...(v.stack ? { stack: v.stack } : {}), ...ownFields(v) },
        depth,
        walk,
      );
    }
    if (Array.isArray(v) || v instanceof Set) {
      const items = [...(v as Iterable<unknown>)];
      const out = items.slice(0, limits.maxEntries).map((item) => visit(item, depth + 1, walk) ?? null);
      if (items.length > limits.maxEntries) out.push(`[${items.length - limits.maxEntries} more]`);
      return out;
    }
    if (v instanceof Map)
      return visitFields(Object.fromEntries([...v].map(([key, item]) => [String(key), item])), depth, walk);
    const json = toJsonOf(object);
    if (json !== object && (typeof json !== 'object' || json === null))
      return visitFields({ value: json }, depth, walk);
    return visitFields(json as Record<string, unknown>, depth, walk);
  } catch (error) {
    // A getter that throws, a revoked proxy: keep what can be said about it.
    return `[unserialisable: ${(error as Error)?.message ?? 'error'}]`;
  } finally {
    path.pop();
  }
}

function visitFields(source: Record<string, unknown>, depth: number, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(source);
  let kept = 0;
  for (const key of keys) {
    if (kept === walk.limits.maxEntries) {
      out['[more]'] = keys.length - kept;
      break;
    }
    const safe = visit(source[key], depth + 1, walk);
    if (safe !== undefined) {
      out[key] = safe;
      kept++;
    }
  }
  return out;
}

/** What `JSON.stringify` would serialise in place of `object`: its `toJSON()` result, or itself. */
function toJsonOf(object: object): unknown {
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(object) : object;
}

function ownFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(error)) fields[key] = (error as unknown as Record<string, unknown>)[key];
  if ('cause' in error && error.cause !== undefined) fields.cause = error.cause;
  return fields;
}
