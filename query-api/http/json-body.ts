import type { Context } from 'hono';

/** A request's JSON body: `{}` when empty, the symbol `invalid` when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

export const INVALID_JSON = Symbol.for('invalid');
