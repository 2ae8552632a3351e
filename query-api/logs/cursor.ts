/** A page cursor: the last hit's sort values and the sort they belong to, base64url JSON. */
export function encodeCursor(sortValues: readonly unknown[], sort: string): string {
  return Buffer.from(JSON.stringify({ s: sort, a: sortValues })).toString('base64url');
}

export class CursorError extends Error {}

/** The `search_after` values of a cursor made for the same sort; throws CursorError otherwise. */
export function decodeCursor(cursor: string, sort: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('not a cursor this API returned');
  }
  const { s, a } = (parsed ?? {}) as { s?: unknown; a?: unknown };
  if (s !== sort) throw new CursorError('was made for another sort');
  if (
    !Array.isArray(a) ||
    a.length < 2 ||
    a.length > 3 ||
    !a.every((v) => ['string', 'number'].includes(typeof v) || v === null)
  ) {
    throw new CursorError('not a cursor this API returned');
  }
  return a;
}
