import type { Context } from 'hono';

/** The query string as an object: a parameter given once is a string, repeated (`status=a&status=b`) a list. */
export function queryParams(c: Context): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([key, values]) => [key, values.length === 1 ? values[0]! : values]),
  );
}
